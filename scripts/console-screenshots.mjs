// Regenerates docs/console-*.png: starts the built emulator, makes the calls a frontend under development
// would (three vendors, two namespaces, a refused call, a fault), and photographs each view of the console in
// Debian's chromium. Run after `npm run build`: node scripts/console-screenshots.mjs
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startEmulator } = createRequire(import.meta.url)(join(root, 'dist', 'index.js'));
const docs = join(root, 'docs');
mkdirSync(docs, { recursive: true });

const emulator = await startEmulator({ logLevel: 'silent', eventStream: { keepAliveMs: 1000 } });
const call = (method, path, { headers = {}, body, namespace } = {}) =>
  fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(namespace ? { 'x-emulator-namespace': namespace } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const desk = { authorization: 'Api-Token dt0c01.abc12345.readwrite' };
const deskRead = { authorization: 'Api-Token dt0c01.abc12345.readonly' };
const backlog = '0b3a2c4e-1111-4222-8333-444455556666';
const operations = '7dd386fe-2b42-4b4e-9d1c-6f1f3b0a5a01';
const luzmo = (body) => call('POST', '/0.1.0/share', { body: { ...body, key: 'key-olivia', token: 'token-olivia', version: '0.1.0' } });

// What an app under development does: list, read, share, get refused once, meet a fault.
await call('GET', '/api/config/v1/dashboards', { headers: desk });
await call('GET', `/api/config/v1/dashboards/${operations}/shareSettings`, { headers: desk });
await call('PUT', `/api/config/v1/dashboards/${backlog}/shareSettings`, {
  headers: desk,
  body: { id: backlog, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: ['default'] } },
});
await call('PUT', `/api/config/v1/dashboards/${backlog}/shareSettings`, { headers: deskRead, body: { id: backlog, enabled: false, permissions: [] } });
await call('GET', '/api/v3/dashboard/101/share', { headers: { 'ECI-ApiKey': 'eci.sam.key' } });
await call('PUT', '/api/v3/dashboard/102/share', { headers: { 'ECI-ApiKey': 'eci.carl.key' }, body: { sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] } });
await luzmo({ action: 'get', find: { where: { id: 'lz6dmtgusy8lkvnr' } } });
await luzmo({ action: 'create', properties: {} });
await call('GET', '/api/v3/dashboard/101', { headers: { 'ECI-ApiKey': 'eci.vera.key' }, namespace: 'checkout-e2e' });
await call('PUT', `/api/config/v1/dashboards/${operations}/shareSettings`, { headers: desk, namespace: 'checkout-e2e', body: { id: operations, enabled: 'yes' } });
await call('POST', '/_emulator/faults', { body: { match: { vendor: 'desk', operationId: 'getDashboards' }, action: { status: 503, message: 'Maintenance window', retryAfter: 30 }, times: 3 } });
await call('POST', '/_emulator/faults', { body: { match: { vendor: 'energycap', pathPattern: '^/api/v3/user' }, action: { delayMs: 800 } } });
await call('GET', '/api/config/v1/dashboards', { headers: desk });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
const shot = async (name) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(docs, `console-${name}.png`) });
  console.log(`docs/console-${name}.png`);
};
await page.goto(`${emulator.url}/_emulator/ui/`);
await page.getByRole('status').filter({ hasText: /^live$/ }).waitFor();

// Requests, with Carl's refused EnergyCAP share opened: why it was refused is the point of the pane.
await page.locator('tr[data-id]', { hasText: '/api/v3/dashboard/102/share' }).click();
await shot('requests');

await page.getByRole('tab', { name: 'State' }).click();
await page.getByRole('button', { name: 'DESK' }).click();
await page.getByRole('button', { name: 'Edit sharing of Team backlog' }).click();
await page.getByLabel(/^Permissions/).fill('ALL SOMETIMES');
await page.getByRole('button', { name: 'Save share settings' }).click();
await page.getByRole('alert').waitFor();
await shot('state');

await page.getByRole('tab', { name: 'Faults' }).click();
await page.getByRole('cell', { name: /operationId=getDashboards/ }).waitFor();
await page.getByLabel('Vendor').selectOption('desk');
await page.getByLabel('Operation').selectOption('updateDashboardShareSettings');
await shot('faults');

await page.getByRole('tab', { name: 'Namespaces' }).click();
await page.getByRole('cell', { name: 'checkout-e2e', exact: true }).waitFor();
await shot('namespaces');

await browser.close();
await emulator.close();
