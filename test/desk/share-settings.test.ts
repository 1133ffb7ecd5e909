// DESK shareSettings through HTTP: the default, PUT-then-GET, the [A] rules, stable anonymous links,
// what real clients send (string booleans, unknown fields, urls), the mirror into dashboardMetadata,
// and the validator that checks exactly what PUT checks and stores nothing.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, ENV, MANAGED_ENV, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody, shareBody } from './desk-fixtures';

const rw = auth(TOKENS.readWrite);
let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const sharePath = (id: string, env?: string) => `${base(env)}/dashboards/${id}/shareSettings`;
const getShare = (id: string, env?: string, token: string = TOKENS.readWrite) => request(app).get(sharePath(id, env)).set(auth(token));
const putShare = (id: string, body: unknown, env?: string, token: string = TOKENS.readWrite) =>
  request(app).put(sharePath(id, env)).set(auth(token)).set('content-type', 'application/json').send(JSON.stringify(body));

interface ShareView {
  enabled: boolean;
  preset: boolean;
  permissions: { id?: string; permission: string; type: string }[];
  publicAccess: { managementZoneIds: string[]; urls: Record<string, string> };
}

describe('GET shareSettings', () => {
  test('a never-shared dashboard reads the documented default', async () => {
    const res = await getShare(DASHBOARDS.backlog);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: DASHBOARDS.backlog,
      enabled: false,
      preset: false,
      permissions: [],
      publicAccess: { managementZoneIds: [], urls: {} },
    });
  });

  test('a shared dashboard: users, a group and one link per zone', async () => {
    const res = await getShare(DASHBOARDS.operations);
    expect(res.body.permissions).toEqual([
      { id: 'bob@example.com', permission: 'VIEW', type: 'USER' },
      { id: '6f7b2f3a-0c6e-4a57-b5b4-2e1f0d9c8a77', permission: 'EDIT', type: 'GROUP' },
    ]);
    expect(res.body.publicAccess).toEqual({
      managementZoneIds: ['default', '2899273953172250973'],
      urls: {
        default: `https://abc12345.live.desk.example/e/${ENV}/dashboards/${DASHBOARDS.operations}?auth=9yPpSI-M-3434Irz8yc8U`,
        '2899273953172250973': `https://abc12345.live.desk.example/e/${ENV}/dashboards/${DASHBOARDS.operations}?auth=SL5wTvCbaM2lwpew23234`,
      },
    });
  });

  test('a management zone named __proto__ gets its link like any other zone', async () => {
    await putShare(DASHBOARDS.operations, shareBody(DASHBOARDS.operations, { publicAccess: { managementZoneIds: ['__proto__', 'default'] } })).expect(204);
    const res = await getShare(DASHBOARDS.operations);
    expect(res.text).toMatch(/"urls":\{"__proto__":"https:\/\/[^"]+\?auth=[A-Za-z0-9_-]{21}","default":"https:/);
    expect(res.body.publicAccess.managementZoneIds).toEqual(['__proto__', 'default']);
  });

  test('links use the environment own base URL and id', async () => {
    await putShare(DASHBOARDS.managed, shareBody(DASHBOARDS.managed, { publicAccess: { managementZoneIds: ['default'] } }), MANAGED_ENV, TOKENS.managedReadWrite).expect(204);
    const res = await getShare(DASHBOARDS.managed, MANAGED_ENV, TOKENS.managedReadWrite);
    expect(res.body.publicAccess.urls.default).toMatch(
      new RegExp(`^https://desk\\.corp\\.example/e/${MANAGED_ENV}/dashboards/${DASHBOARDS.managed}\\?auth=[A-Za-z0-9_-]{21}$`),
    );
  });

  test('an unknown dashboard -> 404 Dashboard <id> not found', async () => {
    const res = await getShare(UNKNOWN_DASHBOARD);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: `Dashboard ${UNKNOWN_DASHBOARD} not found` } });
  });
});

describe('PUT shareSettings', () => {
  test('204 without a body, and the next GET returns exactly what was put', async () => {
    const body = {
      id: DASHBOARDS.backlog,
      enabled: true,
      preset: true,
      permissions: [
        { type: 'USER', id: 'erin@example.com', permission: 'EDIT' },
        { type: 'GROUP', id: 'group-1', permission: 'VIEW' },
        { type: 'ALL', permission: 'VIEW' },
      ],
      publicAccess: { managementZoneIds: ['default'] },
    };
    const res = await putShare(DASHBOARDS.backlog, body);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const got = await getShare(DASHBOARDS.backlog);
    expect(got.body).toEqual({
      id: DASHBOARDS.backlog,
      enabled: true,
      preset: true,
      permissions: [
        { id: 'erin@example.com', permission: 'EDIT', type: 'USER' },
        { id: 'group-1', permission: 'VIEW', type: 'GROUP' },
        { permission: 'VIEW', type: 'ALL' },
      ],
      publicAccess: { managementZoneIds: ['default'], urls: { default: expect.stringMatching(/\?auth=[A-Za-z0-9_-]{21}$/) } },
    });
  });

  test('the same settings put again change nothing, and each one-field change after them is read back', async () => {
    const first = {
      id: DASHBOARDS.backlog,
      enabled: true,
      preset: false,
      permissions: [{ type: 'USER', id: 'u1', permission: 'VIEW' }, { type: 'ALL', permission: 'VIEW' }],
      publicAccess: { managementZoneIds: ['default', '42'] },
    };
    await putShare(DASHBOARDS.backlog, first).expect(204);
    const stored = (await getShare(DASHBOARDS.backlog)).body;
    await putShare(DASHBOARDS.backlog, first).expect(204);
    expect((await getShare(DASHBOARDS.backlog)).body).toEqual(stored);
    const changes: [Record<string, unknown>, (got: ShareView) => void][] = [
      [{ enabled: false }, (got) => expect(got.enabled).toBe(false)],
      [{ preset: true }, (got) => expect(got.preset).toBe(true)],
      [{ permissions: [{ type: 'USER', id: 'u1', permission: 'EDIT' }, { type: 'ALL', permission: 'VIEW' }] }, (got) => expect(got.permissions[0]).toEqual({ id: 'u1', permission: 'EDIT', type: 'USER' })],
      [{ permissions: [{ type: 'USER', id: 'u2', permission: 'VIEW' }, { type: 'ALL', permission: 'VIEW' }] }, (got) => expect(got.permissions[0]?.id).toBe('u2')],
      [{ permissions: [{ type: 'GROUP', id: 'u1', permission: 'VIEW' }, { type: 'ALL', permission: 'VIEW' }] }, (got) => expect(got.permissions[0]?.type).toBe('GROUP')],
      [{ permissions: [{ type: 'USER', id: 'u1', permission: 'VIEW' }] }, (got) => expect(got.permissions).toHaveLength(1)],
      [{ publicAccess: { managementZoneIds: ['42', 'default'] } }, (got) => expect(got.publicAccess.managementZoneIds).toEqual(['42', 'default'])],
      [{ publicAccess: { managementZoneIds: ['default'] } }, (got) => expect(Object.keys(got.publicAccess.urls)).toEqual(['default'])],
    ];
    for (const [change, check] of changes) {
      await putShare(DASHBOARDS.backlog, first).expect(204);
      await putShare(DASHBOARDS.backlog, { ...first, ...change }).expect(204);
      const got = (await getShare(DASHBOARDS.backlog)).body as ShareView;
      check(got);
      expect(got.publicAccess.urls.default).toBe(stored.publicAccess.urls.default); // a listed zone keeps its link throughout
    }
  });

  test('[A] PUT replaces everything: the reset body leaves nothing behind', async () => {
    const reset = { id: DASHBOARDS.operations, enabled: false, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } };
    await putShare(DASHBOARDS.operations, reset).expect(204);
    const got = await getShare(DASHBOARDS.operations);
    expect(got.body).toEqual({ ...reset, publicAccess: { managementZoneIds: [], urls: {} } });
  });

  test('[A] enabled and preset absent mean false', async () => {
    await putShare(DASHBOARDS.operations, { id: DASHBOARDS.operations, permissions: [], publicAccess: { managementZoneIds: [] } }).expect(204);
    const got = await getShare(DASHBOARDS.operations);
    expect(got.body).toMatchObject({ enabled: false, preset: false });
  });

  test('enabled:false keeps permissions and zones as given', async () => {
    const body = shareBody(DASHBOARDS.backlog, { enabled: false, permissions: [{ type: 'USER', id: 'u1', permission: 'VIEW' }], publicAccess: { managementZoneIds: ['default'] } });
    await putShare(DASHBOARDS.backlog, body).expect(204);
    const got = await getShare(DASHBOARDS.backlog);
    expect(got.body.enabled).toBe(false);
    expect(got.body.permissions).toEqual([{ id: 'u1', permission: 'VIEW', type: 'USER' }]);
    expect(Object.keys(got.body.publicAccess.urls)).toEqual(['default']);
  });

  test('[A] a zone keeps its link while listed; a removed and re-added zone gets a new one', async () => {
    const before = (await getShare(DASHBOARDS.operations)).body.publicAccess.urls;
    await putShare(DASHBOARDS.operations, shareBody(DASHBOARDS.operations, { publicAccess: { managementZoneIds: ['2899273953172250973', 'default', '42'] } })).expect(204);
    const kept = (await getShare(DASHBOARDS.operations)).body.publicAccess;
    expect(kept.managementZoneIds).toEqual(['2899273953172250973', 'default', '42']);
    expect(kept.urls.default).toBe(before.default);
    expect(kept.urls['2899273953172250973']).toBe(before['2899273953172250973']);
    expect(kept.urls['42']).toMatch(/\?auth=[A-Za-z0-9_-]{21}$/);
    await putShare(DASHBOARDS.operations, shareBody(DASHBOARDS.operations, { publicAccess: { managementZoneIds: ['42'] } })).expect(204);
    await putShare(DASHBOARDS.operations, shareBody(DASHBOARDS.operations, { publicAccess: { managementZoneIds: ['42', 'default'] } })).expect(204);
    const readded = (await getShare(DASHBOARDS.operations)).body.publicAccess.urls;
    expect(readded['42']).toBe(kept.urls['42']);
    expect(readded.default).not.toBe(before.default);
  });

  test('[A] urls in the input are ignored and generated', async () => {
    const body = shareBody(DASHBOARDS.backlog, { publicAccess: { managementZoneIds: ['default'], urls: { default: 'https://evil.example/x', other: 'y' } } });
    await putShare(DASHBOARDS.backlog, body).expect(204);
    const urls = (await getShare(DASHBOARDS.backlog)).body.publicAccess.urls;
    expect(Object.keys(urls)).toEqual(['default']);
    expect(urls.default).toMatch(/^https:\/\/abc12345\.live\.desk\.example\//);
  });

  test('[A] duplicate zone ids collapse, first occurrence kept', async () => {
    await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { publicAccess: { managementZoneIds: ['b', 'a', 'b', 'a'] } })).expect(204);
    const access = (await getShare(DASHBOARDS.backlog)).body.publicAccess;
    expect(access.managementZoneIds).toEqual(['b', 'a']);
    expect(Object.keys(access.urls)).toEqual(['b', 'a']);
  });

  test('[A] what the vendor upload script sends: string booleans and an unknown "published" field', async () => {
    const body = { id: DASHBOARDS.backlog, published: 'true', enabled: 'true', publicAccess: { managementZoneIds: [], urls: {} }, permissions: [{ type: 'ALL', permission: 'VIEW' }] };
    await putShare(DASHBOARDS.backlog, body).expect(204);
    const got = await getShare(DASHBOARDS.backlog);
    expect(got.body.enabled).toBe(true);
    expect(got.body).not.toHaveProperty('published');
  });

  test('[A] null fields are treated as absent', async () => {
    const body = { id: DASHBOARDS.backlog, enabled: null, preset: null, permissions: [{ type: 'ALL', permission: 'VIEW', id: null }], publicAccess: { managementZoneIds: [], urls: null } };
    await putShare(DASHBOARDS.backlog, body).expect(204);
    expect((await getShare(DASHBOARDS.backlog)).body).toMatchObject({ enabled: false, preset: false, permissions: [{ permission: 'VIEW', type: 'ALL' }] });
  });

  test('enabled and preset mirror into dashboardMetadata.shared and .preset', async () => {
    await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { enabled: true, preset: true })).expect(204);
    const dashboard = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw);
    expect(dashboard.body.dashboardMetadata).toMatchObject({ shared: true, preset: true });
    await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { enabled: false, preset: false })).expect(204);
    const after = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw);
    expect(after.body.dashboardMetadata).toMatchObject({ shared: false, preset: false });
  });

  test('a GET after each kind of change shows it, though GETs of unchanged settings share one view', async () => {
    const id = DASHBOARDS.backlog;
    const first = await getShare(id);
    expect((await getShare(id)).text).toBe(first.text);
    // The dashboard's own PUT changes enabled (a new settings record, so a new view)...
    const dashboardPut = (metadata: Record<string, unknown>) =>
      request(app).put(`${base()}/dashboards/${id}`).set(rw).send(dashboardBody('Backlog', { id, dashboardMetadata: { name: 'Backlog', owner: 'dora@example.com', ...metadata } }));
    await dashboardPut({ shared: true }).expect(204);
    expect((await getShare(id)).body).toMatchObject({ enabled: true, preset: false, permissions: [] });
    // ...and preset, which also replaces the permissions.
    await dashboardPut({ preset: true }).expect(204);
    expect((await getShare(id)).body).toMatchObject({ enabled: true, preset: true, permissions: [{ permission: 'VIEW', type: 'ALL' }] });
    await dashboardPut({ preset: false }).expect(204);
    expect((await getShare(id)).body).toMatchObject({ enabled: true, preset: false });
    // A share PUT replaces the zone list and the links.
    await putShare(id, shareBody(id, { publicAccess: { managementZoneIds: ['default'] } })).expect(204);
    const zoned = (await getShare(id)).body;
    expect(Object.keys(zoned.publicAccess.urls)).toEqual(['default']);
    await putShare(id, shareBody(id, { enabled: false, publicAccess: { managementZoneIds: ['default'] } })).expect(204);
    expect((await getShare(id)).body).toMatchObject({ enabled: false, publicAccess: { urls: zoned.publicAccess.urls } });
    // A state import with another link base moves the links, tokens kept.
    const state = (await request(app).get('/_emulator/state?vendor=desk')).body as { environments: { uiBaseUrl: string }[] };
    for (const env of state.environments) env.uiBaseUrl = 'https://moved.example';
    await request(app).put('/_emulator/state?vendor=desk').send(state).expect(200);
    const moved = (await getShare(id)).body.publicAccess.urls.default as string;
    expect(moved).toBe((zoned.publicAccess.urls.default as string).replace(/^https:\/\/[^/]+/, 'https://moved.example'));
  });

  test('the Managed and SaaS paths of the default environment share one state', async () => {
    await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog), ENV).expect(204);
    expect((await getShare(DASHBOARDS.backlog)).body.enabled).toBe(true);
  });
});

describe('PUT shareSettings rules', () => {
  test('an unknown dashboard -> 400 Constraints violated / Dashboard does not exist (not 404)', async () => {
    const res = await putShare(UNKNOWN_DASHBOARD, shareBody(UNKNOWN_DASHBOARD));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 400,
        message: 'Constraints violated.',
        constraintViolations: [{ path: '', message: 'Dashboard does not exist', parameterLocation: 'PAYLOAD_BODY', location: null }],
      },
    });
  });

  test('[A] the body id must equal the path id', async () => {
    const res = await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.operations));
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations).toEqual([
      { path: 'id', message: 'The ID in the request body must match the ID in the path', parameterLocation: 'PAYLOAD_BODY', location: null },
    ]);
  });

  test('[A] USER and GROUP need an id; ALL must not have one; all violations at once', async () => {
    const res = await putShare(
      DASHBOARDS.backlog,
      shareBody(DASHBOARDS.backlog, {
        permissions: [
          { type: 'USER', permission: 'VIEW' },
          { type: 'GROUP', permission: 'EDIT' },
          { type: 'ALL', permission: 'VIEW', id: 'someone' },
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations).toEqual([
      { path: 'permissions[0].id', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
      { path: 'permissions[1].id', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
      { path: 'permissions[2].id', message: 'must be null for permission type ALL', parameterLocation: 'PAYLOAD_BODY', location: null },
    ]);
  });

  test('missing required fields -> may not be null, every one', async () => {
    const res = await putShare(DASHBOARDS.backlog, { enabled: true, permissions: [{ permission: 'VIEW' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Constraints violated.');
    expect(res.body.error.constraintViolations).toEqual(
      expect.arrayContaining([
        { path: 'id', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
        { path: 'publicAccess', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
        { path: 'permissions[0].type', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
      ]),
    );
    expect(res.body.error.constraintViolations).toHaveLength(3);
  });

  test('publicAccess without managementZoneIds -> may not be null at publicAccess.managementZoneIds', async () => {
    const res = await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { publicAccess: {} }));
    expect(res.body.error.constraintViolations).toEqual([
      { path: 'publicAccess.managementZoneIds', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
    ]);
  });

  test('an empty body -> 400 Constraints violated', async () => {
    const res = await request(app).put(sharePath(DASHBOARDS.backlog)).set(rw).set('content-type', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Constraints violated.');
  });

  test('a failed PUT changes nothing', async () => {
    const before = (await getShare(DASHBOARDS.operations)).body;
    await putShare(DASHBOARDS.operations, shareBody(DASHBOARDS.operations, { permissions: [{ type: 'USER', permission: 'VIEW' }] })).expect(400);
    expect((await getShare(DASHBOARDS.operations)).body).toEqual(before);
  });
});

describe('POST shareSettings/validator', () => {
  test('204 for a valid body and nothing is stored', async () => {
    const before = (await getShare(DASHBOARDS.backlog)).body;
    const res = await request(app)
      .post(`${sharePath(DASHBOARDS.backlog)}/validator`)
      .set(rw)
      .send(shareBody(DASHBOARDS.backlog, { publicAccess: { managementZoneIds: ['default'] } }));
    expect(res.status).toBe(204);
    expect((await getShare(DASHBOARDS.backlog)).body).toEqual(before);
  });

  test.each([
    ['unknown dashboard', UNKNOWN_DASHBOARD, shareBody(UNKNOWN_DASHBOARD)],
    ['id mismatch', DASHBOARDS.backlog, shareBody(DASHBOARDS.operations)],
    ['USER without id', DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { permissions: [{ type: 'USER', permission: 'VIEW' }] })],
    ['missing publicAccess', DASHBOARDS.backlog, { id: DASHBOARDS.backlog, permissions: [] }],
    ['bad enum', DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { permissions: [{ type: 'ALL', permission: 'OWN' }] })],
  ])('the same 400 as PUT: %s', async (_case, id, body) => {
    const viaPut = await putShare(id, body);
    const viaValidator = await request(app).post(`${sharePath(id)}/validator`).set(rw).send(body as object);
    expect(viaPut.status).toBe(400);
    expect(viaValidator.status).toBe(400);
    expect(viaValidator.body).toEqual(viaPut.body);
  });
});
