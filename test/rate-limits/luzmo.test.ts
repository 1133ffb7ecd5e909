// Luzmo's documented limit (10 calls a second per authorization token, bursts up to 200) when RATE_LIMITS
// names luzmo: the official Node SDK sees the 429 body, and a client that backs off on it succeeds once the
// emulator's clock has moved (POST /_emulator/clock: no test waits real seconds).
import Luzmo from '@luzmo/nodejs-sdk';
import request from 'supertest';
import { fixedClock } from '../../src/core/clock';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { USERS, rpc } from '../luzmo/luzmo-fixtures';
import type { Caller } from '../luzmo/luzmo-fixtures';

const START = '2026-03-01T09:00:00.000Z';
let emulator: ReturnType<typeof testEmulator>;
let server: RunningServer;

beforeEach(async () => {
  emulator = testEmulator({ rateLimits: { luzmo: {} }, clock: fixedClock(START) });
  server = await listen(emulator.app, 0, '127.0.0.1');
});
afterEach(async () => {
  await server.close(1000);
});

function sdk(caller: Caller = USERS.olivia): Luzmo {
  return new Luzmo({ api_key: caller.key, api_token: caller.token, host: 'http://127.0.0.1', port: String(server.port) });
}

async function advance(ms: number): Promise<void> {
  const res = await request(emulator.app).post('/_emulator/clock').send({ advanceMs: ms });
  expect(res.status).toBe(200);
}

// Hundreds of calls a test: sent 50 at a time (the clock is fixed, so their order does not matter), and given time
// on a loaded machine.
jest.setTimeout(30_000);

async function burn(calls: number, caller: Caller = USERS.olivia, app = emulator.app): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < calls; sent += 50) {
    const batch = Array.from({ length: Math.min(50, calls - sent) }, () => rpc(app, { action: 'get', find: { limit: 0 } }, caller));
    for (const res of await Promise.all(batch)) statuses.push(res.status);
  }
  return statuses;
}

test('a burst of 200 passes, the 201st call is a 429 in the Luzmo envelope with Retry-After', async () => {
  expect(new Set(await burn(200))).toEqual(new Set([200]));
  const res = await rpc(emulator.app, { action: 'get' });
  expect(res.status).toBe(429);
  expect(res.headers['retry-after']).toBe('1');
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    type: { code: 429, description: 'Too Many Requests' },
    message: 'API key key-**** made 201 calls in 1 s; the limit is 10 a second with bursts up to 200.',
  });
  // The journal's explanation gives the same reason, and neither names the key in full.
  const journal = await request(emulator.app).get('/_emulator/requests?status=429');
  expect(journal.body.requests[0].explanation.summary).toBe(`429: ${res.body.message as string}`);
  expect(JSON.stringify(journal.body)).not.toContain(USERS.olivia.key);
});

test('the official SDK rejects with the 429 body; a client that backs off on it then succeeds', async () => {
  const client = sdk();
  await burn(200);
  const reason = await client.get('share', {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(reason).toMatchObject({ type: { code: 429, description: 'Too Many Requests' } });

  // An SDK caller's backoff: on a 429 it waits (here: moves the emulator's clock) 100 ms, doubling, and retries.
  const waits: number[] = [];
  async function withBackoff<T>(call: () => Promise<T>): Promise<T> {
    for (let wait = 100; ; wait *= 2) {
      try {
        return await call();
      } catch (error) {
        if ((error as { type?: { code?: number } }).type?.code !== 429 || wait > 10_000) throw error;
        waits.push(wait);
        await advance(wait);
      }
    }
  }
  const shares = await withBackoff(() => client.get('share', {}));
  expect(shares.count).toBe(2);
  // 100 ms refills one token (10 a second): the first wait was enough.
  expect(waits).toEqual([100]);
  // Sustained: one call per 100 ms of clock is always allowed, an 11th call within a second is not.
  for (let i = 0; i < 10; i++) {
    await advance(100);
    expect((await rpc(emulator.app, { action: 'get' })).status).toBe(200);
  }
  expect((await rpc(emulator.app, { action: 'get' })).status).toBe(429);
});

test('counted per key/token pair and per namespace; unauthenticated calls are not counted', async () => {
  await burn(201);
  expect((await rpc(emulator.app, { action: 'get' })).status).toBe(429);
  expect((await rpc(emulator.app, { action: 'get' }, USERS.victor)).status).toBe(200);
  const other = await request(emulator.app).post('/0.1.0/share').set('x-emulator-namespace', 'other').set('content-type', 'application/json').send({ action: 'get', key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' });
  expect(other.status).toBe(200);
  expect((await rpc(emulator.app, { action: 'get' }, { key: 'nope', token: 'nope' })).status).toBe(401);
  // 20 s later the whole burst is back.
  await advance(20_000);
  expect(new Set(await burn(200))).toEqual(new Set([200]));
});

test('off by default: 300 calls in the same instant all pass', async () => {
  const plain = testEmulator({ clock: fixedClock(START) });
  expect(new Set(await burn(300, USERS.olivia, plain.app))).toEqual(new Set([200]));
});

test('POST /_emulator/reset (and dropping a namespace) starts every caller afresh', async () => {
  await burn(200);
  expect((await rpc(emulator.app, { action: 'get' })).status).toBe(429);
  expect((await request(emulator.app).post('/_emulator/reset')).status).toBe(200);
  expect((await rpc(emulator.app, { action: 'get' })).status).toBe(200);

  const other = (body: Record<string, unknown>) => rpc(emulator.app, body).set('x-emulator-namespace', 'ci-1');
  const statuses = await Promise.all(Array.from({ length: 201 }, () => other({ action: 'get', find: { limit: 0 } })));
  expect(statuses.filter((r) => r.status === 429)).toHaveLength(1);
  expect((await request(emulator.app).delete('/_emulator/namespaces/ci-1')).status).toBe(204);
  expect((await other({ action: 'get' })).status).toBe(200);
});
