// CORS for browser frontends (preflight answered before vendor auth and validation) and the optional
// admin token that guards the control plane.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { TOKENS, auth, base } from '../desk/desk-fixtures';

describe('CORS', () => {
  test('a preflight from an allowed origin is answered 204 before auth, allowing the vendors methods and auth headers', async () => {
    const { app } = testEmulator({ corsOrigins: ['http://localhost:3000'] });
    const res = await request(app)
      .options('/api/v3/dashboard/101/share')
      .set('origin', 'http://localhost:3000')
      .set('access-control-request-method', 'PUT')
      .set('access-control-request-headers', 'eci-apikey, content-type, x-emulator-namespace');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(res.headers['access-control-allow-methods']).toContain('PUT');
    expect(res.headers['access-control-allow-methods']).toContain('SEARCH');
    expect(res.headers['access-control-allow-headers']).toBe('eci-apikey, content-type, x-emulator-namespace');
    expect(res.headers.vary).toBe('Origin');
  });

  test('actual responses carry the origin and expose the vendor headers', async () => {
    const { app } = testEmulator({ corsOrigins: ['http://localhost:3000'] });
    const res = await request(app).get('/api/v3/dashboard').set('origin', 'http://localhost:3000').set('ECI-ApiKey', 'eci.sam.key');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(res.headers['access-control-expose-headers']).toContain('TotalNumberOfRecords');
  });

  test('an origin not in the list gets no CORS headers (and a preflight falls through to the vendor)', async () => {
    const { app } = testEmulator({ corsOrigins: ['http://localhost:3000'] });
    const res = await request(app).options(`${base()}/dashboards`).set('origin', 'http://evil.example').set('access-control-request-method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.status).toBe(405);
  });

  test("'*' allows any origin", async () => {
    const { app } = testEmulator({ corsOrigins: ['*'] });
    const res = await request(app).get(`${base()}/dashboards`).set('origin', 'http://anything.example').set(auth(TOKENS.readOnly));
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  test('by default there is no CORS, as with the real services', async () => {
    const { app } = testEmulator();
    const res = await request(app).get(`${base()}/dashboards`).set('origin', 'http://localhost:3000').set(auth(TOKENS.readOnly));
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('ADMIN_TOKEN', () => {
  const { app } = testEmulator({ adminToken: 's3cret' });

  test('health stays open', async () => {
    expect((await request(app).get('/_emulator/health')).status).toBe(200);
  });

  test.each([
    ['get', '/_emulator/state'],
    ['post', '/_emulator/reset'],
    ['get', '/_emulator/requests'],
    ['delete', '/_emulator/faults'],
    ['get', '/_emulator/specs/desk'],
  ] as const)('%s %s needs the token', async (method, path) => {
    const none = await request(app)[method](path);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'This control-plane call needs Authorization: Bearer <ADMIN_TOKEN>' });
    expect((await request(app)[method](path).set('authorization', 'Bearer wrong')).status).toBe(401);
    expect((await request(app)[method](path).set('authorization', 'Bearer s3cret')).status).toBeLessThan(300);
  });

  test('vendor calls are not affected', async () => {
    expect((await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly))).status).toBe(200);
  });
});
