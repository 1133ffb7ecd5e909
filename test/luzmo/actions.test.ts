// Luzmo share actions through HTTP: routing by `action` on any of the six verbs, each action's result,
// the share lifecycle, and what the emulator answers to unknown routes, actions and versions.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, PATH, SHARES, USERS, rpc } from './luzmo-fixtures';
import type { Verb } from './luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('create', () => {
  test('returns the new share: 16 lowercase alphanumerics, timestamps, no dashboard or locale, the caller as user', async () => {
    const res = await rpc(app, { action: 'create', properties: {} });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['id', 'date', 'created_at', 'updated_at', 'locale_id', 'securable_id', 'user_id']);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{16}$/),
      date: expect.stringMatching(ISO_MS),
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      locale_id: null,
      securable_id: null,
      user_id: USERS.olivia.id,
    });
    expect(res.body.date).toBe(res.body.created_at);
  });

  test('properties.date is kept (normalized to ISO with milliseconds)', async () => {
    const res = await rpc(app, { action: 'create', properties: { date: '2025-01-02T03:04:05Z' } });
    expect(res.body.date).toBe('2025-01-02T03:04:05.000Z');
  });

  test('properties is required', async () => {
    const res = await rpc(app, { action: 'create' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: { code: 400, description: 'Bad Request' },
      message: 'Invalid request: properties is required.',
      validation: { properties: ['is required'] },
    });
  });

  test('a date that is not ISO 8601 is a 400 naming the field', async () => {
    const res = await rpc(app, { action: 'create', properties: { date: 'tomorrow' } });
    expect(res.status).toBe(400);
    expect(res.body.validation).toEqual({ 'properties.date': ['must match format "date-time"'] });
  });
});

describe('get', () => {
  test('returns {count, rows} of the shares the caller created or whose dashboard it may read', async () => {
    const olivia = await rpc(app, { action: 'get', find: {} });
    expect(olivia.status).toBe(200);
    expect(olivia.body.count).toBe(2);
    expect(olivia.body.rows.map((r: { id: string }) => r.id)).toEqual([SHARES.salesFr, SHARES.finance]);
    const victor = await rpc(app, { action: 'get', find: {} }, USERS.victor);
    expect(victor.body.rows.map((r: { id: string }) => r.id).sort()).toEqual([SHARES.salesFr, SHARES.victorBare].sort());
    const nina = await rpc(app, { action: 'get', find: {} }, USERS.nina);
    expect(nina.body).toEqual({ count: 0, rows: [] });
  });

  test('where: equality and in lists', async () => {
    const eq = await rpc(app, { action: 'get', find: { where: { securable_id: DASHBOARDS.finance } } });
    expect(eq.body.rows.map((r: { id: string }) => r.id)).toEqual([SHARES.finance]);
    const isNull = await rpc(app, { action: 'get', find: { where: { locale_id: null } } });
    expect(isNull.body.rows.map((r: { id: string }) => r.id)).toEqual([SHARES.finance]);
    const inList = await rpc(app, { action: 'get', find: { where: { id: { in: [SHARES.finance, SHARES.victorBare, 'nope'] } } } });
    expect(inList.body.rows.map((r: { id: string }) => r.id)).toEqual([SHARES.finance]);
  });

  test('attributes, order, limit and offset; count is before paging', async () => {
    const res = await rpc(app, { action: 'get', find: { attributes: ['id', 'created_at'], order: [['created_at', 'desc']], limit: 1, offset: 0 } });
    expect(res.body).toEqual({ count: 2, rows: [{ id: SHARES.finance, created_at: '2024-04-15T12:00:00.000Z' }] });
    const next = await rpc(app, { action: 'get', find: { attributes: ['id'], order: ['created_at'], limit: 5, offset: 1 } });
    expect(next.body).toEqual({ count: 2, rows: [{ id: SHARES.finance }] });
  });

  test('[A] include of the linked Securable, Locale and User under singular keys, null when not linked', async () => {
    const res = await rpc(app, {
      action: 'get',
      find: {
        where: { id: { in: [SHARES.salesFr, SHARES.finance] } },
        attributes: ['id'],
        include: [{ model: 'Securable', attributes: ['name'] }, { model: 'Locale' }, { model: 'User', attributes: ['email'] }],
      },
    });
    expect(res.body.rows).toEqual([
      { id: SHARES.salesFr, securable: { name: { en: 'Sales overview', fr: 'Aperçu des ventes' } }, locale: { id: 'fr', name: 'French' }, user: { email: 'olivia@example.com' } },
      { id: SHARES.finance, securable: { name: { en: 'Finance (private)' } }, locale: null, user: { email: 'olivia@example.com' } },
    ]);
  });

  test('no find at all (Node SDK 2.1.1 get without a filter) returns every visible share', async () => {
    const res = await rpc(app, { action: 'get' });
    expect(res.body.count).toBe(2);
  });

  test.each([
    [{ where: { colour: 'red' } }, "Unknown share attribute 'colour' in find.where."],
    [{ where: { id: { like: 'lz%' } } }, "Unsupported condition on 'id' in find.where: only equality and {\"in\": [...]} are supported."],
    [{ attributes: ['secret'] }, "Unknown share attribute 'secret' in find.attributes."],
    [{ order: [['id', 'sideways']] }, "Order direction must be asc or desc, got 'sideways'."],
    [{ include: [{ model: 'Locale', attributes: ['flag'] }] }, "Unknown Locale attribute 'flag' in find.include."],
    [{ include: [{ model: 'Securable', attributes: ['constructor'] }] }, "Unknown Securable attribute 'constructor' in find.include."],
    [{ include: [{ model: 'User', attributes: ['toString'] }] }, "Unknown User attribute 'toString' in find.include."],
    [{ include: [{ model: 'Locale', attributes: ['__proto__'] }] }, "Unknown Locale attribute '__proto__' in find.include."],
  ])('[A] a find the emulator cannot answer is a 400: %j', async (find, message) => {
    const res = await rpc(app, { action: 'get', find: { where: { id: SHARES.salesFr }, ...find } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: { code: 400, description: 'Bad Request' }, message });
  });

  test('schema violations in find list every field', async () => {
    const res = await rpc(app, { action: 'get', find: { limit: 'ten', offset: -1, include: [{ model: 'Dataset' }], find: {} } });
    expect(res.status).toBe(400);
    expect(res.body.validation).toEqual({
      'find.limit': ['must be integer'],
      'find.offset': ['must be >= 0'],
      'find.include[0].model': ['must be one of "Securable", "Locale", "User"'],
      'find.find': ['must NOT have additional properties'],
    });
  });
});

describe('the share lifecycle: create -> get -> associate -> get -> dissociate -> delete -> get', () => {
  test('every step is visible in the next', async () => {
    const created = await rpc(app, { action: 'create', properties: {} });
    const id = created.body.id as string;
    const find = { where: { id } };
    expect((await rpc(app, { action: 'get', find })).body.rows).toEqual([created.body]);

    expect((await rpc(app, { action: 'associate', id, resource: { role: 'Securables', id: DASHBOARDS.sales } })).body).toEqual({ code: 200 });
    expect((await rpc(app, { action: 'associate', id, resource: { role: 'Locales', id: 'nl' } })).body).toEqual({ code: 200 });
    const linked = (await rpc(app, { action: 'get', find })).body.rows[0];
    expect(linked).toMatchObject({ securable_id: DASHBOARDS.sales, locale_id: 'nl' });
    expect(linked.updated_at >= created.body.updated_at).toBe(true);

    expect((await rpc(app, { action: 'dissociate', id, resource: { role: 'Locales', id: 'nl' } })).body).toEqual({ code: 200 });
    expect((await rpc(app, { action: 'dissociate', id, resource: { role: 'Securables', id: DASHBOARDS.sales } })).body).toEqual({ code: 200 });
    expect((await rpc(app, { action: 'get', find })).body.rows[0]).toMatchObject({ securable_id: null, locale_id: null });

    expect((await rpc(app, { action: 'delete', id })).body).toEqual({ code: 200 });
    expect((await rpc(app, { action: 'get', find })).body).toEqual({ count: 0, rows: [] });
  });

  test('updated_at moves on every change', async () => {
    const { body } = await rpc(app, { action: 'create', properties: {} });
    await new Promise((r) => setTimeout(r, 5));
    await rpc(app, { action: 'associate', id: body.id, resource: { role: 'Securable', id: DASHBOARDS.sales } }).expect(200);
    const after = (await rpc(app, { action: 'get', find: { where: { id: body.id } } })).body.rows[0];
    expect(after.updated_at > body.updated_at).toBe(true);
    expect(after.created_at).toBe(body.created_at);
  });
});

describe('routing by action, not by method', () => {
  test.each(['post', 'search', 'patch', 'delete', 'link', 'unlink'] as Verb[])('%s with action get is a get', async (verb) => {
    const res = await rpc(app, { action: 'get', find: { where: { id: SHARES.salesFr } } }, USERS.olivia, verb);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  test('X-HTTP-Method-Override is ignored (the Java SDK sends PATCH on every call)', async () => {
    const res = await rpc(app, { action: 'create', properties: {} }).set('x-http-method-override', 'PATCH');
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^[a-z0-9]{16}$/);
  });

  test.each([
    ['get', PATH],
    ['put', PATH],
    ['post', '/0.1.0/dataset'],
    ['post', '/999.999.999/share'],
    ['post', '/0.1.0/share/extra'],
  ] as const)('%s %s -> 404 Oops, this route does not exist (yet)!', async (method, path) => {
    const res = await request(app)[method](path).set('content-type', 'application/json').send('{}');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('Oops, this route does not exist (yet)!');
  });

  test.each(['update', 'search', 'validate'])('[A] action %s -> 400 Action not found', async (action) => {
    const res = await rpc(app, { action, id: SHARES.salesFr, properties: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: { code: 400, description: 'Bad Request' }, message: `Action '${action}' not found` });
  });

  test('[A] no action at all', async () => {
    const res = await rpc(app, { properties: {} });
    expect(res.body.message).toBe("Action 'undefined' not found");
  });
});

describe('credentials and version in the body', () => {
  test('no key/token -> 401', async () => {
    const res = await request(app).post(PATH).send({ action: 'get', version: '0.1.0' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ type: { code: 401, description: 'Unauthorized' }, message: 'Missing API key or token.' });
  });

  test('an unknown pair (or a key with another user token) -> 401', async () => {
    expect((await rpc(app, { action: 'get' }, { key: 'key-olivia', token: 'token-victor' })).status).toBe(401);
    const res = await rpc(app, { action: 'get' }, { key: 'nope', token: 'nope' });
    expect(res.body).toEqual({ type: { code: 401, description: 'Unauthorized' }, message: 'Invalid API key or token.' });
  });

  test('credentials are checked before the action', async () => {
    const res = await rpc(app, { action: 'explode' }, { key: 'nope', token: 'nope' });
    expect(res.status).toBe(401);
  });

  test('[A] a body version that differs from the path -> 400', async () => {
    const res = await request(app).post(PATH).send({ action: 'get', key: USERS.olivia.key, token: USERS.olivia.token, version: '0.2.0' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Version '0.2.0' in the body does not match the API version '0.1.0' of this route.");
    const missing = await request(app).post(PATH).send({ action: 'get', key: USERS.olivia.key, token: USERS.olivia.token });
    expect(missing.status).toBe(400);
  });

  test('[A] malformed JSON -> 400 in the error body; a non-JSON Content-Type -> 415', async () => {
    const bad = await request(app).post(PATH).set('content-type', 'application/json').send('{"action":"get",');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ type: { code: 400, description: 'Bad Request' }, message: 'The request body is not valid JSON (near line 1 column 17).' });
    const form = await request(app).post(PATH).set('content-type', 'text/plain').send('action=get');
    expect(form.status).toBe(415);
    expect(form.body.type).toEqual({ code: 415, description: 'Unsupported Media Type' });
  });
});

describe('what real clients send', () => {
  test('the C# SDK: null for every unused field', async () => {
    const res = await rpc(app, { action: 'get', id: null, properties: null, associations: null, resource: null, find: null });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    const created = await rpc(app, { action: 'create', id: null, properties: {}, associations: null, resource: null, find: null });
    expect(created.status).toBe(200);
  });

  test('Python: associations {} on create means none', async () => {
    const res = await rpc(app, { action: 'create', properties: {}, associations: {} });
    expect(res.status).toBe(200);
    expect(res.body.securable_id).toBeNull();
  });

  test('Python, PHP, Java, C#, Node 3.x: inline associations on create, dashboard before locale whatever the order', async () => {
    const res = await rpc(app, {
      action: 'create',
      properties: {},
      associations: [
        { role: 'Locales', id: 'de' },
        { role: 'Securables', id: DASHBOARDS.sales },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ securable_id: DASHBOARDS.sales, locale_id: 'de' });
    const got = await rpc(app, { action: 'get', find: { where: { id: res.body.id } } });
    expect(got.body.rows[0]).toMatchObject({ securable_id: DASHBOARDS.sales, locale_id: 'de' });
  });

  test('[A] a failing inline association creates nothing', async () => {
    const before = (await rpc(app, { action: 'get' })).body.count;
    const res = await rpc(app, { action: 'create', properties: {}, associations: [{ role: 'Securables', id: DASHBOARDS.marketing }] });
    expect(res.status).toBe(403);
    expect((await rpc(app, { action: 'get' })).body.count).toBe(before);
  });

  test('associate with extra properties (the SDK 4th argument) works', async () => {
    const { body } = await rpc(app, { action: 'create', properties: {} });
    const res = await rpc(app, { action: 'associate', id: body.id, resource: { role: 'Securables', id: DASHBOARDS.sales }, properties: { foo: 1 } });
    expect(res.body).toEqual({ code: 200 });
  });

  test('a JSON body null on the RPC path is not a crash: no credentials, 401', async () => {
    const res = await request(app).post(PATH).set('content-type', 'application/json').send('null');
    expect(res.status).toBe(401);
  });
});
