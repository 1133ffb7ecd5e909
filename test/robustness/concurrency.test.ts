// 200 concurrent writes of different bodies to one resource, per vendor, over real connections: the final
// GET equals exactly one of the bodies (never a mix), and the journal counts all 200.
import http from 'node:http';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS } from '../desk/desk-fixtures';
import { KEYS } from '../energycap/energycap-fixtures';
import { USERS } from '../luzmo/luzmo-fixtures';

const N = 200;
let server: RunningServer;
let agent: http.Agent;
beforeEach(async () => {
  server = await listen(testEmulator().app, 0, '127.0.0.1');
  agent = new http.Agent({ keepAlive: true, maxSockets: N });
});
afterEach(async () => {
  agent.destroy();
  await server.close(1000);
});

function call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: unknown }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path, agent, headers: { ...headers, ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: raw ? JSON.parse(raw) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function journalCount(operationId: string): Promise<number> {
  return ((await call('GET', `/_emulator/requests?operationId=${operationId}&limit=1000`, {})).body as { total: number }).total;
}

test('DESK: 200 concurrent PUT shareSettings', async () => {
  const path = `/api/config/v1/dashboards/${DESK.backlog}/shareSettings`;
  const headers = { authorization: `Api-Token ${TOKENS.readWrite}` };
  const body = (i: number) => ({ id: DESK.backlog, enabled: i % 2 === 0, permissions: [{ type: 'USER', id: `user-${i}`, permission: 'VIEW' }], publicAccess: { managementZoneIds: [`zone-${i}`] } });
  const results = await Promise.all(Array.from({ length: N }, (_, i) => call('PUT', path, headers, body(i))));
  expect(results.every((r) => r.status === 204)).toBe(true);
  const final = (await call('GET', path, headers)).body as { enabled: boolean; permissions: { id: string }[]; publicAccess: { managementZoneIds: string[] } };
  const i = Number(final.publicAccess.managementZoneIds[0]?.replace('zone-', ''));
  expect(final).toMatchObject({ enabled: i % 2 === 0, permissions: [{ id: `user-${i}`, permission: 'VIEW', type: 'USER' }], publicAccess: { managementZoneIds: [`zone-${i}`] } });
  expect(await journalCount('updateDashboardShareSettings')).toBe(N);
});

test('EnergyCAP: 200 concurrent PUT share', async () => {
  const path = '/api/v3/dashboard/100/share';
  const headers = { 'ECI-ApiKey': KEYS.sam };
  // 200 different (users, groups) combinations out of 7 users and 2 groups.
  const body = (i: number) => ({
    sharedWithEveryone: false,
    sharedUserIds: [1, 2, 3, 4, 5, 6, 7].filter((_, bit) => ((i + 1) >> bit) & 1),
    sharedUserGroupIds: [10, 11].filter((_, bit) => ((i + 1) >> (bit + 7)) & 1),
  });
  const results = await Promise.all(Array.from({ length: N }, (_, i) => call('PUT', path, headers, body(i))));
  expect(results.every((r) => r.status === 200)).toBe(true);
  const final = (await call('GET', path, headers)).body as { sharedUsers: { userId: number }[]; sharedUserGroups: { userGroupId: number }[] };
  const got = { users: final.sharedUsers.map((u) => u.userId), groups: final.sharedUserGroups.map((g) => g.userGroupId) };
  const matches = Array.from({ length: N }, (_, i) => body(i)).filter((b) => JSON.stringify([b.sharedUserIds, b.sharedUserGroupIds]) === JSON.stringify([got.users, got.groups]));
  expect(matches).toHaveLength(1);
  expect(await journalCount('EditDashboardShareV3')).toBe(N);
});

test('Luzmo: 200 concurrent associations of one share with 200 different locales', async () => {
  const state = (await call('GET', '/_emulator/state?vendor=luzmo', {})).body as { locales: { id: string; name: string }[] };
  state.locales.push(...Array.from({ length: N }, (_, i) => ({ id: `locale-${i}`, name: `Locale ${i}` })));
  expect((await call('PUT', '/_emulator/state?vendor=luzmo', {}, state)).status).toBe(200);
  const creds = { key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' };
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) => call('LINK', '/0.1.0/share', {}, { action: 'associate', id: 'lz6dmtgusy8lkvnr', resource: { role: 'Locales', id: `locale-${i}` }, ...creds })),
  );
  expect(results.every((r) => r.status === 200)).toBe(true);
  const final = (await call('SEARCH', '/0.1.0/share', {}, { action: 'get', find: { where: { id: 'lz6dmtgusy8lkvnr' } }, ...creds })).body as { rows: { locale_id: string }[] };
  expect(final.rows[0]?.locale_id).toMatch(/^locale-(\d|[1-9]\d|1\d\d)$/);
  expect(await journalCount('associateShare')).toBe(N);
});
