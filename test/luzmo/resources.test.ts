// The resources a share flow touches, through HTTP: `securable` (dashboards: create, get with find, update,
// delete and what happens to their shares), `locale` get and `user` get, with every documented status.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, SHARES, USERS } from './luzmo-fixtures';
import type { Caller } from './luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator({ bodyLimitBytes: 4096 }).app;
});

function call(resource: string, body: Record<string, unknown>, caller: Caller = USERS.olivia): request.Test {
  return request(app)
    .post(`/0.1.0/${resource}`)
    .set('content-type', 'application/json')
    .send(JSON.stringify({ ...body, key: caller.key, token: caller.token, version: '0.1.0' }));
}

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ids = (res: request.Response): string[] => res.body.rows.map((r: { id: string }) => r.id);

describe('securable', () => {
  test('create: a dashboard owned by the caller, which its get then lists', async () => {
    const res = await call('securable', { action: 'create', properties: { type: 'dashboard', name: { en: 'Ops' }, contents: { views: [] } } }, USERS.nina);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'dashboard',
      name: { en: 'Ops' },
      description: {},
      created_at: expect.stringMatching(ISO_MS),
      updated_at: res.body.created_at,
    });
    const nina = await call('securable', { action: 'get', find: {} }, USERS.nina);
    expect(nina.body).toEqual({ count: 1, rows: [res.body] });
    // Nobody else may read it.
    expect(ids(await call('securable', { action: 'get', find: { where: { id: res.body.id } } }))).toEqual([]);
  });

  test('[A] create: only dashboards are emulated; type is required', async () => {
    const dataset = await call('securable', { action: 'create', properties: { type: 'dataset' } });
    expect(dataset.status).toBe(400);
    expect(dataset.body.validation).toEqual({ 'properties.type': ['must be "dashboard"'] });
    const untyped = await call('securable', { action: 'create', properties: {} });
    expect(untyped.body.validation).toEqual({ 'properties.type': ['is required'] });
  });

  test('get: what the caller owns or may read; where, attributes, order, limit, offset', async () => {
    expect(ids(await call('securable', { action: 'get' }))).toEqual([DASHBOARDS.sales, DASHBOARDS.finance]);
    expect(ids(await call('securable', { action: 'get', find: {} }, USERS.victor))).toEqual([DASHBOARDS.sales, DASHBOARDS.marketing]);
    expect((await call('securable', { action: 'get', find: {} }, USERS.nina)).body).toEqual({ count: 0, rows: [] });
    const paged = await call('securable', { action: 'get', find: { attributes: ['id', 'name'], order: [['id', 'desc']], limit: 1, offset: 1 } }, USERS.victor);
    expect(paged.body).toEqual({ count: 2, rows: [{ id: DASHBOARDS.marketing, name: { en: 'Marketing funnel' } }] });
    const where = await call('securable', { action: 'get', find: { where: { id: { in: [DASHBOARDS.finance, DASHBOARDS.marketing] } }, attributes: ['id'] } });
    expect(where.body).toEqual({ count: 1, rows: [{ id: DASHBOARDS.finance }] });
  });

  test('[A] get: include Share lists the dashboard\'s shares under `shares`', async () => {
    const res = await call('securable', { action: 'get', find: { where: { id: DASHBOARDS.sales }, attributes: ['id'], include: [{ model: 'Share', attributes: ['id', 'locale_id'] }] } }, USERS.victor);
    expect(res.body.rows).toEqual([{ id: DASHBOARDS.sales, shares: [{ id: SHARES.salesFr, locale_id: 'fr' }] }]);
  });

  test('get: unknown fields and operators are 400s naming the securable', async () => {
    const field = await call('securable', { action: 'get', find: { where: { colour: 'red' } } });
    expect(field.status).toBe(400);
    expect(field.body).toEqual({ type: { code: 400, description: 'Bad Request' }, message: "Unknown securable attribute 'colour' in find.where." });
    expect((await call('securable', { action: 'get', find: { include: [{ model: 'User' }] } })).body.validation).toBeDefined();
    expect((await call('securable', { action: 'get', find: { order: [['owner']] } })).body.message).toBe("Unknown securable attribute 'owner' in find.order.");
  });

  test('update: the owner renames; updated_at moves; the share include shows the new name', async () => {
    const res = await call('securable', { action: 'update', id: DASHBOARDS.sales, properties: { name: { en: 'Revenue' }, description: { en: 'Q3' }, unknown: 1 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: DASHBOARDS.sales, name: { en: 'Revenue' }, description: { en: 'Q3' } });
    expect(res.body.updated_at > res.body.created_at).toBe(true);
    const share = await call('share', { action: 'get', find: { where: { id: SHARES.salesFr }, include: [{ model: 'Securable', attributes: ['name'] }] } });
    expect(share.body.rows[0].securable).toEqual({ name: { en: 'Revenue' } });
  });

  test('update and delete: a reader gets 403, a dashboard the caller cannot read is a 404 [A]', async () => {
    const reader = await call('securable', { action: 'update', id: DASHBOARDS.sales, properties: { name: { en: 'Mine' } } }, USERS.victor);
    expect(reader.status).toBe(403);
    expect(reader.body).toEqual({ type: { code: 403, description: 'Forbidden' }, message: `You must own dashboard ${DASHBOARDS.sales} to update it.` });
    expect((await call('securable', { action: 'delete', id: DASHBOARDS.sales }, USERS.victor)).status).toBe(403);
    const hidden = await call('securable', { action: 'delete', id: DASHBOARDS.finance }, USERS.victor);
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe(`Securable ${DASHBOARDS.finance} not found.`);
    expect((await call('securable', { action: 'update', id: 'nope', properties: {} })).status).toBe(404);
  });

  test('[A] delete: the owner deletes the dashboard and the shares that point at it', async () => {
    const res = await call('securable', { action: 'delete', id: DASHBOARDS.sales, properties: {} });
    expect(res.body).toEqual({ code: 200 });
    expect(ids(await call('securable', { action: 'get' }))).toEqual([DASHBOARDS.finance]);
    const shares = await call('share', { action: 'get', find: { where: { id: { in: [SHARES.salesFr, SHARES.finance] } } } });
    expect(ids(shares)).toEqual([SHARES.finance]);
    const relink = await call('share', { action: 'create', properties: {}, associations: [{ role: 'Securables', id: DASHBOARDS.sales }] });
    expect(relink.status).toBe(404);
  });

  test('the share flow through the API alone: list my dashboards, create one, share it, see the link', async () => {
    const created = await call('securable', { action: 'create', properties: { type: 'dashboard', name: { en: 'Churn' } } });
    const mine = await call('securable', { action: 'get', find: { where: { id: created.body.id } } });
    expect(mine.body.count).toBe(1);
    const locales = await call('locale', { action: 'get', find: { where: { id: 'nl' } } });
    const share = await call('share', { action: 'create', properties: {}, associations: [{ role: 'Locales', id: locales.body.rows[0].id }, { role: 'Securables', id: created.body.id }] });
    expect(share.body).toMatchObject({ securable_id: created.body.id, locale_id: 'nl', user_id: USERS.olivia.id });
    const listed = await call('securable', { action: 'get', find: { where: { id: created.body.id }, include: [{ model: 'Share' }] } });
    expect(listed.body.rows[0].shares).toEqual([share.body]);
  });
});

describe('locale', () => {
  test('get: the fixture locales, with find', async () => {
    const all = await call('locale', { action: 'get', find: {} }, USERS.nina);
    expect(all.body).toEqual({
      count: 4,
      rows: [
        { id: 'en', name: 'English' },
        { id: 'fr', name: 'French' },
        { id: 'nl', name: 'Dutch' },
        { id: 'de', name: 'German' },
      ],
    });
    const sorted = await call('locale', { action: 'get', find: { attributes: ['id'], order: ['name'], limit: 2 } });
    expect(sorted.body).toEqual({ count: 4, rows: [{ id: 'nl' }, { id: 'en' }] });
  });

  test('[A] other actions are 400 `Action ... not found`; find with include is a 400', async () => {
    const create = await call('locale', { action: 'create', properties: { id: 'tlh' } });
    expect(create.status).toBe(400);
    expect(create.body.message).toBe("Action 'create' not found");
    expect((await call('locale', { action: 'get', find: { include: [{ model: 'User' }] } })).body.validation).toEqual({ 'find.include': ['must NOT have additional properties'] });
  });
});

describe('user', () => {
  test('[A] get: every user of the organization, without credentials', async () => {
    const res = await call('user', { action: 'get', find: { order: [['name', 'asc']] } }, USERS.nina);
    expect(res.body).toEqual({
      count: 3,
      rows: [
        { id: USERS.nina.id, name: 'Nina Newcomer', email: 'nina@example.com' },
        { id: USERS.olivia.id, name: 'Olivia Owner', email: 'olivia@example.com' },
        { id: USERS.victor.id, name: 'Victor Viewer', email: 'victor@example.com' },
      ],
    });
    const me = await call('user', { action: 'get', find: { where: { id: USERS.victor.id }, attributes: ['name'] } }, USERS.victor);
    expect(me.body).toEqual({ count: 1, rows: [{ name: 'Victor Viewer' }] });
    expect((await call('user', { action: 'get', find: { where: { credentials: 'x' } } })).status).toBe(400);
  });
});

describe.each(['securable', 'locale', 'user'])('%s: errors every resource shares', (resource) => {
  test('401 without or with unknown credentials', async () => {
    const res = await request(app).post(`/0.1.0/${resource}`).set('content-type', 'application/json').send({ action: 'get', version: '0.1.0' });
    expect(res.status).toBe(401);
    expect((await call(resource, { action: 'get' }, { key: 'x', token: 'y' })).body.message).toBe('Invalid API key or token.');
  });

  test('413 for a body over the limit, 415 for one that is not JSON', async () => {
    const big = await call(resource, { action: 'get', padding: 'x'.repeat(8192) });
    expect(big.status).toBe(413);
    const text = await request(app).post(`/0.1.0/${resource}`).set('content-type', 'text/plain').send('action=get');
    expect(text.status).toBe(415);
    expect(text.body.type).toEqual({ code: 415, description: 'Unsupported Media Type' });
  });
});
