// The control plane's health, reset and state export/import through HTTP, with their bad inputs.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { KEYS, key } from '../energycap/energycap-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const deskShare = `${base()}/dashboards/${DESK.backlog}/shareSettings`;
const shareBody = { id: DESK.backlog, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] } };

test('GET /_emulator/health -> 200 ok with the vendors and version', async () => {
  const res = await request(app).get('/_emulator/health');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), vendors: ['luzmo', 'energycap', 'desk'], uptimeSeconds: expect.any(Number), eventStreams: 0 });
});

test('GET /_emulator/specs/{vendor} serves the vendor spec; an unknown vendor is a 404', async () => {
  const res = await request(app).get('/_emulator/specs/desk');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/yaml/);
  expect(res.text).toMatch(/^openapi: 3\.1\.0/);
  const missing = await request(app).get('/_emulator/specs/nope');
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual({ error: 'No vendor nope; the vendors are luzmo, energycap, desk' });
});

describe('POST /_emulator/reset', () => {
  test('every vendor back to its fixtures', async () => {
    await request(app).put(deskShare).set(auth(TOKENS.readWrite)).send(shareBody).expect(204);
    await request(app).put('/api/v3/dashboard/100/share').set(key(KEYS.sam)).send({ sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] }).expect(200);
    const res = await request(app).post('/_emulator/reset');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ namespace: 'default', vendors: ['luzmo', 'energycap', 'desk'] });
    expect((await request(app).get(deskShare).set(auth(TOKENS.readWrite))).body.enabled).toBe(false);
    expect((await request(app).get('/api/v3/dashboard/100/share').set(key(KEYS.sam))).body.sharedWithEveryone).toBe(false);
  });

  test('?vendor= resets only that vendor', async () => {
    await request(app).put(deskShare).set(auth(TOKENS.readWrite)).send(shareBody).expect(204);
    await request(app).put('/api/v3/dashboard/100/share').set(key(KEYS.sam)).send({ sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] }).expect(200);
    expect((await request(app).post('/_emulator/reset?vendor=energycap')).body).toEqual({ namespace: 'default', vendors: ['energycap'] });
    expect((await request(app).get('/api/v3/dashboard/100/share').set(key(KEYS.sam))).body.sharedWithEveryone).toBe(false);
    expect((await request(app).get(deskShare).set(auth(TOKENS.readWrite))).body.enabled).toBe(true);
  });

  test('an unknown vendor -> 400', async () => {
    const res = await request(app).post('/_emulator/reset?vendor=tableau');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Unknown vendor tableau; the vendors are luzmo, energycap, desk' });
  });
});

describe('GET and PUT /_emulator/state', () => {
  test('export, change, and import the export back: the state returns exactly', async () => {
    const exported = (await request(app).get('/_emulator/state')).body;
    expect(Object.keys(exported)).toEqual(['luzmo', 'energycap', 'desk']);
    await request(app).put(deskShare).set(auth(TOKENS.readWrite)).send(shareBody).expect(204);
    const changed = (await request(app).get('/_emulator/state')).body;
    expect(changed).not.toEqual(exported);
    const res = await request(app).put('/_emulator/state').send(exported);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ namespace: 'default', vendors: ['luzmo', 'energycap', 'desk'] });
    expect((await request(app).get('/_emulator/state')).body).toEqual(exported);
    expect((await request(app).get(deskShare).set(auth(TOKENS.readWrite))).body.enabled).toBe(false);
  });

  test('?vendor= exports and imports one vendor as a bare document', async () => {
    const desk = (await request(app).get('/_emulator/state?vendor=desk')).body;
    expect(desk.environments.map((e: { id: string }) => e.id)).toEqual(['abc12345', 'mgd00001']);
    desk.environments[0].tokens.push({ token: 'seeded-token', name: 'from a test', scopes: ['ReadConfig'] });
    await request(app).put('/_emulator/state?vendor=desk').send(desk).expect(200);
    expect((await request(app).get(`${base()}/dashboards`).set(auth('seeded-token'))).status).toBe(200);
  });

  test('seeding a test: a state with one dashboard replaces everything of that vendor', async () => {
    const seeded = {
      environments: [
        {
          id: 'seeded',
          tokens: [{ token: 'tok', scopes: ['ReadConfig', 'WriteConfig'] }],
          dashboards: [{ id: '11111111-2222-4333-8444-555555555555', dashboardMetadata: { name: 'Only one', owner: 'me' }, tiles: [] }],
        },
      ],
    };
    await request(app).put('/_emulator/state').send({ desk: seeded }).expect(200);
    const list = await request(app).get(`${base()}/dashboards`).set(auth('tok'));
    expect(list.body).toEqual({ dashboards: [{ id: '11111111-2222-4333-8444-555555555555', name: 'Only one', owner: 'me' }] });
    expect((await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readWrite))).status).toBe(401);
  });

  test('an invalid document -> 400 naming every problem, and nothing changes (not even the valid vendors)', async () => {
    const before = (await request(app).get('/_emulator/state')).body;
    const res = await request(app)
      .put('/_emulator/state')
      .send({
        luzmo: { users: [] },
        desk: { environments: [{ id: 'bad id!', tokens: [{ token: 't' }] }] },
      });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Invalid desk state document: environments[0].id must match pattern "^[A-Za-z0-9_-]{1,64}$"; environments[0].tokens[0].scopes must have required property \'scopes\'');
    expect(res.body.details).toEqual([
      'environments[0].id must match pattern "^[A-Za-z0-9_-]{1,64}$"',
      "environments[0].tokens[0].scopes must have required property 'scopes'",
    ]);
    expect((await request(app).get('/_emulator/state')).body).toEqual(before);
  });

  test('a document whose references do not resolve -> 400 from the vendor checks', async () => {
    const res = await request(app)
      .put('/_emulator/state?vendor=luzmo')
      .send({ users: [{ id: 'u1', credentials: [{ key: 'k', token: 't' }] }], shares: [{ id: 'aaaaaaaaaaaaaaaa', user_id: 'ghost' }] });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(['share aaaaaaaaaaaaaaaa: user_id ghost is not a user']);
  });

  test.each([
    ['an unknown vendor key', { tableau: {} }, 'Unknown vendor tableau in the state document; the vendors are luzmo, energycap, desk'],
    ['no vendor at all', {}, 'The state document names no vendor'],
  ])('%s -> 400', async (_case, body, error) => {
    const res = await request(app).put('/_emulator/state').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(error);
  });

  test('a body that is not a JSON object -> 400; not JSON -> 400; not JSON media type -> 415', async () => {
    expect((await request(app).put('/_emulator/state').set('content-type', 'application/json').send('[1]')).status).toBe(400);
    const notJson = await request(app).put('/_emulator/state').set('content-type', 'application/json').send('{nope');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/^The body is not valid JSON/);
    expect((await request(app).put('/_emulator/state').set('content-type', 'text/plain').send('x')).status).toBe(415);
  });

  test('an unknown control path -> 404, a wrong method -> 405, both in the control envelope', async () => {
    const missing = await request(app).get('/_emulator/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'No route for GET /_emulator/nothing', details: expect.arrayContaining([expect.stringMatching(/^nearest: \/_emulator\//)]) });
    const method = await request(app).delete('/_emulator/state');
    expect(method.status).toBe(405);
    expect(method.headers.allow?.split(', ').sort()).toEqual(['GET', 'PUT']);
  });

  test('query parameters are validated like a vendor request', async () => {
    const res = await request(app).get('/_emulator/requests?limit=-1&status=abc');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Invalid request');
    expect(res.body.details).toEqual(expect.arrayContaining(['query limit: must be >= 0', 'query status: must be integer']));
  });
});
