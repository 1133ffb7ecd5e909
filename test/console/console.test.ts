// The web console used as a person would, in Debian's chromium: it loads cleanly, shows a vendor call live
// with its explanation, adds a fault that the next vendor call meets, edits share settings that the vendor's
// GET then returns (and shows a refused edit's message next to its field), filters by namespace, works from
// the keyboard, and asks for the admin token when one is set.
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DASHBOARDS, TOKENS, auth, base, shareBody } from '../desk/desk-fixtures';
import type { Served } from './browser';
import { describeInBrowser, launch, openConsole, serve } from './browser';

jest.setTimeout(30_000);

const sharePath = `${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`;
const deskPut = (url: string, namespace = 'default') =>
  request(url).put(sharePath).set(auth(TOKENS.readWrite)).set('x-emulator-namespace', namespace).send(shareBody(DASHBOARDS.backlog)).expect(204);
const idOf = (response: { headers: Record<string, string> }): string => response.headers['x-emulator-request-id'] as string;
/** The live indicator says "live" once the stream's replay is in. */
const live = (page: Page) => page.getByRole('status').filter({ hasText: /^live$/ }).waitFor();

describeInBrowser('the console in a browser', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    served = await serve();
  });
  afterEach(async () => {
    await served.server.close(100);
  });

  test('loads with no console errors, every view reachable', async () => {
    const { page, errors } = await openConsole(browser, served.url);
    await live(page);
    for (const view of ['State', 'Faults', 'Namespaces', 'Requests']) {
      await page.getByRole('tab', { name: view }).click();
      await page.getByRole('region', { name: view }).waitFor();
    }
    await page.getByRole('tab', { name: 'State' }).click();
    await page.getByRole('button', { name: 'DESK' }).click();
    await page.getByRole('cell', { name: /^Team backlog/ }).waitFor();
    expect(errors).toEqual([]);
  });

  test('a DESK PUT shows up in the live table within 2 s, and its detail shows the explanation', async () => {
    const { page, errors } = await openConsole(browser, served.url);
    await live(page);
    const id = idOf(await deskPut(served.url));
    const row = page.locator(`tr[data-id="${id}"]`);
    await row.waitFor({ timeout: 2000 });
    await expect(row.innerText()).resolves.toMatch(/PUT\s+\/api\/config\/v1\/dashboards\/0b3a2c4e-1111-4222-8333-444455556666\/shareSettings\s+updateDashboardShareSettings\s+204/);
    await row.click();
    const detail = page.getByRole('complementary', { name: `Request ${id}` });
    const entry = (await request(served.url).get(`/_emulator/requests/${id}`).expect(200)).body as { explanation: { summary: string } };
    const shown = await detail.getByRole('region', { name: 'Explanation' }).innerText();
    // The pane leads with the summary sentence, then everything the journal holds.
    expect(entry.explanation.summary).toMatch(/^204: updateDashboardShareSettings .*; replaced share settings of dashboard /);
    expect(shown).toContain(entry.explanation.summary);
    expect(shown).toContain('"template": "/api/config/v1/dashboards/{id}/shareSettings"');
    await expect(detail.getByRole('region', { name: 'Copy as curl' }).innerText()).resolves.toContain(`curl -X PUT '${served.url}${sharePath}' -H 'authorization: Api-Token ***'`);
    expect(errors).toEqual([]);
  });

  test('a fault added through the form makes the next vendor call answer 503', async () => {
    const { page, errors } = await openConsole(browser, served.url);
    await page.getByRole('tab', { name: 'Faults' }).click();
    const form = page.getByRole('form', { name: 'Add a fault rule' });
    await form.getByLabel('Vendor').selectOption('desk');
    await form.getByLabel('Operation').selectOption('getDashboardShareSettings');
    await form.getByLabel('Status').fill('503');
    await form.getByLabel('Message').fill('Down for the test');
    await form.getByLabel('Times').fill('1');
    await form.getByRole('button', { name: 'Add fault' }).click();
    await page.getByRole('cell', { name: 'vendor=desk, operationId=getDashboardShareSettings' }).waitFor();

    const answered = await request(served.url).get(sharePath).set(auth(TOKENS.readWrite));
    expect(answered.status).toBe(503);
    expect(JSON.stringify(answered.body)).toContain('Down for the test');
    await request(served.url).get(sharePath).set(auth(TOKENS.readWrite)).expect(200); // times: 1
    expect(errors).toEqual([]);
  });

  test("editing a dashboard's share settings in the state view changes what the vendor's GET returns", async () => {
    const { page, errors } = await openConsole(browser, served.url);
    await page.getByRole('tab', { name: 'State' }).click();
    await page.getByRole('button', { name: 'DESK' }).click();
    await page.getByRole('button', { name: 'Edit sharing of Team backlog' }).click();
    const form = page.getByRole('form', { name: 'Share settings of Team backlog' });

    // A refused edit: the server's message appears next to the field it names, and nothing changes.
    await form.getByLabel(/^Permissions/).fill('ALL SOMETIMES');
    await form.getByRole('button', { name: 'Save share settings' }).click();
    await expect(form.getByRole('alert').innerText()).resolves.toMatch(/shareSettings\.permissions\[0\]\.permission/);
    expect((await request(served.url).get(sharePath).set(auth(TOKENS.readWrite)).expect(200)).body.enabled).toBe(false);

    await form.getByLabel('Sharing enabled').check();
    await form.getByLabel(/^Permissions/).fill('ALL VIEW');
    await form.getByLabel(/^Public-access management zones/).fill('zone-from-console');
    await form.getByRole('button', { name: 'Save share settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved DESK state' }).waitFor();

    const got = (await request(served.url).get(sharePath).set(auth(TOKENS.readWrite)).expect(200)).body as { enabled: boolean; permissions: unknown; publicAccess: { managementZoneIds: string[] } };
    expect(got.enabled).toBe(true);
    expect(got.permissions).toEqual([{ type: 'ALL', permission: 'VIEW' }]);
    expect(got.publicAccess.managementZoneIds).toEqual(['zone-from-console']);
    expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
  });

  test('the namespace filter hides other namespaces', async () => {
    const { page, errors } = await openConsole(browser, served.url);
    await live(page);
    const a = idOf(await deskPut(served.url, 'team-a'));
    const b = idOf(await deskPut(served.url, 'team-b'));
    await page.locator(`tr[data-id="${b}"]`).waitFor({ timeout: 2000 });
    await page.getByRole('search').getByLabel('Namespace').selectOption('team-a');
    await page.locator(`tr[data-id="${b}"]`).waitFor({ state: 'detached' });
    const rows = page.locator('tr[data-id]');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute('data-id')).resolves.toBe(a);
    await expect(rows.first().innerText()).resolves.toContain('team-a');
    expect(errors).toEqual([]);
  });

  test('usable from the keyboard: tabs with the arrow keys, a request opened with Enter', async () => {
    const { page } = await openConsole(browser, served.url);
    await live(page);
    const id = idOf(await deskPut(served.url));
    await page.locator(`tr[data-id="${id}"]`).waitFor({ timeout: 2000 });
    await page.getByRole('tab', { name: 'Requests' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'State' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowLeft');
    // Tab through the filters to the first row, then open it.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.locator(':focus').getAttribute('data-id')) !== null) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: `Request ${id}` }).waitFor();
  });
});

describeInBrowser('the console with ADMIN_TOKEN', () => {
  let browser: Browser;
  let served: Served;

  beforeAll(async () => {
    browser = await launch();
    served = await serve({ adminToken: 'console-sekrit' });
  });
  afterAll(async () => {
    await served?.server.close(100);
    await browser?.close();
  });

  test('asks for the token once, then works (stream and calls)', async () => {
    const { page, errors } = await openConsole(browser, served.url);
    const dialog = page.getByRole('dialog', { name: 'Admin token needed' });
    await dialog.waitFor();
    await page.getByRole('textbox', { name: 'Admin token' }).fill('console-sekrit');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await live(page);
    const id = idOf(await deskPut(served.url));
    await page.locator(`tr[data-id="${id}"]`).waitFor({ timeout: 2000 });
    await page.getByRole('tab', { name: 'Namespaces' }).click();
    await page.getByRole('cell', { name: 'default', exact: true }).waitFor();
    // Only the calls made before the token was given were refused.
    expect(errors.every((e) => e.includes('401 (Unauthorized)'))).toBe(true);
  });
});
