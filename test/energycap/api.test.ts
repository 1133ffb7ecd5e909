// EnergyCAP through HTTP beyond sharing itself: both auth headers, case-insensitive paths, int32 ids,
// paging headers, the filter grammar, dashboard create/get, users and user groups, and route errors.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { BASE, BEARER, DASHBOARDS as D, KEYS, NOT_FOUND, key } from './energycap-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const ids = (res: request.Response): number[] => res.body.map((d: { dashboardId: number }) => d.dashboardId);
const DENIED = { message: 'Authorization has been denied for this request.' };

describe('authentication', () => {
  test('ECI-ApiKey', async () => {
    expect((await request(app).get(`${BASE}/dashboard`).set(key(KEYS.sam))).status).toBe(200);
  });

  test('the deprecated Authorization: bearer <token> works too (any case of the scheme)', async () => {
    expect((await request(app).get(`${BASE}/dashboard`).set('authorization', `bearer ${BEARER.sam}`)).status).toBe(200);
    expect((await request(app).get(`${BASE}/dashboard`).set('authorization', `Bearer ${BEARER.sam}`)).status).toBe(200);
  });

  test('the API key wins when both are sent', async () => {
    const asAda = await request(app).get(`${BASE}/dashboard/${D.carlPublic}`).set(key(KEYS.ada)).set('authorization', `bearer ${BEARER.sam}`);
    expect(asAda.status).toBe(200);
    const badKey = await request(app).get(`${BASE}/dashboard`).set(key('nope')).set('authorization', `bearer ${BEARER.sam}`);
    expect(badKey.status).toBe(401);
  });

  test.each([
    ['no credential', {}],
    ['an unknown key', { 'ECI-ApiKey': 'nope' }],
    ['an unknown bearer token', { authorization: 'bearer nope' }],
    ['another scheme', { authorization: `Basic ${BEARER.sam}` }],
    ['[A] the key of an inactive user', { 'ECI-ApiKey': KEYS.ian }],
  ])('%s -> 401', async (_case, headers) => {
    const res = await request(app).get(`${BASE}/dashboard`).set(headers);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(DENIED);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('paths and ids', () => {
  test('[A] path segments match case-insensitively', async () => {
    const res = await request(app).get(`/API/V3/Dashboard/${D.samShared}/SHARE`).set(key(KEYS.sam));
    expect(res.status).toBe(200);
    expect((await request(app).get('/api/v3/usergroup/10/MEMBER').set(key(KEYS.sam))).status).toBe(200);
  });

  test.each(['abc', '1.5', '2147483648', '-2147483649'])('dashboardId %s is not an int32 -> 400', async (id) => {
    const res = await request(app).get(`${BASE}/dashboard/${id}`).set(key(KEYS.sam));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^The request is invalid\. Path parameter dashboardId must be/);
  });

  test('an unknown dashboard -> 404 with the documented text', async () => {
    const res = await request(app).get(`${BASE}/dashboard/999`).set(key(KEYS.sam));
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  test('[A] an unknown path under the API -> 404 in the envelope; a date-versioned path is EnergyCAP too', async () => {
    const res = await request(app).get(`${BASE}/dashboardz`).set(key(KEYS.sam));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: `No HTTP resource was found that matches the request URI '${BASE}/dashboardz'.` });
    const dated = await request(app).put('/api/v202208/dashboard/101/publicsetting').set(key(KEYS.sam)).send({});
    expect(dated.status).toBe(404);
    expect(dated.body.message).toMatch(/^No HTTP resource was found/);
  });

  test('[A] an unsupported method -> 405 with Allow', async () => {
    const res = await request(app).delete(`${BASE}/dashboard/${D.samShared}/share`).set(key(KEYS.sam));
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ message: "The requested resource does not support http method 'DELETE'." });
    expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'PUT']);
  });

  test('[A] a GET without Content-Type is fine', async () => {
    expect((await request(app).get(`${BASE}/dashboard`).set(key(KEYS.sam)).unset('content-type')).status).toBe(200);
  });
});

describe('GET /dashboard: paging and filters', () => {
  test('the caller readable dashboards, ordered by id, with paging headers in the vendor spelling', async () => {
    const res = await request(app).get(`${BASE}/dashboard`).set(key(KEYS.sam));
    expect(ids(res)).toEqual([D.samPrivate, D.samShared, D.samEveryone]);
    expect(res.headers).toMatchObject({ pagenumber: '1', pagesize: '250', totalnumberofrecords: '3', totalpages: '1' });
    const raw = (res as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
    expect(raw).toEqual(expect.arrayContaining(['PageNumber', 'PageSize', 'TotalNumberOfRecords', 'TotalPages']));
  });

  test('pageNumber and pageSize', async () => {
    const first = await request(app).get(`${BASE}/dashboard?pageSize=2`).set(key(KEYS.sam));
    expect(ids(first)).toEqual([D.samPrivate, D.samShared]);
    expect(first.headers).toMatchObject({ pagenumber: '1', pagesize: '2', totalnumberofrecords: '3', totalpages: '2' });
    const second = await request(app).get(`${BASE}/dashboard?pageSize=2&pageNumber=2`).set(key(KEYS.sam));
    expect(ids(second)).toEqual([D.samEveryone]);
    const beyond = await request(app).get(`${BASE}/dashboard?pageSize=2&pageNumber=9`).set(key(KEYS.sam));
    expect(beyond.body).toEqual([]);
    expect(beyond.headers.pagenumber).toBe('9');
  });

  test('pageSize above 1000 is capped at 1000', async () => {
    const res = await request(app).get(`${BASE}/dashboard?pageSize=5000`).set(key(KEYS.sam));
    expect(res.headers.pagesize).toBe('1000');
  });

  test.each(['pageNumber=0', 'pageNumber=x', 'pageSize=0', 'pageSize=-3'])('%s -> 400', async (query) => {
    const res = await request(app).get(`${BASE}/dashboard?${query}`).set(key(KEYS.sam));
    expect(res.status).toBe(400);
  });

  test.each([
    ["createdBy equals '2'", [D.carlPublic, D.carlPrivate, D.carlFinance]],
    ["createdBy not equals '2'", [D.samEveryone]],
    ["createdBy one of '1|3'", [D.samEveryone]],
    ["createdBy not one of '1'", [D.carlPublic, D.carlPrivate, D.carlFinance]],
    ["createdBy greater than '1'", [D.carlPublic, D.carlPrivate, D.carlFinance]],
    ["shared equals 'true'", [D.samEveryone, D.carlFinance]],
    ["shared equals 'false'", [D.carlPublic, D.carlPrivate]],
    ["visible equals 'true'", [D.carlPublic, D.samEveryone, D.carlPrivate, D.carlFinance]],
    ["shared equals 'true' and createdBy equals '2'", [D.carlFinance]],
    ["SHARED EQUALS 'TRUE' AND createdby Equals '1'", [D.samEveryone]],
  ])("Carl's list with filter=%s", async (filter, expected) => {
    const res = await request(app).get(`${BASE}/dashboard`).query({ filter }).set(key(KEYS.carl));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected);
  });

  test.each([
    ["lastViewed equals '2025-01-01'", "The filter field 'lastViewed' is not supported here; use one of createdBy, shared, visible."],
    ["shared one of 'true|false'", "The filter field 'shared' only supports the equals operator."],
    ["createdBy equals 'carl'", "The filter value 'carl' is not a valid integer for 'createdBy'."],
    ['createdBy equals 2', 'The filter clause "createdBy equals 2" is not of the form <field> <operator> \'<value>\'.'],
  ])('[A] filter=%s -> 400', async (filter, message) => {
    const res = await request(app).get(`${BASE}/dashboard`).query({ filter }).set(key(KEYS.carl));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message });
  });
});

describe('dashboards', () => {
  test('GET /dashboard/{id}: the DashboardResponse, public key only when public, visible per caller', async () => {
    const pub = await request(app).get(`${BASE}/dashboard/${D.carlPublic}`).set(key(KEYS.ada));
    expect(pub.body).toEqual({
      dashboardId: D.carlPublic,
      dashboardInfo: 'Carbon report',
      description: 'Public, not shared',
      type: 'User',
      createdBy: { userId: 2, userCode: 'ccreator', fullName: 'Carl Creator' },
      createdDate: '2025-01-12T08:00:00.000Z',
      modifiedDate: '2025-01-12T08:00:00.000Z',
      shared: false,
      visible: false,
      lastViewed: null,
      key: '7b1e0c4a9f2d4e6b8a3c5d7e9f1a2b3c',
      public: true,
      dashboardGlobalSettings: { showLinks: true, showInfo: true, globalFilterVisibility: 'Show' },
    });
    const own = await request(app).get(`${BASE}/dashboard/${D.carlPublic}`).set(key(KEYS.carl));
    expect(own.body.visible).toBe(true);
    const priv = await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.sam));
    expect(priv.body).toMatchObject({ key: null, public: false, dashboardGlobalSettings: null });
  });

  test('POST /dashboard creates a dashboard owned by the caller, listed and readable', async () => {
    const res = await request(app).post(`${BASE}/dashboard`).set(key(KEYS.vera)).send({ dashboardInfo: 'Vera board', description: 'mine' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dashboardId: 106, dashboardInfo: 'Vera board', type: 'User', createdBy: { userId: 4 }, shared: false, public: false, key: null });
    expect(ids(await request(app).get(`${BASE}/dashboard`).set(key(KEYS.vera)))).toContain(106);
    // Vera may not share it: she lacks SharedDashboardsOrMaps Create.
    const share = await request(app).put(`${BASE}/dashboard/106/share`).set(key(KEYS.vera)).send({ sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] });
    expect(share.status).toBe(403);
  });

  test('[A] a public dashboard needs PublicDashboardsOrMaps Manage and gets an embed key', async () => {
    const denied = await request(app).post(`${BASE}/dashboard`).set(key(KEYS.sam)).send({ dashboardInfo: 'Public?', public: true });
    expect(denied.status).toBe(403);
    const ok = await request(app).post(`${BASE}/dashboard`).set(key(KEYS.ada)).send({ DashboardInfo: 'Lobby screen', Public: true, Type: 'Map' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ public: true, type: 'Map', key: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  test('POST /dashboard validation: dashboardInfo required, at most 255 characters, type User or Map', async () => {
    expect((await request(app).post(`${BASE}/dashboard`).set(key(KEYS.sam)).send({})).body).toEqual({ message: 'The request is invalid. dashboardInfo is required.' });
    expect((await request(app).post(`${BASE}/dashboard`).set(key(KEYS.sam)).send({ dashboardInfo: 'x'.repeat(256) })).status).toBe(400);
    expect((await request(app).post(`${BASE}/dashboard`).set(key(KEYS.sam)).send({ dashboardInfo: 'x', type: 'Chart' })).status).toBe(400);
  });
});

describe('users and user groups', () => {
  test('GET /user: every user with role, paged', async () => {
    const res = await request(app).get(`${BASE}/user?pageSize=3`).set(key(KEYS.sam));
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ userId: 1, userCode: 'ssharer', fullName: 'Sam Sharer', email: 'sam@example.com', active: true, userRole: { userRoleId: 1, userRoleName: 'Dashboard sharer' } });
    expect(res.headers).toMatchObject({ totalnumberofrecords: '7', totalpages: '3' });
  });

  test('GET /user/{id}: anyone may read themselves; others need UsersAndUserGroups View', async () => {
    expect((await request(app).get(`${BASE}/user/4`).set(key(KEYS.vera))).status).toBe(200);
    const other = await request(app).get(`${BASE}/user/1`).set(key(KEYS.vera));
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'You need the UsersAndUserGroups View permission for this request.' });
    expect((await request(app).get(`${BASE}/user/1`).set(key(KEYS.ada))).status).toBe(200);
    expect((await request(app).get(`${BASE}/user/999`).set(key(KEYS.ada))).body).toEqual(NOT_FOUND);
  });

  test('GET /userGroup, /userGroup/{id}, /userGroup/{id}/member', async () => {
    const list = await request(app).get(`${BASE}/userGroup`).set(key(KEYS.sam));
    expect(list.body).toEqual([
      { userGroupId: 10, userGroupName: 'Facilities', description: 'Building managers', memberCount: 1, lastUpdated: '2025-06-01T09:00:00.000Z' },
      { userGroupId: 11, userGroupName: 'Finance', description: null, memberCount: 2, lastUpdated: '2025-06-02T09:00:00.000Z' },
    ]);
    expect(list.headers.totalnumberofrecords).toBe('2');
    expect((await request(app).get(`${BASE}/userGroup/11`).set(key(KEYS.sam))).body.userGroupName).toBe('Finance');
    const members = await request(app).get(`${BASE}/userGroup/11/member`).set(key(KEYS.sam));
    expect(members.body).toEqual([
      { userId: 4, userCode: 'vviewer', fullName: 'Vera Viewer' },
      { userId: 6, userCode: 'nnorights', fullName: 'Nora Norights' },
    ]);
    expect((await request(app).get(`${BASE}/userGroup/99/member`).set(key(KEYS.sam))).body).toEqual(NOT_FOUND);
  });

  test.each([`${BASE}/user`, `${BASE}/userGroup`, `${BASE}/userGroup/10`, `${BASE}/userGroup/10/member`])(
    '%s without UsersAndUserGroups View -> 403',
    async (path) => {
      expect((await request(app).get(path).set(key(KEYS.vera))).status).toBe(403);
    },
  );
});
