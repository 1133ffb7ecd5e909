// Fault injection through HTTP: each action (a status in the vendor's own envelope, a 429 with
// Retry-After, a delay, a dropped connection), N times or until removed, the match fields, the
// X-Emulator-Fault header, and the rules' own validation.
import http from 'node:http';
import request from 'supertest';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { KEYS, key } from '../energycap/energycap-fixtures';
import { rpc } from '../luzmo/luzmo-fixtures';

let emulator: ReturnType<typeof testEmulator>;
let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  emulator = testEmulator();
  app = emulator.app;
});

const addFault = (rule: object) => request(app).post('/_emulator/faults').send(rule);
const deskList = () => request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));

describe('a status, in each vendor envelope', () => {
  test('DESK', async () => {
    await addFault({ match: { vendor: 'desk' }, action: { status: 503, message: 'Maintenance' } }).expect(201);
    const res = await deskList();
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 503, message: 'Maintenance' } });
  });

  test('Luzmo', async () => {
    await addFault({ match: { vendor: 'luzmo' }, action: { status: 500 } }).expect(201);
    const res = await rpc(app, { action: 'get' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ type: { code: 500, description: 'Internal Server Error' }, message: 'Internal Server Error' });
  });

  test('EnergyCAP', async () => {
    await addFault({ match: { vendor: 'energycap' }, action: { status: 502, message: 'Bad gateway upstream' } }).expect(201);
    const res = await request(app).get('/api/v3/dashboard').set(key(KEYS.sam));
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ message: 'Bad gateway upstream' });
  });

  test('the fault fires before authentication', async () => {
    await addFault({ action: { status: 503 } }).expect(201);
    expect((await request(app).get(`${base()}/dashboards`)).status).toBe(503);
  });
});

test('a 429 with Retry-After', async () => {
  await addFault({ match: { vendor: 'desk' }, action: { retryAfter: 7 } }).expect(201);
  const res = await deskList();
  expect(res.status).toBe(429);
  expect(res.headers['retry-after']).toBe('7');
  expect(res.body).toEqual({ error: { code: 429, message: 'Too Many Requests' } });
});

test('a delay alone slows the request, which then succeeds', async () => {
  await addFault({ match: { vendor: 'desk' }, action: { delayMs: 150 }, times: 1 }).expect(201);
  const started = Date.now();
  const res = await deskList();
  expect(res.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test('a dropped connection is seen by a client as a socket error, and journaled as dropped', async () => {
  const server: RunningServer = await listen(app, 0, '127.0.0.1');
  try {
    await addFault({ match: { operationId: 'getDashboards' }, action: { drop: true }, times: 1 }).expect(201);
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `${base()}/dashboards`, headers: auth(TOKENS.readOnly), agent: false }, (res) =>
        resolve(`answered ${res.statusCode ?? 0}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    });
    expect(outcome).toBe('error ECONNRESET');
    const { requests } = (await request(app).get('/_emulator/requests')).body;
    expect(requests.at(-1)).toMatchObject({ operationId: 'getDashboards', status: 0, fault: expect.stringMatching(/^fault-/) });
    // Fired once: the next call is answered normally.
    const after = await fetch(`${server.url}${base()}/dashboards`, { headers: auth(TOKENS.readOnly) });
    expect(after.status).toBe(200);
  } finally {
    await server.close(1000);
  }
});

describe('how often', () => {
  test('times: N fires N times, then the rule is gone', async () => {
    const rule = (await addFault({ match: { vendor: 'desk' }, action: { status: 500 }, times: 2 })).body;
    expect(rule).toMatchObject({ id: expect.any(String), times: 2, fired: 0 });
    expect((await deskList()).status).toBe(500);
    expect((await request(app).get('/_emulator/faults')).body.faults[0]).toMatchObject({ id: rule.id, fired: 1 });
    expect((await deskList()).status).toBe(500);
    expect((await deskList()).status).toBe(200);
    expect((await request(app).get('/_emulator/faults')).body).toEqual({ faults: [] });
  });

  test('without times it fires until removed', async () => {
    const rule = (await addFault({ match: { vendor: 'desk' }, action: { status: 500 } })).body;
    for (let i = 0; i < 4; i++) expect((await deskList()).status).toBe(500);
    await request(app).delete(`/_emulator/faults/${rule.id}`).expect(204);
    expect((await deskList()).status).toBe(200);
    expect((await request(app).delete(`/_emulator/faults/${rule.id}`)).status).toBe(404);
  });

  test('DELETE /_emulator/faults removes every rule (?vendor= only that vendor rules); reset does too', async () => {
    await addFault({ match: { vendor: 'desk' }, action: { status: 500 } });
    await addFault({ match: { vendor: 'energycap' }, action: { status: 500 } });
    await request(app).delete('/_emulator/faults?vendor=desk').expect(204);
    expect((await request(app).get('/_emulator/faults')).body.faults.map((f: { match: { vendor: string } }) => f.match.vendor)).toEqual(['energycap']);
    await request(app).post('/_emulator/reset').expect(200);
    expect((await request(app).get('/_emulator/faults')).body).toEqual({ faults: [] });
  });
});

describe('matching', () => {
  test.each([
    [{ operationId: 'getDashboard' }, [false, true, false]],
    [{ method: 'put' }, [false, false, true]],
    [{ path: `${base()}/dashboards` }, [true, false, false]],
    [{ pathPattern: '/shareSettings$' }, [false, false, true]],
    [{ vendor: 'desk', method: 'GET', pathPattern: '^/api/config/v1/dashboards/' }, [false, true, false]],
  ])('%j', async (match, expected) => {
    await addFault({ match, action: { status: 418 } }).expect(201);
    const results = [
      await deskList(),
      await request(app).get(`${base()}/dashboards/${DESK.backlog}`).set(auth(TOKENS.readOnly)),
      await request(app).put(`${base()}/dashboards/${DESK.backlog}/shareSettings`).set(auth(TOKENS.readWrite)).send({ id: DESK.backlog, permissions: [], publicAccess: { managementZoneIds: [] } }),
    ];
    expect(results.map((r) => r.status === 418)).toEqual(expected);
  });

  test('Luzmo rules can name the action operation (createShare), not only the routed one', async () => {
    await addFault({ match: { operationId: 'createShare' }, action: { status: 503 } }).expect(201);
    expect((await rpc(app, { action: 'get' })).status).toBe(200);
    expect((await rpc(app, { action: 'create', properties: {} })).status).toBe(503);
  });

  test('the first matching rule fires', async () => {
    await addFault({ match: { vendor: 'desk' }, action: { status: 501 } });
    await addFault({ match: { vendor: 'desk' }, action: { status: 502 } });
    expect((await deskList()).status).toBe(501);
  });
});

describe('the X-Emulator-Fault header', () => {
  test('status, retry-after and message, in the vendor envelope', async () => {
    const res = await request(app).get('/api/v3/dashboard').set(key(KEYS.sam)).set('X-Emulator-Fault', 'status=503; retry-after=3; message=Back soon');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body).toEqual({ message: 'Back soon' });
  });

  test('delay then a normal answer', async () => {
    const started = Date.now();
    const res = await deskList().set('x-emulator-fault', 'delay=100');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  test.each(['status=abc', 'status=99', 'status=101', 'status=204', 'status=302', 'colour=red', 'drop=yes', 'message=only a message'])('%j -> 400 in the vendor envelope', async (value) => {
    const res = await deskList().set('x-emulator-fault', value);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid X-Emulator-Fault header: /);
  });
});

describe('rule validation', () => {
  test.each([
    [{ action: {} }, 'action must name a fault: status, retryAfter, delayMs or drop'],
    [{ match: { vendor: 'tableau' }, action: { status: 500 } }, 'match.vendor must be one of luzmo, energycap, desk'],
    [{ match: { pathPattern: '([' }, action: { status: 500 } }, expect.stringMatching(/^match\.pathPattern is not a regular expression/)],
    // RE2 has no backreferences or lookaround: both could make matching super-linear.
    [{ match: { pathPattern: '^/(a)\\1$' }, action: { status: 500 } }, expect.stringMatching(/^match\.pathPattern is not a regular expression/)],
    [{ match: { pathPattern: '^(?=/api)' }, action: { status: 500 } }, expect.stringMatching(/^match\.pathPattern is not a regular expression/)],
  ])('%j -> 400 naming the problem', async (rule, detail) => {
    const res = await addFault(rule);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Invalid fault rule', details: [detail] });
  });

  test.each([
    [{ action: { status: 42 } }, 'body action.status: must be >= 400'],
    [{ action: { status: 101 } }, 'body action.status: must be >= 400'],
    [{ action: { status: 204 } }, 'body action.status: must be >= 400'],
    [{ match: { pathPattern: 'a'.repeat(1001) }, action: { status: 500 } }, 'body match.pathPattern: must NOT have more than 1000 characters'],
    [{ action: { status: 500 }, times: 0 }, 'body times: must be >= 1'],
    [{ action: { status: 500 }, extra: true }, 'body extra: must NOT have additional properties'],
    [{ match: { vendor: 'desk' } }, 'body action: must have required property \'action\''],
  ])('%j -> 400 from the spec', async (rule, detail) => {
    const res = await addFault(rule);
    expect(res.status).toBe(400);
    expect(res.body.details).toContain(detail);
  });
});

describe('patterns cannot hold the event loop', () => {
  // With a backtracking engine this pattern took over 8 s at 28 characters, doubling with each one more.
  test('the catastrophic pattern ^/api/config/v1/dashboards/(a+)+$ against a 10,000-character path', async () => {
    const server = await listen(app, 0, '127.0.0.1');
    try {
      await addFault({ match: { pathPattern: '^/api/config/v1/dashboards/(a+)+$' }, action: { status: 503 } }).expect(201);
      const long = `/api/config/v1/dashboards/${'a'.repeat(10_000)}!`;
      const miss = await fetch(`${server.url}${long}`, { headers: auth(TOKENS.readOnly) });
      // No rule matched: DESK's own answer for a dashboard id that is not a UUID.
      expect(miss.status).toBe(400);
      expect(miss.headers.get('x-emulator-fault')).toBeNull();
      const hit = await fetch(`${server.url}/api/config/v1/dashboards/${'a'.repeat(10_000)}`, { headers: auth(TOKENS.readOnly) });
      expect(hit.status).toBe(503);
      expect(hit.headers.get('x-emulator-fault')).toMatch(/^fault-\d+$/);
      expect((await fetch(`${server.url}/_emulator/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 10_000);
});

describe('ids belong to the emulator', () => {
  test('two emulators built with the same seed hand out the same request and fault ids', async () => {
    const ids = async () => {
      const { app: own } = testEmulator({ seed: 7 });
      const rule = (await request(own).post('/_emulator/faults').send({ action: { delayMs: 1 } })).body as { id: string };
      const res = await request(own).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
      return [rule.id, res.headers['x-emulator-request-id']];
    };
    const first = await ids();
    expect(first[0]).toBe('fault-1');
    expect(await ids()).toEqual(first);
  });
});
