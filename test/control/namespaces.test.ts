// Per-test isolation: X-Emulator-Namespace selects an isolated copy of the whole state (plus its own
// journal entries and fault rules), built from the fixtures on first use, LRU-bounded.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { USERS, rpc } from '../luzmo/luzmo-fixtures';

const NS = 'x-emulator-namespace';
const sharePath = `${base()}/dashboards/${DESK.backlog}/shareSettings`;
const body = (zones: string[]) => ({ id: DESK.backlog, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: zones } });

test('two namespaces written in parallel do not see each other', async () => {
  const { app } = testEmulator();
  const workers = ['worker-1', 'worker-2', 'worker-3', 'worker-4'];
  await Promise.all(
    workers.map(async (ns, i) => {
      for (let round = 0; round < 5; round++) {
        await request(app).put(sharePath).set(NS, ns).set(auth(TOKENS.readWrite)).send(body([`zone-${i}-${round}`])).expect(204);
        const got = await request(app).get(sharePath).set(NS, ns).set(auth(TOKENS.readWrite));
        expect(got.body.publicAccess.managementZoneIds).toEqual([`zone-${i}-${round}`]);
      }
    }),
  );
  const untouched = await request(app).get(sharePath).set(auth(TOKENS.readWrite));
  expect(untouched.body.enabled).toBe(false);
});

test('a new namespace starts from the fixtures, whatever the default namespace did', async () => {
  const { app } = testEmulator();
  await rpc(app, { action: 'delete', id: 'lz6dmtgusy8lkvnr' }).expect(200);
  expect((await rpc(app, { action: 'get' })).body.count).toBe(1);
  const fresh = await rpc(app, { action: 'get' }).set(NS, 'fresh');
  expect(fresh.body.count).toBe(2);
});

test('control calls act on their namespace: state, reset, journal and faults', async () => {
  const { app } = testEmulator();
  await request(app).post('/_emulator/faults').set(NS, 'a').send({ action: { status: 503 } }).expect(201);
  expect((await request(app).get(`${base()}/dashboards`).set(NS, 'a').set(auth(TOKENS.readOnly))).status).toBe(503);
  expect((await request(app).get(`${base()}/dashboards`).set(NS, 'b').set(auth(TOKENS.readOnly))).status).toBe(200);
  expect((await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly))).status).toBe(200);

  const journalA = (await request(app).get('/_emulator/requests').set(NS, 'a')).body;
  const journalB = (await request(app).get('/_emulator/requests').set(NS, 'b')).body;
  expect([journalA.total, journalB.total]).toEqual([1, 1]);
  expect(journalA.requests[0]).toMatchObject({ namespace: 'a', status: 503 });

  await request(app).put(sharePath).set(NS, 'b').set(auth(TOKENS.readWrite)).send(body(['b-zone'])).expect(204);
  const stateB = (await request(app).get('/_emulator/state?vendor=desk').set(NS, 'b')).body;
  const stateDefault = (await request(app).get('/_emulator/state?vendor=desk')).body;
  expect(JSON.stringify(stateB)).toContain('b-zone');
  expect(JSON.stringify(stateDefault)).not.toContain('b-zone');

  await request(app).post('/_emulator/reset').set(NS, 'b').expect(200);
  expect((await request(app).get(sharePath).set(NS, 'b').set(auth(TOKENS.readWrite))).body.enabled).toBe(false);
  expect((await request(app).get('/_emulator/faults').set(NS, 'a')).body.faults).toHaveLength(1);
});

test('credentials and DESK environments keep their meaning inside a namespace', async () => {
  const { app } = testEmulator();
  expect((await request(app).get(`/e/mgd00001/api/config/v1/dashboards`).set(NS, 'n1').set(auth(TOKENS.readWrite))).status).toBe(401);
  expect((await request(app).get(`/e/mgd00001/api/config/v1/dashboards`).set(NS, 'n1').set(auth(TOKENS.managedReadWrite))).status).toBe(200);
  expect((await rpc(app, { action: 'get' }, USERS.nina).set(NS, 'n1')).body.count).toBe(0);
});

test('the number of namespaces is bounded: the least recently used one is dropped and starts over', async () => {
  const { app, namespaces } = testEmulator({ maxNamespaces: 2 });
  const write = (ns: string) => request(app).put(sharePath).set(NS, ns).set(auth(TOKENS.readWrite)).send(body([ns])).expect(204);
  const zones = async (ns: string) => (await request(app).get(sharePath).set(NS, ns).set(auth(TOKENS.readWrite))).body.publicAccess.managementZoneIds;
  await write('one');
  await write('two');
  expect(await zones('one')).toEqual(['one']); // 'one' is now the most recently used
  await write('three'); // evicts 'two'
  expect(namespaces.names().sort()).toEqual(['default', 'one', 'three']);
  expect(await zones('two')).toEqual([]); // rebuilt from the fixtures
  expect(await zones('default')).toEqual([]);
});

test('an evicted namespace starts over everywhere: its journal entries and rate-limit counts go with its state', async () => {
  const { app } = testEmulator({ maxNamespaces: 1, rateLimits: { desk: { perSecond: 1, burst: 2 } } });
  const read = (ns: string) => request(app).get(sharePath).set(NS, ns).set(auth(TOKENS.readWrite));
  expect((await read('one')).status).toBe(200);
  expect((await read('one')).status).toBe(200);
  expect((await read('one')).status).toBe(429); // the burst of 2 is spent
  expect((await request(app).get('/_emulator/requests').set(NS, 'one')).body.total).toBe(3);
  expect((await read('two')).status).toBe(200); // evicts 'one'
  expect((await request(app).get('/_emulator/requests').set(NS, 'one')).body.total).toBe(0);
  expect((await read('one')).status).toBe(200); // evicts 'two'; 'one' counts from zero again
});

test.each(['has space', 'x'.repeat(65), 'slash/inside', 'semi;colon'])('an invalid namespace %j -> 400 in the vendor or control envelope', async (name) => {
  const { app } = testEmulator();
  const res = await request(app).get(`${base()}/dashboards`).set(NS, name).set(auth(TOKENS.readOnly));
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: { code: 400, message: "Invalid x-emulator-namespace header: use 1 to 64 letters, digits, '.', '_' or '-'." } });
  const control = await request(app).get('/_emulator/state').set(NS, name);
  expect(control.status).toBe(400);
  expect(control.body.error).toMatch(/^Invalid x-emulator-namespace header/);
});
