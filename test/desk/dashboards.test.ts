// DESK dashboard operations through HTTP: list with filters, create, read, upsert, delete, the two
// validators, and how each changes what the next GET returns.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody } from './desk-fixtures';

const rw = auth(TOKENS.readWrite);
let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const ids = (res: request.Response): string[] => res.body.dashboards.map((d: { id: string }) => d.id);

describe('GET /dashboards', () => {
  test('lists every dashboard as {id, name, owner}', async () => {
    const res = await request(app).get(`${base()}/dashboards`).set(rw);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.dashboards).toEqual([
      { id: DASHBOARDS.operations, name: 'Operations overview', owner: 'alice@example.com' },
      { id: DASHBOARDS.backlog, name: 'Team backlog', owner: 'bob@example.com' },
      { id: DASHBOARDS.release, name: 'Release board', owner: 'alice@example.com' },
      { id: DASHBOARDS.preset, name: 'Company overview', owner: 'alice@example.com' },
    ]);
  });

  test('owner filters by exact owner', async () => {
    const res = await request(app).get(`${base()}/dashboards?owner=alice@example.com`).set(rw);
    expect(ids(res)).toEqual([DASHBOARDS.operations, DASHBOARDS.release, DASHBOARDS.preset]);
    const none = await request(app).get(`${base()}/dashboards?owner=ALICE@example.com`).set(rw);
    expect(ids(none)).toEqual([]);
  });

  test('tags must all match; repeat the parameter for several', async () => {
    expect(ids(await request(app).get(`${base()}/dashboards?tags=prod`).set(rw))).toEqual([DASHBOARDS.operations, DASHBOARDS.release, DASHBOARDS.preset]);
    expect(ids(await request(app).get(`${base()}/dashboards?tags=prod&tags=ops`).set(rw))).toEqual([DASHBOARDS.operations]);
    expect(ids(await request(app).get(`${base()}/dashboards?tags=prod&tags=team`).set(rw))).toEqual([]);
  });

  test('owner and tags combine', async () => {
    const res = await request(app).get(`${base()}/dashboards?owner=alice@example.com&tags=ops`).set(rw);
    expect(ids(res)).toEqual([DASHBOARDS.operations]);
  });

  test('[A] a GET with a JSON body null (the vendor script sends one) is answered normally', async () => {
    const res = await request(app).get(`${base()}/dashboards`).set(rw).set('content-type', 'application/json; charset=utf-8').send('null');
    expect(res.status).toBe(200);
  });
});

describe('GET /dashboards/{id}', () => {
  test('returns metadata, id, dashboardMetadata with shared/preset from the share settings, and tiles', async () => {
    const res = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}`).set(rw);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['metadata', 'id', 'dashboardMetadata', 'tiles']);
    expect(res.body.metadata).toEqual({ configurationVersions: [3], clusterVersion: expect.any(String) });
    expect(res.body.dashboardMetadata).toEqual({
      name: 'Operations overview',
      shared: true,
      owner: 'alice@example.com',
      tags: ['ops', 'prod'],
      dashboardFilter: { timeframe: '-2h' },
      preset: false,
    });
    expect(res.body.tiles).toHaveLength(1);
    expect(res.body.tiles[0]).toMatchObject({ name: 'Hosts', tileType: 'HOSTS', chartVisible: true });
  });

  test('an unknown dashboard -> 404 Dashboard <id> not found', async () => {
    const res = await request(app).get(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: `Dashboard ${UNKNOWN_DASHBOARD} not found` } });
  });
});

describe('POST /dashboards', () => {
  test('201 with {id, name}; the new dashboard is listed, readable, private and unshared', async () => {
    const res = await request(app).post(`${base()}/dashboards`).set(rw).send(dashboardBody('Fresh'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Fresh' });
    const list = await request(app).get(`${base()}/dashboards?tags=new`).set(rw);
    expect(list.body.dashboards).toEqual([{ id: res.body.id, name: 'Fresh', owner: 'dora@example.com' }]);
    const got = await request(app).get(`${base()}/dashboards/${res.body.id}`).set(rw);
    expect(got.body.dashboardMetadata).toMatchObject({ name: 'Fresh', shared: false, preset: false });
    const share = await request(app).get(`${base()}/dashboards/${res.body.id}/shareSettings`).set(rw);
    expect(share.body).toEqual({ id: res.body.id, enabled: false, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } });
  });

  test('dashboardMetadata.shared on create turns the share settings on', async () => {
    const body = dashboardBody('Shared at birth');
    (body.dashboardMetadata as Record<string, unknown>).shared = true;
    const res = await request(app).post(`${base()}/dashboards`).set(rw).send(body);
    const share = await request(app).get(`${base()}/dashboards/${res.body.id}/shareSettings`).set(rw);
    expect(share.body.enabled).toBe(true);
  });

  test('[A] an id in the body -> 400 Constraints violated, `id` must be null', async () => {
    const res = await request(app).post(`${base()}/dashboards`).set(rw).send(dashboardBody('x', { id: UNKNOWN_DASHBOARD }));
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations).toEqual([{ path: 'id', message: 'must be null', parameterLocation: 'PAYLOAD_BODY', location: null }]);
  });

  test('fields the server does not model are dropped, not stored', async () => {
    const body = dashboardBody('Extras');
    (body.dashboardMetadata as Record<string, unknown>).sharingDetails = { linkShared: true, published: false };
    (body.dashboardMetadata as Record<string, unknown>).madeUp = 1;
    const res = await request(app).post(`${base()}/dashboards`).set(rw).send(body);
    const got = await request(app).get(`${base()}/dashboards/${res.body.id}`).set(rw);
    expect(got.body.dashboardMetadata).not.toHaveProperty('sharingDetails');
    expect(got.body.dashboardMetadata).not.toHaveProperty('madeUp');
  });
});

describe('PUT /dashboards/{id} (upsert)', () => {
  test('an unknown id is created: 201 {id, name}', async () => {
    const res = await request(app).put(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw).send(dashboardBody('Chosen id'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: UNKNOWN_DASHBOARD, name: 'Chosen id' });
    const got = await request(app).get(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw);
    expect(got.body.dashboardMetadata.name).toBe('Chosen id');
  });

  test('a known id is updated: 204 without a body, and the next GET shows the change and a new version', async () => {
    const res = await request(app)
      .put(`${base()}/dashboards/${DASHBOARDS.backlog}`)
      .set(rw)
      .send(dashboardBody('Renamed', { id: DASHBOARDS.backlog }));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const got = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw);
    expect(got.body.dashboardMetadata).toMatchObject({ name: 'Renamed', owner: 'dora@example.com', tags: ['new'] });
    expect(got.body.metadata.configurationVersions).toEqual([2]);
  });

  test('dashboardMetadata.shared/preset write the share settings; [A] absent, they are kept', async () => {
    const body = dashboardBody('Mirror');
    Object.assign(body.dashboardMetadata as object, { shared: true, preset: true });
    await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw).send(body).expect(204);
    let share = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(rw);
    expect(share.body).toMatchObject({ enabled: true, preset: true });
    await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw).send(dashboardBody('Mirror')).expect(204);
    share = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(rw);
    expect(share.body).toMatchObject({ enabled: true, preset: true });
  });

  test('[A] a body id that differs from the path -> 400 with a PAYLOAD_BODY violation at id', async () => {
    const res = await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw).send(dashboardBody('x', { id: UNKNOWN_DASHBOARD }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Constraints violated.');
    expect(res.body.error.constraintViolations).toEqual([
      { path: 'id', message: 'The ID in the request body must match the ID in the path', parameterLocation: 'PAYLOAD_BODY', location: null },
    ]);
  });
});

describe('DELETE /dashboards/{id}', () => {
  test('204, then GET and shareSettings are 404 and the list no longer has it', async () => {
    const res = await request(app).delete(`${base()}/dashboards/${DASHBOARDS.operations}`).set(rw);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}`).set(rw)).status).toBe(404);
    expect((await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(rw)).status).toBe(404);
    expect(ids(await request(app).get(`${base()}/dashboards`).set(rw))).not.toContain(DASHBOARDS.operations);
  });

  test('deleting the share settings with the dashboard: a re-created dashboard with the same id starts unshared', async () => {
    await request(app).delete(`${base()}/dashboards/${DASHBOARDS.operations}`).set(rw).expect(204);
    await request(app).put(`${base()}/dashboards/${DASHBOARDS.operations}`).set(rw).send(dashboardBody('Again')).expect(201);
    const share = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(rw);
    expect(share.body).toMatchObject({ enabled: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } });
  });

  test('an unknown dashboard -> 404', async () => {
    const res = await request(app).delete(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`Dashboard ${UNKNOWN_DASHBOARD} not found`);
  });
});

describe('validators change nothing', () => {
  test('POST /dashboards/validator: 204 for a valid body, nothing created', async () => {
    const before = ids(await request(app).get(`${base()}/dashboards`).set(rw));
    const res = await request(app).post(`${base()}/dashboards/validator`).set(rw).send(dashboardBody('Only checked'));
    expect(res.status).toBe(204);
    expect(ids(await request(app).get(`${base()}/dashboards`).set(rw))).toEqual(before);
  });

  test('POST /dashboards/validator: the same 400s as POST', async () => {
    const res = await request(app).post(`${base()}/dashboards/validator`).set(rw).send({ tiles: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations).toEqual([
      { path: 'dashboardMetadata', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null },
    ]);
    const withId = await request(app).post(`${base()}/dashboards/validator`).set(rw).send(dashboardBody('x', { id: UNKNOWN_DASHBOARD }));
    expect(withId.status).toBe(400);
  });

  test('POST /dashboards/{id}/validator: 204, nothing changed; 400 on an id mismatch', async () => {
    const ok = await request(app).post(`${base()}/dashboards/${DASHBOARDS.backlog}/validator`).set(rw).send(dashboardBody('Not applied'));
    expect(ok.status).toBe(204);
    const got = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(rw);
    expect(got.body.dashboardMetadata.name).toBe('Team backlog');
    const bad = await request(app).post(`${base()}/dashboards/${DASHBOARDS.backlog}/validator`).set(rw).send(dashboardBody('x', { id: UNKNOWN_DASHBOARD }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.constraintViolations[0].path).toBe('id');
  });
});
