// EnergyCAP's two permission rules as a table, caller x dashboard state -> status, through HTTP:
//   read  = creator OR (DashboardAdministrator Manage AND (shared OR public)) OR (SharedDashboardsOrMaps View AND shared with the caller)
//   share = (creator AND SharedDashboardsOrMaps Create) OR (DashboardAdministrator Manage AND (shared OR public))
// Unreadable -> 404 [A]; readable but not shareable -> 403 [A] (401 by configuration).
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { BASE, DASHBOARDS as D, KEYS, NOT_FOUND, key } from './energycap-fixtures';

const UNSHARE = { sharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [] };

/** [case, caller, dashboard, read status (GET dashboard and GET share), PUT share status]. */
const TABLE: [string, string, number, 200 | 404, 200 | 403 | 404][] = [
  ['creator with SharedDashboardsOrMaps Create, private', KEYS.sam, D.samPrivate, 200, 200],
  ['creator with Create, shared', KEYS.sam, D.samShared, 200, 200],
  ['creator without Create, private', KEYS.carl, D.carlPrivate, 200, 403],
  ['creator without Create, public', KEYS.carl, D.carlPublic, 200, 403],
  ['creator without Create, shared with a group', KEYS.carl, D.carlFinance, 200, 403],
  ['administrator, shared dashboard of another user', KEYS.ada, D.samShared, 200, 200],
  ['administrator, shared with everyone', KEYS.ada, D.samEveryone, 200, 200],
  ['administrator, public but not shared', KEYS.ada, D.carlPublic, 200, 200],
  ['administrator, private and not public', KEYS.ada, D.samPrivate, 404, 404],
  ['viewer, shared with the viewer directly', KEYS.vera, D.samShared, 200, 403],
  ['viewer, shared through a group the viewer is in', KEYS.gus, D.samShared, 200, 403],
  ['viewer, shared with everyone', KEYS.vera, D.samEveryone, 200, 403],
  ['viewer, shared with a group the viewer is in (Finance)', KEYS.vera, D.carlFinance, 200, 403],
  ['viewer, shared with a group the viewer is not in', KEYS.gus, D.carlFinance, 404, 404],
  ['viewer, private dashboard of another user', KEYS.vera, D.samPrivate, 404, 404],
  ['viewer, public but not shared', KEYS.vera, D.carlPublic, 404, 404],
  ['no SharedDashboardsOrMaps View, shared with everyone', KEYS.nora, D.samEveryone, 404, 404],
  ['no SharedDashboardsOrMaps View, in the shared group', KEYS.nora, D.carlFinance, 404, 404],
  ['creator with Create, private dashboard of another creator', KEYS.sam, D.carlPrivate, 404, 404],
];

describe.each(TABLE)('%s', (_case, caller, dashboardId, read, share) => {
  const { app } = testEmulator();

  test(`GET dashboard and GET share -> ${read}`, async () => {
    const dashboard = await request(app).get(`${BASE}/dashboard/${dashboardId}`).set(key(caller));
    const shares = await request(app).get(`${BASE}/dashboard/${dashboardId}/share`).set(key(caller));
    expect([dashboard.status, shares.status]).toEqual([read, read]);
    if (read === 404) expect(shares.body).toEqual(NOT_FOUND);
  });

  test(`the list ${read === 200 ? 'contains' : 'does not contain'} it`, async () => {
    const list = await request(app).get(`${BASE}/dashboard`).set(key(caller));
    expect(list.body.map((d: { dashboardId: number }) => d.dashboardId).includes(dashboardId)).toBe(read === 200);
  });

  test(`PUT share -> ${share}`, async () => {
    const res = await request(app).put(`${BASE}/dashboard/${dashboardId}/share`).set(key(caller)).send(UNSHARE);
    expect(res.status).toBe(share);
    if (share === 403) expect(res.body).toEqual({ message: `You do not have permission to change the sharing of dashboard ${dashboardId}.` });
  });
});

test('an administrator who unshares a dashboard that is not public loses access to it', async () => {
  const { app } = testEmulator();
  await request(app).put(`${BASE}/dashboard/${D.samShared}/share`).set(key(KEYS.ada)).send(UNSHARE).expect(200);
  expect((await request(app).get(`${BASE}/dashboard/${D.samShared}`).set(key(KEYS.ada))).status).toBe(404);
  expect((await request(app).put(`${BASE}/dashboard/${D.samShared}/share`).set(key(KEYS.ada)).send(UNSHARE)).status).toBe(404);
  // The creator still has it, unshared.
  const own = await request(app).get(`${BASE}/dashboard/${D.samShared}`).set(key(KEYS.sam));
  expect(own.body.shared).toBe(false);
});

test('sharing with a group gives its members read access, not the right to share', async () => {
  const { app } = testEmulator();
  expect((await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.gus))).status).toBe(404);
  await request(app).put(`${BASE}/dashboard/${D.samPrivate}/share`).set(key(KEYS.sam)).send({ ...UNSHARE, sharedUserGroupIds: [10] }).expect(200);
  expect((await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.gus))).status).toBe(200);
  expect((await request(app).put(`${BASE}/dashboard/${D.samPrivate}/share`).set(key(KEYS.gus)).send(UNSHARE)).status).toBe(403);
});

test('[A] ENERGYCAP_DENY_STATUS=401: readable but not shareable answers 401', async () => {
  const { app } = testEmulator({ vendorSettings: { energycap: { denyStatus: '401' } } });
  const res = await request(app).put(`${BASE}/dashboard/${D.carlPrivate}/share`).set(key(KEYS.carl)).send(UNSHARE);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ message: `You do not have permission to change the sharing of dashboard ${D.carlPrivate}.` });
  expect((await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.carl))).status).toBe(404);
});
