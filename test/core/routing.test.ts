// Routing through HTTP at the edges the router's last-segment shortcut must respect (a trailing slash, paths of
// a case-insensitive vendor, a literal that is also a valid id: the GETs below fail if it skips a route it must
// try), the answers around them, and the assumption its case-insensitive comparison rests on: ASCII literals.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base } from '../desk/desk-fixtures';
import { BASE as ENERGYCAP, DASHBOARDS as EC_DASHBOARDS, KEYS, key } from '../energycap/energycap-fixtures';

const { app, exchanges } = testEmulator();

async function routedTo(path: string, headers: Record<string, string>): Promise<{ status: number; operationId: string | null }> {
  const res = await request(app).get(path).set(headers);
  const exchange = exchanges.at(-1);
  return { status: res.status, operationId: exchange !== undefined && exchange.path === path ? exchange.operationId : 'not observed' };
}

test.each([
  ['DESK share settings', `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`, 'getDashboardShareSettings'],
  ['DESK share settings, trailing slash', `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings/`, 'getDashboardShareSettings'],
  ['DESK share settings, Managed base', `${base('abc12345')}/dashboards/${DASHBOARDS.operations}/shareSettings/`, 'getDashboardShareSettings'],
  ['DESK dashboard', `${base()}/dashboards/${DASHBOARDS.operations}/`, 'getDashboard'],
  // `validator` is a literal of POST /dashboards/validator and, for a GET, an id of GET /dashboards/{id}.
  ['DESK dashboard whose id is a literal of another route', `${base()}/dashboards/validator`, 'getDashboard'],
])('%s: GET routes to its operation', async (_name, path, operationId) => {
  expect((await routedTo(path, auth(TOKENS.readWrite))).operationId).toBe(operationId);
});

test.each([
  ['lower case', `${ENERGYCAP}/dashboard/${EC_DASHBOARDS.samShared}/share`],
  ['upper case, trailing slash', `${ENERGYCAP.toUpperCase()}/DASHBOARD/${EC_DASHBOARDS.samShared}/SHARE/`],
  ['mixed case', `${ENERGYCAP}/Dashboard/${EC_DASHBOARDS.samShared}/sHaRe`],
])('EnergyCAP share, %s: routes to GetDashboardShareV3 and answers 200', async (_name, path) => {
  expect(await routedTo(path, key(KEYS.sam))).toEqual({ status: 200, operationId: 'GetDashboardShareV3' });
});

test.each([
  ['two trailing slashes', `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings//`],
  ['a last segment no template has', `${base()}/dashboards/${DASHBOARDS.operations}/shareSetting`],
  ['a literal one segment too deep', `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings/x/validator`],
])('DESK, %s: 404 in the vendor envelope', async (_name, path) => {
  const res = await request(app).get(path).set(auth(TOKENS.readWrite));
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: { code: 404, message: expect.any(String) } });
});

test('DESK, a method the route ending in that literal lacks: 405', async () => {
  const res = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings/validator`).set(auth(TOKENS.readWrite));
  expect(res.status).toBe(405);
});

test('every literal path segment of every vendor is ASCII (the router lower-cases a path segment to compare it with one)', () => {
  const { runtimes } = testEmulator();
  const literals = runtimes.flatMap((r) => [...r.table.bases.map((b) => b.template), ...r.table.operations.map((o) => o.path)].flatMap((t) => t.split('/')).filter((s) => !s.startsWith('{')));
  expect(literals.length).toBeGreaterThan(20);
  expect(literals.filter((segment) => !/^[\x20-\x7e]*$/.test(segment))).toEqual([]);
});
