// The share flow as the Python, Java, PHP and C# SDKs put it on the wire (real-clients.md section 2, luzmo.md
// section 1), replayed as raw HTTP: their verbs, headers, extra and null fields, and the Java SDK's dissociate
// that sends `action: "associate"`, each answered as the real service would (it dispatches on `action` alone).
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, USERS } from './luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
let exchanges: ReturnType<typeof testEmulator>['exchanges'];
beforeEach(() => {
  ({ app, exchanges } = testEmulator());
});

type Action = 'create' | 'get' | 'update' | 'delete' | 'associate' | 'dissociate';

/** How one SDK turns a call into a request: the verb, the headers, and the body it builds. */
interface WireHabits {
  verb(action: Action): string;
  headers: Record<string, string>;
  body(action: Action, fields: Record<string, unknown>): Record<string, unknown>;
}

const VERBS: Record<Action, string> = { create: 'POST', get: 'SEARCH', update: 'PATCH', delete: 'DELETE', associate: 'LINK', dissociate: 'UNLINK' };

const SDKS: Record<string, WireHabits> = {
  // luzmo/luzmo.py: always requests.post; create sends `associations: {}` by default; delete, update and
  // associate send `properties: {}`.
  python: {
    verb: () => 'POST',
    headers: {},
    body: (action, fields) => {
      if (action === 'create') return { action, properties: {}, associations: {}, ...fields };
      if (action === 'delete' || action === 'update' || action === 'associate') return { action, properties: {}, ...fields };
      return { action, ...fields };
    },
  },
  // Luzmo.java: always POST with a constant X-HTTP-Method-Override: PATCH; dissociate() sends "associate".
  java: {
    verb: () => 'POST',
    headers: { 'X-HTTP-Method-Override': 'PATCH' },
    body: (action, fields) => ({ action: action === 'dissociate' ? 'associate' : action, ...(action === 'delete' ? { properties: {} } : {}), ...fields }),
  },
  // Luzmo.php: CURLOPT_CUSTOMREQUEST = the action's verb; delete sends `properties: {}`.
  php: { verb: (action) => VERBS[action], headers: {}, body: (action, fields) => ({ action, ...(action === 'delete' ? { properties: {} } : {}), ...fields }) },
  // Luzmo.cs: the action's verb; every field of LuzmoQuery serialised, null where unused.
  csharp: {
    verb: (action) => VERBS[action],
    headers: {},
    body: (action, fields) => ({ action, id: null, properties: null, associations: null, resource: null, find: null, ...fields }),
  },
};

function call(sdk: WireHabits, resource: string, action: Action, fields: Record<string, unknown>): request.Test {
  const body = { ...sdk.body(action, fields), key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' };
  let t = request(app)[sdk.verb(action).toLowerCase() as 'post'](`/0.1.0/${resource}`).set('content-type', 'application/json');
  for (const [name, value] of Object.entries(sdk.headers)) t = t.set(name, value);
  return t.send(JSON.stringify(body));
}

test.each(Object.keys(SDKS))('%s: dashboard, share with inline associations, get with includes, dissociate, delete', async (name) => {
  const sdk = SDKS[name] as WireHabits;
  const dashboard = await call(sdk, 'securable', 'create', { properties: { type: 'dashboard', name: { en: name } } });
  expect(dashboard.status).toBe(200);
  const share = await call(sdk, 'share', 'create', {
    properties: {},
    associations: [
      { role: 'Locales', id: 'nl' },
      { role: 'Securables', id: dashboard.body.id },
    ],
  });
  expect(share.status).toBe(200);
  expect(share.body).toMatchObject({ securable_id: dashboard.body.id, locale_id: 'nl' });
  const got = await call(sdk, 'share', 'get', { find: { where: { id: share.body.id }, include: [{ model: 'Securable', attributes: ['name'] }, { model: 'Locale', attributes: ['id'] }] } });
  expect(got.body.rows).toEqual([expect.objectContaining({ securable: { name: { en: name } }, locale: { id: 'nl' } })]);
  const renamed = await call(sdk, 'securable', 'update', { id: dashboard.body.id, properties: { name: { en: `${name} 2` } } });
  expect(renamed.body.name).toEqual({ en: `${name} 2` });

  const dissociated = await call(sdk, 'share', 'dissociate', { id: share.body.id, resource: { role: 'Locales', id: 'nl' } });
  expect(dissociated.body).toEqual({ code: 200 });
  const after = await call(sdk, 'share', 'get', { find: { where: { id: share.body.id }, attributes: ['locale_id'] } });
  // The real service dispatches on `action`: Java's dissociate is an associate, so the locale stays.
  expect(after.body.rows).toEqual([{ locale_id: name === 'java' ? 'nl' : null }]);

  expect((await call(sdk, 'share', 'delete', { id: share.body.id })).body).toEqual({ code: 200 });
  expect((await call(sdk, 'securable', 'delete', { id: dashboard.body.id })).body).toEqual({ code: 200 });
  expect((await call(sdk, 'share', 'get', { find: { where: { id: share.body.id } } })).body).toEqual({ count: 0, rows: [] });
  const verbs = new Set(exchanges.map((e) => e.method));
  expect([...verbs].sort()).toEqual(sdk.verb('get') === 'POST' ? ['POST'] : ['DELETE', 'PATCH', 'POST', 'SEARCH', 'UNLINK']);
});

test('java: dissociating a dashboard runs an associate, which a share already linked to it accepts again', async () => {
  const java = SDKS.java as WireHabits;
  const share = await call(java, 'share', 'create', { properties: {}, associations: [{ role: 'Securables', id: DASHBOARDS.sales }] });
  const res = await call(java, 'share', 'dissociate', { id: share.body.id, resource: { role: 'Securables', id: DASHBOARDS.sales } });
  expect(res.body).toEqual({ code: 200 });
  expect(exchanges.at(-1)?.operationId).toBe('associateShare');
  const got = await call(java, 'share', 'get', { find: { where: { id: share.body.id }, attributes: ['securable_id'] } });
  expect(got.body.rows).toEqual([{ securable_id: DASHBOARDS.sales }]);
});

test('python: an error is read as response.reason + ": " + message, then each validation entry', async () => {
  const python = SDKS.python as WireHabits;
  const res = await call(python, 'securable', 'create', { properties: { name: { en: 'no type' } } });
  expect(res.status).toBe(400);
  const reason = (res as unknown as { res: IncomingMessage }).res.statusMessage ?? '';
  const printed = [`${reason}: ${res.body.message as string}`, ...Object.entries(res.body.validation as Record<string, string[]>).map(([k, v]) => `${k}: ${v[0]}`)];
  expect(printed).toEqual(['Bad Request: Invalid request: properties.type is required.', 'properties.type: is required']);
});

test('c#: 404 and 403 bodies carry the status as `type.code` (LuzmoException keeps the whole body)', async () => {
  const csharp = SDKS.csharp as WireHabits;
  const res = await call(csharp, 'securable', 'delete', { id: DASHBOARDS.marketing });
  expect(res.status).toBe(404);
  const mine = await request(app)
    .delete('/0.1.0/securable')
    .set('content-type', 'application/json')
    .send(JSON.stringify({ ...csharp.body('delete', { id: DASHBOARDS.sales }), key: USERS.victor.key, token: USERS.victor.token, version: '0.1.0' }));
  expect(mine.body).toEqual({ type: { code: 403, description: 'Forbidden' }, message: `You must own dashboard ${DASHBOARDS.sales} to delete it.` });
});
