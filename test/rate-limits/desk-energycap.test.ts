// DESK's and EnergyCAP's 429s when RATE_LIMITS names them: each vendor's envelope and headers, and a DESK
// client honouring Retry-After (the loop of the vendor's Python client) that backs off and then succeeds, its
// sleeps taken on the emulator's clock.
import request from 'supertest';
import { fixedClock } from '../../src/core/clock';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base } from '../desk/desk-fixtures';
import { BASE, KEYS, key } from '../energycap/energycap-fixtures';

const START = '2026-03-01T09:00:00.000Z';
const SHARE_PATH = `${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`;

describe('DESK', () => {
  let emulator: ReturnType<typeof testEmulator>;
  beforeEach(() => {
    emulator = testEmulator({ rateLimits: { desk: { perSecond: 2, burst: 3 } }, clock: fixedClock(START) });
  });
  const get = (token: string = TOKENS.readWrite) => request(emulator.app).get(SHARE_PATH).set(auth(token));

  test('over the limit: 429 in the ErrorEnvelope with Retry-After and the X-RateLimit headers the vendor documents', async () => {
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const res = await get();
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error: { code: 429, message: 'token dt0c01.abc12345.**** made 4 calls in 1 s; the limit is 2 a second with bursts up to 3.' } });
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['x-ratelimit-limit']).toBe('120');
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    // Microseconds since the epoch: the burst is back 1.5 s after the fixed start (3 tokens at 2 a second).
    expect(res.headers['x-ratelimit-reset']).toBe(`${Date.parse(START) + 1500}000`);
    // Another token of the same environment has its own budget.
    expect((await get(TOKENS.readOnly)).status).toBe(200);
  });

  test("a client honouring Retry-After (the vendor's Python client: sleep(int(retry-after or 5)), retry) backs off, then succeeds", async () => {
    const slept: number[] = [];
    async function getWithRetry(): Promise<request.Response> {
      for (;;) {
        const res = await get();
        if (res.status !== 429) return res;
        const seconds = Number.parseInt(res.headers['retry-after'] ?? '5', 10);
        slept.push(seconds);
        await request(emulator.app).post('/_emulator/clock').send({ advanceMs: seconds * 1000 }).expect(200);
      }
    }
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push((await getWithRetry()).status);
    expect(results).toEqual([200, 200, 200, 200, 200, 200]);
    // Three calls of burst, then each 1 s sleep refills two tokens.
    expect(slept).toEqual([1, 1]);
  });
});

describe('EnergyCAP', () => {
  jest.setTimeout(30_000);
  test('[A] over the default (10 a second, bursts of 100, per user): 429 {message} with Retry-After', async () => {
    const emulator = testEmulator({ rateLimits: { energycap: {} }, clock: fixedClock(START) });
    // The burst, 50 at a time (the clock is fixed, so their order does not matter).
    const statuses = new Set<number>();
    for (let batch = 0; batch < 2; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => request(emulator.app).get(`${BASE}/dashboard/101/share`).set(key(KEYS.sam))));
      for (const res of answers) statuses.add(res.status);
    }
    expect(statuses).toEqual(new Set([200]));
    const res = await request(emulator.app).get(`${BASE}/dashboard/101/share`).set(key(KEYS.sam));
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ message: 'user ssharer made 101 calls in 1 s; the limit is 10 a second with bursts up to 100.' });
    expect(res.headers['retry-after']).toBe('1');
    // The bearer token of the same user shares the budget; another user does not.
    expect((await request(emulator.app).get(`${BASE}/dashboard/101/share`).set('authorization', 'bearer bearer-sam')).status).toBe(429);
    expect((await request(emulator.app).get(`${BASE}/dashboard/101/share`).set(key(KEYS.ada))).status).toBe(200);
  });
});
