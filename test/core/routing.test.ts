// Routing through HTTP at the edges the router's last-segment shortcut must respect (a trailing slash, paths of
// a case-insensitive vendor, a literal that is also a valid id: the GETs below fail if it skips a route it must
// try), the answers around them, the assumption its case-insensitive comparison rests on (ASCII literals), and
// its cache of resolved paths: a path asked again, by another method, past the cache's bounds, answers the same.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base } from '../desk/desk-fixtures';
import { BASE as ENERGYCAP, DASHBOARDS as EC_DASHBOARDS, KEYS, key } from '../energycap/energycap-fixtures';
import { PATH_CACHE_ENTRIES, PATH_CACHE_LENGTH, PathCache } from '../../src/core/routing/path-cache';

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

test('a path asked again answers as the first time, whichever method asks, also once the path cache has emptied', async () => {
  const validator = `${base()}/dashboards/validator`;
  const share = `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`;
  const ask = async (): Promise<string[]> => {
    const answers: string[] = [];
    for (const [method, path] of [['POST', validator], ['GET', validator], ['DELETE', share], ['GET', share], ['HEAD', share]] as const) {
      const res = await request(app)[method === 'HEAD' ? 'head' : method === 'POST' ? 'post' : method === 'DELETE' ? 'delete' : 'get'](path).set(auth(TOKENS.readWrite));
      answers.push(`${method} ${res.status} ${exchanges.at(-1)?.operationId ?? '-'}`);
    }
    return answers;
  };
  const first = await ask();
  expect(first).toEqual(['POST 400 validateCreateDashboard', 'GET 400 getDashboard', 'DELETE 405 -', 'GET 200 getDashboardShareSettings', 'HEAD 200 getDashboardShareSettings']);
  expect(await ask()).toEqual(first);
  // More distinct paths than the cache keeps, and one longer than it keeps: it empties, and still answers right.
  for (let i = 0; i <= PATH_CACHE_ENTRIES; i++) await request(app).get(`${base()}/dashboards/${String(i).padStart(8, '0')}-1111-4222-8333-444455556666`).set(auth(TOKENS.readWrite));
  const long = await request(app).get(`${base()}/dashboards/${'a'.repeat(PATH_CACHE_LENGTH)}`).set(auth(TOKENS.readWrite));
  expect(long.status).toBe(400);
  expect(await ask()).toEqual(first);
});

test('the path cache keeps at most its entries and no path cut from a request target longer than its limit', () => {
  const cache = new PathCache<number>();
  cache.set('x'.repeat(PATH_CACHE_LENGTH + 1), 1, PATH_CACHE_LENGTH + 1);
  cache.set('/short', 1, PATH_CACHE_LENGTH + 1); // a short path of a long target (its query) may hold the target
  expect(cache.size).toBe(0);
  cache.set('x'.repeat(PATH_CACHE_LENGTH), 1, PATH_CACHE_LENGTH);
  expect(cache.get('x'.repeat(PATH_CACHE_LENGTH))).toBe(1);
  for (let i = 0; i < PATH_CACHE_ENTRIES * 2; i++) {
    cache.set(`/p/${i}`, i, 8);
    expect(cache.size).toBeLessThanOrEqual(PATH_CACHE_ENTRIES);
  }
  expect(cache.get(`/p/${PATH_CACHE_ENTRIES * 2 - 1}`)).toBe(PATH_CACHE_ENTRIES * 2 - 1);
});

test('path parameters found valid once are not checked again, and a bad one between good ones is still refused', async () => {
  const good = `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`;
  const bad = `${base()}/dashboards/not-a-uuid/shareSettings`;
  const ecGood = `${ENERGYCAP}/dashboard/${EC_DASHBOARDS.samShared}/share`;
  const ecBad = `${ENERGYCAP}/dashboard/abc/share`;
  const statuses: number[] = [];
  for (const [path, headers] of [[good, auth(TOKENS.readWrite)], [bad, auth(TOKENS.readWrite)], [good, auth(TOKENS.readWrite)], [bad, auth(TOKENS.readWrite)], [ecGood, key(KEYS.sam)], [ecBad, key(KEYS.sam)], [ecGood, key(KEYS.sam)]] as const) {
    statuses.push((await request(app).get(path).set(headers)).status);
  }
  expect(statuses).toEqual([200, 400, 200, 400, 200, 400, 200]);
});
