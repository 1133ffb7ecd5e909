// The request journal through HTTP: what an entry holds, the filters, credential redaction for every
// vendor, the ring-buffer bound, and that control-plane calls are not journaled.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { BEARER, KEYS, key } from '../energycap/energycap-fixtures';
import { USERS, rpc } from '../luzmo/luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

interface Entry {
  vendor: string | null;
  operationId: string | null;
  status: number;
  path: string;
  query: string;
  truncated?: boolean;
  request: { headers: Record<string, string>; body: unknown };
}

const journal = async (query = '') => (await request(app).get(`/_emulator/requests${query}`)).body as { total: number; requests: Entry[] };

test('an entry holds time, vendor, operationId, method, path, status, duration, bodies and headers', async () => {
  const sent = await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .send({ id: DESK.backlog, enabled: true, permissions: [], publicAccess: { managementZoneIds: [] } });
  const { total, requests } = await journal();
  expect(total).toBe(1);
  expect(requests[0]).toEqual({
    id: sent.headers['x-emulator-request-id'],
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    namespace: 'default',
    vendor: 'desk',
    operationId: 'updateDashboardShareSettings',
    method: 'PUT',
    path: `${base()}/dashboards/${DESK.backlog}/shareSettings`,
    query: '',
    status: 204,
    validation: 'passed',
    durationMs: expect.any(Number),
    explanation: expect.objectContaining({ summary: expect.stringMatching(/^204: updateDashboardShareSettings for token /), route: expect.objectContaining({ operationId: 'updateDashboardShareSettings' }) }),
    request: {
      headers: expect.objectContaining({ authorization: 'Api-Token ***', 'content-type': 'application/json' }),
      body: { id: DESK.backlog, enabled: true, permissions: [], publicAccess: { managementZoneIds: [] } },
    },
    response: { headers: expect.objectContaining({ 'x-emulator-request-id': sent.headers['x-emulator-request-id'] }), body: null },
  });
});

test('credentials are redacted: Api-Token header and query, ECI-ApiKey, bearer tokens, Luzmo key and token', async () => {
  await request(app).get(`${base()}/dashboards?owner=x&api-token=${TOKENS.readOnly}`);
  await request(app).get('/api/v3/dashboard').set(key(KEYS.sam)).set('authorization', `bearer ${BEARER.sam}`);
  await rpc(app, { action: 'get', find: {} }, USERS.olivia);
  const text = JSON.stringify(await journal());
  for (const secret of [TOKENS.readOnly, KEYS.sam, BEARER.sam, USERS.olivia.key, USERS.olivia.token]) expect(text).not.toContain(secret);
  const { requests } = await journal();
  expect(requests[0]?.query).toBe('owner=x&api-token=***');
  expect(requests[1]?.request.headers).toMatchObject({ 'eci-apikey': '***', authorization: 'bearer ***' });
  expect(requests[2]?.request.body).toEqual({ action: 'get', find: {}, key: '***', token: '***', version: '0.1.0' });
});

test('filters: vendor, operationId, method, status, since, limit', async () => {
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  await request(app).get(`${base()}/dashboards/nope`).set(auth(TOKENS.readOnly));
  const middle = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  await rpc(app, { action: 'create', properties: {} });
  await rpc(app, { action: 'get' }, USERS.victor, 'search');
  await request(app).get('/api/v3/dashboard/100').set(key(KEYS.sam));

  expect((await journal()).total).toBe(5);
  expect((await journal('?vendor=luzmo')).requests.map((r) => r.operationId)).toEqual(['createShare', 'searchShare']);
  expect((await journal('?operationId=getDashboard')).requests.map((r) => r.status)).toEqual([400]);
  expect((await journal('?method=search')).requests.map((r) => r.operationId)).toEqual(['searchShare']);
  expect((await journal('?status=200')).total).toBe(4);
  expect((await journal(`?since=${encodeURIComponent(middle)}`)).requests.map((r) => r.vendor)).toEqual(['luzmo', 'luzmo', 'energycap']);
  expect((await journal('?limit=2')).requests.map((r) => r.vendor)).toEqual(['luzmo', 'energycap']);
  expect((await journal('?vendor=energycap&limit=0')).total).toBe(0);
});

test('control-plane calls are not journaled; paths no vendor serves are', async () => {
  await request(app).get('/_emulator/health');
  await request(app).get('/_emulator/state');
  await request(app).get('/nowhere');
  const { requests } = await journal();
  expect(requests.map((r) => [r.vendor, r.path, r.status])).toEqual([[null, '/nowhere', 404]]);
});

test('DELETE /_emulator/requests empties it (?vendor= only that vendor)', async () => {
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  await rpc(app, { action: 'get' });
  await request(app).delete('/_emulator/requests?vendor=desk').expect(204);
  expect((await journal()).requests.map((r) => r.vendor)).toEqual(['luzmo']);
  await request(app).delete('/_emulator/requests').expect(204);
  expect((await journal()).total).toBe(0);
});

test('reset clears the journal too', async () => {
  await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  await request(app).post('/_emulator/reset').expect(200);
  expect((await journal()).total).toBe(0);
});

test('a body that is not JSON is kept as text; a huge one is truncated and marked', async () => {
  await request(app).put(`${base()}/dashboards/${DESK.backlog}/shareSettings`).set(auth(TOKENS.readWrite)).set('content-type', 'application/json').send('{oops');
  await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .send({ id: DESK.backlog, permissions: [], publicAccess: { managementZoneIds: [] }, padding: 'x'.repeat(100 * 1024) });
  const { requests } = await journal();
  expect(requests[0]?.request.body).toBe('{oops');
  expect(requests[1]?.truncated).toBe(true);
  expect((requests[1]?.request.body as string).length).toBe(64 * 1024);
});

test('the journal is a ring buffer: it keeps the configured number of most recent entries', async () => {
  const small = testEmulator({ journalSize: 5 }).app;
  for (let i = 0; i < 12; i++) await request(small).get(`${base()}/dashboards?owner=${i}`).set(auth(TOKENS.readOnly));
  const { total, requests } = (await request(small).get('/_emulator/requests')).body;
  expect(total).toBe(5);
  expect(requests.map((r: { query: string }) => r.query)).toEqual(['owner=7', 'owner=8', 'owner=9', 'owner=10', 'owner=11']);
});

test('the journal is bounded in bytes too: large bodies evict the oldest entries', async () => {
  const bounded = testEmulator({ journalBytes: 300 * 1024 });
  for (let i = 0; i < 10; i++) {
    await request(bounded.app)
      .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
      .set(auth(TOKENS.readWrite))
      .send({ id: DESK.backlog, enabled: true, permissions: [], publicAccess: { managementZoneIds: [] }, padding: `${i}${'x'.repeat(60 * 1024)}` });
  }
  const { total, requests } = (await request(bounded.app).get('/_emulator/requests')).body as { total: number; requests: Entry[] };
  expect(total).toBeGreaterThanOrEqual(3);
  expect(total).toBeLessThanOrEqual(4);
  expect(bounded.journal.bytes).toBeLessThanOrEqual(300 * 1024);
  // The most recent ones are kept.
  expect((requests.at(-1)?.request.body as { padding: string }).padding.startsWith('9')).toBe(true);
});

test('a rejected property name of 200 KB counts against the byte bound wherever the entry keeps it (its explanation too)', async () => {
  const bounded = testEmulator();
  const name = 'k'.repeat(200 * 1024);
  const res = await rpc(bounded.app, { action: 'get', find: { [name]: 1 } });
  expect(res.status).toBe(400);
  // The request text holds the name once; the explanation's violation path holds it again.
  expect(bounded.journal.bytes).toBeGreaterThan(2 * name.length);
});

test('a rejected request keeps at most 100 violations, each in the emulator words', async () => {
  await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .send({ id: DESK.backlog, enabled: true, permissions: new Array(2000).fill({}), publicAccess: { managementZoneIds: [] } });
  const { requests } = (await request(app).get('/_emulator/requests')).body as { requests: (Entry & { validation: string; violations: string[] })[] };
  expect(requests[0]?.validation).toBe('rejected');
  expect(requests[0]?.violations).toHaveLength(100);
  expect(requests[0]?.violations[0]).toBe('body permissions[0].permission: must have required property \'permission\'');
});

test('journalSize 0 keeps nothing', async () => {
  const off = testEmulator({ journalSize: 0 }).app;
  await request(off).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  expect((await request(off).get('/_emulator/requests')).body).toEqual({ total: 0, requests: [] });
});
