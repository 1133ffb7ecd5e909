// CORS for browser frontends (preflight answered before vendor auth and validation), the control plane's
// guard against cross-site calls, and the optional admin token that guards the control plane.
import type http from 'node:http';
import request from 'supertest';
import { createLogger } from '../../src/core/log';
import { listen } from '../../src/server';
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

describe('the control plane and other web origins', () => {
  const CALLS = [
    ['post', '/_emulator/reset'],
    ['get', '/_emulator/state'],
    ['put', '/_emulator/state?vendor=luzmo'],
    ['get', '/_emulator/requests'],
    ['delete', '/_emulator/requests'],
    ['get', '/_emulator/faults'],
    ['post', '/_emulator/faults'],
    ['delete', '/_emulator/faults'],
    ['delete', '/_emulator/faults/fault-1'],
    ['get', '/_emulator/specs/desk'],
  ] as const;

  test.each(CALLS)('%s %s from a page on another origin is refused with 403 (a simple cross-site POST needs no preflight)', async (method, path) => {
    const { app } = testEmulator({ corsOrigins: ['*'] });
    const res = await request(app)[method](path).set('origin', 'http://evil.example').set('content-type', 'text/plain').send('{}');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'Control-plane calls from the web origin http://evil.example are refused; list it in CORS_ORIGINS to allow it' });
    // '*' opens the vendors to any page, never the control plane, which holds every credential.
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the state was not reset by the refused call', async () => {
    const { app } = testEmulator();
    await request(app).post('/_emulator/faults').send({ action: { status: 503 } }).expect(201);
    await request(app).post('/_emulator/reset').set('origin', 'http://evil.example').expect(403);
    expect((await request(app).get('/_emulator/faults')).body.faults).toHaveLength(1);
  });

  test('its own origin, an origin listed by name, and tools that send no Origin are served', async () => {
    const { app } = testEmulator({ corsOrigins: ['http://localhost:3000'] });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const own = await fetch(`${server.url}/_emulator/state`, { headers: { origin: server.url } });
      expect(own.status).toBe(200);
      const listed = await fetch(`${server.url}/_emulator/state`, { headers: { origin: 'http://localhost:3000' } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect((await fetch(`${server.url}/_emulator/state`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test("with '*' the vendors still answer any origin", async () => {
    const { app } = testEmulator({ corsOrigins: ['*'] });
    const res = await request(app).get(`${base()}/dashboards`).set('origin', 'http://anything.example').set(auth(TOKENS.readOnly));
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('a control-plane answer that cannot be written', () => {
  test('is logged and the connection closed, with no unhandled rejection', async () => {
    const lines: string[] = [];
    const { app } = testEmulator({ logger: createLogger('error', { write: (t: string) => lines.push(t) }) });
    const server = await listen(app, 0, '127.0.0.1');
    server.server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead = () => {
        throw new Error('socket gone');
      };
    });
    try {
      await expect(fetch(`${server.url}/_emulator/state`)).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 50));
      expect(lines.join('')).toMatch(/control GET \/_emulator\/state: could not answer: Error: socket gone/);
    } finally {
      await server.close(100);
    }
  });
});

describe('ADMIN_TOKEN comparison', () => {
  const { app } = testEmulator({ adminToken: 's3cret' });
  test.each(['Bearer s3cre', 'Bearer s3cret2', 'Bearer S3CRET', 'Bearer ', 's3cret'])('%j is refused', async (header) => {
    expect((await request(app).get('/_emulator/state').set('authorization', header)).status).toBe(401);
  });
});
