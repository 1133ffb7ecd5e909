// Turning rate limits on (--rate-limits / RATE_LIMITS, createEmulator's rateLimits) and the clock a test moves
// instead of sleeping (POST /_emulator/clock, startEmulator().advanceClock).
import request from 'supertest';
import { startEmulator } from '../../src/api';
import { parseCli } from '../../src/cli/options';
import { fixedClock } from '../../src/core/clock';
import { testEmulator } from '../support/emulator';
import { rpc } from '../luzmo/luzmo-fixtures';

describe('--rate-limits and RATE_LIMITS', () => {
  test('off unless named; a list, all, and per-vendor figures', () => {
    expect(parseCli([], {}).rateLimits).toBeUndefined();
    expect(parseCli(['--rate-limits', 'luzmo,desk'], {}).rateLimits).toEqual({ luzmo: {}, desk: {} });
    expect(parseCli([], { RATE_LIMITS: 'all' }).rateLimits).toEqual({ luzmo: {}, desk: {}, energycap: {} });
    expect(parseCli(['--rate-limits=energycap=2.5/20'], { RATE_LIMITS: 'all' }).rateLimits).toEqual({ energycap: { perSecond: 2.5, burst: 20 } });
  });

  test.each(['github', 'luzmo=10', 'luzmo=0/5', 'desk=5/0', 'desk=x/y'])('%s is refused with a message', (value) => {
    expect(() => parseCli(['--rate-limits', value], {})).toThrow(/rate limits: /);
  });

  test('figures from the switch replace the documented defaults', async () => {
    const emulator = testEmulator({ rateLimits: { luzmo: { perSecond: 1, burst: 2 } }, clock: fixedClock('2026-03-01T09:00:00Z') });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await rpc(emulator.app, { action: 'get' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('the emulator clock', () => {
  test('POST /_emulator/clock moves now forward; what the vendors stamp follows', async () => {
    const emulator = testEmulator({ clock: fixedClock('2026-03-01T09:00:00.000Z') });
    const moved = await request(emulator.app).post('/_emulator/clock').send({ advanceMs: 90_000 });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ now: '2026-03-01T09:01:30.000Z', offsetMs: 90_000 });
    const share = await rpc(emulator.app, { action: 'create', properties: {} });
    expect(share.body.created_at).toBe('2026-03-01T09:01:30.000Z');
    expect((await request(emulator.app).post('/_emulator/clock').send({ advanceMs: 1000 })).body.offsetMs).toBe(91_000);
  });

  test('a negative or missing advance is a 400: the clock only moves forward', async () => {
    const emulator = testEmulator();
    const res = await request(emulator.app).post('/_emulator/clock').send({ advanceMs: -1 });
    expect(res.status).toBe(400);
    expect((await request(emulator.app).post('/_emulator/clock').send({})).status).toBe(400);
  });

  test('in-process: advanceClock refills a rate limit without waiting', async () => {
    const running = await startEmulator({ rateLimits: { luzmo: { perSecond: 1, burst: 1 } }, clock: fixedClock('2026-03-01T09:00:00Z'), logLevel: 'silent' });
    try {
      const call = () => fetch(`${running.url}/0.1.0/share`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'get', key: 'key-olivia', token: 'token-olivia', version: '0.1.0' }) });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(429);
      expect(running.advanceClock(1000).toISOString()).toBe('2026-03-01T09:00:01.000Z');
      expect((await call()).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
