// A shared store that cannot be reached (nothing listens on its port), in process, so every answer goes through
// the contract check and the judge: health is a 503 `degraded`, vendor calls are 503s in each vendor's envelope,
// marked in the journal as the emulator's own outage, and nothing throws.
import request from 'supertest';
import { TOKENS, base } from '../desk/desk-fixtures';
import { testEmulator } from '../support/emulator';

const emulator = testEmulator({ store: 'redis://127.0.0.1:1/0' });
afterAll(() => emulator.close());

test('health says degraded, with the store unreachable', async () => {
  const res = await request(emulator.app).get('/_emulator/health');
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ status: 'degraded', store: { kind: 'redis', url: 'redis://127.0.0.1:1/0', reachable: false } });
});

test("vendor calls answer 503 in the vendor's envelope, journaled as store-unavailable", async () => {
  const desk = await request(emulator.app).get(`${base()}/dashboards`).set('authorization', `Api-Token ${TOKENS.readWrite}`);
  expect(desk.status).toBe(503);
  expect(desk.headers['retry-after']).toBe('1');
  expect(desk.body).toMatchObject({ error: { code: 503 } });
  const luzmo = await request(emulator.app).post('/0.1.0/share').send({ action: 'get', find: {}, key: 'key-olivia', token: 'token-olivia', version: '0.1.0' });
  expect(luzmo.status).toBe(503);
  expect(luzmo.body).toMatchObject({ type: { code: 503 } });
  const entry = emulator.journal.find('default', desk.headers['x-emulator-request-id'] as string);
  expect(entry?.fault).toBe('store-unavailable');
});
