// DESK's ErrorEnvelope on every failure class through HTTP: JSON that cannot be mapped (with its line,
// column and path), path ids that are not UUIDs, unknown routes and methods, media types, size limits.
import net from 'node:net';
import request from 'supertest';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base, shareBody } from './desk-fixtures';

const rw = auth(TOKENS.readWrite);
const { app } = testEmulator({ bodyLimitBytes: 64 * 1024 });
const sharePath = `${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`;
const putRaw = (text: string, contentType = 'application/json') => request(app).put(sharePath).set(rw).set('content-type', contentType).send(text);

describe('JSON the mapper cannot read', () => {
  test('malformed JSON -> 400 Could not map JSON with the position, no constraintViolations', async () => {
    const res = await putRaw('{\n  "id": "x",\n  "enabled": tru\n}');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 400, message: "Could not map JSON at 'enabled' near line 3 column 14" } });
  });

  test('a truncated body names the object being read', async () => {
    const res = await putRaw('{"id":"x","permissions":[');
    expect(res.body.error.message).toBe("Could not map JSON at 'permissions' near line 1 column 26");
  });

  test('trailing garbage after the document', async () => {
    const res = await putRaw('{"id":"x"} trailing');
    expect(res.body.error.message).toBe("Could not map JSON at '' near line 1 column 12");
  });

  test('a wrong JSON type wins over missing fields and points at the value', async () => {
    const res = await putRaw(`{"id":"${DASHBOARDS.backlog}",\n"permissions": {"type":"ALL"}}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 400, message: "Could not map JSON at 'permissions' near line 2 column 16" } });
  });

  test('an unknown enum constant -> Could not map JSON at the nested path', async () => {
    const body = JSON.stringify(shareBody(DASHBOARDS.backlog, { permissions: [{ type: 'ALL', permission: 'VIEW' }, { type: 'ROLE', permission: 'VIEW', id: 'x' }] }));
    const res = await putRaw(body);
    expect(res.body.error.message).toMatch(/^Could not map JSON at 'permissions\[1\]\.type' near line 1 column \d+$/);
    const column = Number(/column (\d+)$/.exec(res.body.error.message)?.[1]);
    expect(body.slice(column - 1, column + 5)).toBe('"ROLE"');
  });

  test('the first bad value in document order is reported', async () => {
    const res = await putRaw(`{"id":"${DASHBOARDS.backlog}","enabled":"maybe","permissions":[],"preset":7.5,"publicAccess":{"managementZoneIds":[]}}`);
    expect(res.body.error.message).toMatch(/^Could not map JSON at 'enabled' /);
  });

  test('[A] a string boolean other than "true"/"false" is not mapped', async () => {
    const res = await putRaw(JSON.stringify(shareBody(DASHBOARDS.backlog, { enabled: 'yes' })));
    expect(res.body.error.message).toMatch(/^Could not map JSON at 'enabled' /);
  });

  test('a body that is not an object', async () => {
    const res = await putRaw('[1,2]');
    expect(res.body.error.message).toBe("Could not map JSON at '' near line 1 column 1");
  });
});

describe('path ids', () => {
  test.each(['not-a-uuid', '12345', '7dd386fe2b424b4e9d1c6f1f3b0a5a01x'])('%s -> 400 PATH violation Not a valid UUID.', async (id) => {
    const res = await request(app).get(`${base()}/dashboards/${id}`).set(rw);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [{ path: 'id', message: 'Not a valid UUID.', parameterLocation: 'PATH', location: null }],
      },
    });
  });

  test('a path violation and body violations are reported together', async () => {
    const res = await request(app).put(`${base()}/dashboards/nope/shareSettings`).set(rw).send({ permissions: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations.map((v: { path: string; parameterLocation: string }) => `${v.parameterLocation}:${v.path}`).sort()).toEqual([
      'PATH:id',
      'PAYLOAD_BODY:id',
      'PAYLOAD_BODY:publicAccess',
    ]);
  });

  test('auth is checked before the path: no token and a bad id -> 401', async () => {
    const res = await request(app).get(`${base()}/dashboards/nope`);
    expect(res.status).toBe(401);
  });
});

describe('envelope shape', () => {
  test('keys are in the observed order, location is null', async () => {
    const res = await request(app).get(`${base()}/dashboards/nope`).set(rw);
    expect(res.text).toBe(
      '{"error":{"code":400,"message":"Constraints violated.","constraintViolations":[{"path":"id","message":"Not a valid UUID.","parameterLocation":"PATH","location":null}]}}',
    );
  });

  test('errors without violations carry no constraintViolations key', async () => {
    const res = await request(app).get(`${base()}/dashboards/e03f4be0-4712-4f12-96ee-8c486d001e9c`).set(rw);
    expect(res.text).toBe('{"error":{"code":404,"message":"Dashboard e03f4be0-4712-4f12-96ee-8c486d001e9c not found"}}');
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
  });
});

describe('routes, methods, media types, sizes', () => {
  test('[A] an unknown path under the API base -> 404 in the envelope', async () => {
    const res = await request(app).get(`${base()}/dashboardz`).set(rw);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: 'HTTP 404 Not Found' } });
  });

  test('[A] a method the path does not have -> 405 with Allow', async () => {
    const res = await request(app).delete(sharePath).set(rw);
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ error: { code: 405, message: 'HTTP 405 Method Not Allowed' } });
    expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'PUT']);
  });

  test('POST /dashboards/validator is not mistaken for /dashboards/{id}', async () => {
    const res = await request(app).get(`${base()}/dashboards/validator`).set(rw);
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations[0].message).toBe('Not a valid UUID.');
  });

  test('a trailing slash is tolerated', async () => {
    const res = await request(app).get(`${base()}/dashboards/`).set(rw);
    expect(res.status).toBe(200);
  });

  test('HEAD of a GET operation answers its status without a body', async () => {
    const res = await request(app).head(`${base()}/dashboards`).set(rw);
    expect(res.status).toBe(200);
    expect(res.text).toBeUndefined();
  });

  test('[A] a non-JSON Content-Type -> 415', async () => {
    const res = await putRaw('id=x', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ error: { code: 415, message: 'HTTP 415 Unsupported Media Type' } });
  });

  test('a JSON body without a Content-Type is read as JSON', async () => {
    const res = await request(app)
      .put(sharePath)
      .set(rw)
      .send(Buffer.from(JSON.stringify(shareBody(DASHBOARDS.backlog))))
      .unset('content-type');
    expect(res.status).toBe(204);
  });

  test('[A] a body over the limit -> 413 in the envelope, connection closed', async () => {
    const big = JSON.stringify(shareBody(DASHBOARDS.backlog, { padding: 'x'.repeat(70 * 1024) }));
    const res = await putRaw(big);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 413, message: 'Request entity too large. The payload limit is 65536 bytes.' } });
    expect(res.headers.connection).toBe('close');
  });

  test('a path no vendor serves -> a plain 404 that lists the served APIs', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('share-emulator: no emulated API serves GET /nowhere');
    expect(res.body.apis).toEqual(expect.arrayContaining([{ vendor: 'desk', basePaths: ['/api/config/v1', '/e/{environmentId}/api/config/v1'] }]));
  });
});

describe('nesting depth', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const dashboard = (tileExtra: string) =>
    `{"dashboardMetadata":{"name":"deep","owner":"o"},"tiles":[{"name":"t","tileType":"MARKDOWN","bounds":{},"nested":${tileExtra}}]}`;

  test('a body nested 10,000 levels deep -> 400 in the envelope, not stored', async () => {
    const res = await request(app).post(`${base()}/dashboards`).set(rw).set('content-type', 'application/json').send(dashboard(deep(10000)));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Could not map JSON at '' near line 1 column \d+$/);
  });

  test('nesting up to the limit is stored and served back', async () => {
    const created = await request(app).post(`${base()}/dashboards`).set(rw).set('content-type', 'application/json').send(dashboard(deep(990)));
    expect(created.status).toBe(201);
    const got = await request(app).get(`${base()}/dashboards/${created.body.id}`).set(rw);
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body.tiles[0].nested)).toBe(deep(990));
  });
});

describe('a body past the limit, still being sent', () => {
  test('[A] the 413 is sent once the rest of the body has arrived, so the client is done writing when it reads it', async () => {
    const server = await listen(testEmulator({ bodyLimitBytes: 64 * 1024 }).app, 0, '127.0.0.1');
    try {
      const chunk = 'x'.repeat(16 * 1024);
      const chunks = 8; // 128 KiB in all, twice the limit
      const answer = await new Promise<{ text: string; answeredAfterChunk: number }>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1');
        let sent = 0;
        let answeredAfterChunk = -1;
        let text = '';
        socket.on('data', (d: Buffer) => {
          if (answeredAfterChunk < 0) answeredAfterChunk = sent;
          text += d.toString('latin1');
        });
        socket.on('error', reject);
        socket.on('close', () => resolve({ text, answeredAfterChunk }));
        socket.write(
          `PUT ${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings HTTP/1.1\r\nHost: x\r\nAuthorization: Api-Token ${TOKENS.readWrite}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${chunk.length * chunks}\r\n\r\n`,
        );
        const next = (): void => {
          socket.write(chunk);
          sent += 1;
          if (sent < chunks) setTimeout(next, 20);
        };
        next();
      });
      expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.answeredAfterChunk).toBe(chunks);
    } finally {
      await server.close();
    }
  });
});
