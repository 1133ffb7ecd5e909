// EnergyCAP's EditDashboardShareV3 and GetDashboardShareV3 through HTTP: PUT replaces the share state and
// returns what the next GET returns; validation of the three required fields; the dashboard's `shared`
// and `modifiedDate` follow.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { BASE, DASHBOARDS as D, KEYS, key } from './energycap-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const sharePath = (id: number) => `${BASE}/dashboard/${id}/share`;
const put = (id: number, body: unknown, k: string = KEYS.sam) => request(app).put(sharePath(id)).set(key(k)).set('content-type', 'application/json').send(JSON.stringify(body));
const get = (id: number, k: string = KEYS.sam) => request(app).get(sharePath(id)).set(key(k));

test('GET share: direct users and groups; group members are not expanded into sharedUsers', async () => {
  const res = await get(D.samShared);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    sharedWithEveryone: false,
    sharedUsers: [{ userId: 4, userCode: 'vviewer', fullName: 'Vera Viewer' }],
    sharedUserGroups: [{ userGroupId: 10, userGroupName: 'Facilities' }],
  });
});

test('PUT returns what the next GET returns; duplicates removed and lists ordered by id', async () => {
  const res = await put(D.samPrivate, { sharedWithEveryone: false, sharedUserIds: [6, 4, 6, 2], sharedUserGroupIds: [11, 10, 11] });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    sharedWithEveryone: false,
    sharedUsers: [
      { userId: 2, userCode: 'ccreator', fullName: 'Carl Creator' },
      { userId: 4, userCode: 'vviewer', fullName: 'Vera Viewer' },
      { userId: 6, userCode: 'nnorights', fullName: 'Nora Norights' },
    ],
    sharedUserGroups: [
      { userGroupId: 10, userGroupName: 'Facilities' },
      { userGroupId: 11, userGroupName: 'Finance' },
    ],
  });
  expect((await get(D.samPrivate)).body).toEqual(res.body);
});

test('share, re-share and unshare: each PUT replaces the whole state and the dashboard follows', async () => {
  const before = (await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.sam))).body;
  expect(before.shared).toBe(false);

  await put(D.samPrivate, { sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [] }).expect(200);
  let dashboard = (await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.sam))).body;
  expect(dashboard.shared).toBe(true);
  expect(dashboard.modifiedDate > before.modifiedDate).toBe(true);

  const reshared = await put(D.samPrivate, { sharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [10] });
  expect(reshared.body).toEqual({ sharedWithEveryone: false, sharedUsers: [], sharedUserGroups: [{ userGroupId: 10, userGroupName: 'Facilities' }] });

  const everyone = await put(D.samPrivate, { sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] });
  expect(everyone.body).toEqual({ sharedWithEveryone: true, sharedUsers: [], sharedUserGroups: [] });
  expect((await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.vera))).status).toBe(200);

  await put(D.samPrivate, { sharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [] }).expect(200);
  dashboard = (await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.sam))).body;
  expect(dashboard.shared).toBe(false);
  expect((await request(app).get(`${BASE}/dashboard/${D.samPrivate}`).set(key(KEYS.vera))).status).toBe(404);
});

test('sharing with the creator themself is allowed and stored as given', async () => {
  const res = await put(D.samPrivate, { sharedWithEveryone: false, sharedUserIds: [1], sharedUserGroupIds: [] });
  expect(res.body.sharedUsers).toEqual([{ userId: 1, userCode: 'ssharer', fullName: 'Sam Sharer' }]);
});

describe('validation', () => {
  test.each([
    ['sharedWithEveryone missing', { sharedUserIds: [], sharedUserGroupIds: [] }, 'sharedWithEveryone is required.'],
    ['sharedUserIds missing', { sharedWithEveryone: false, sharedUserGroupIds: [] }, 'sharedUserIds is required.'],
    ['sharedUserGroupIds missing', { sharedWithEveryone: false, sharedUserIds: [] }, 'sharedUserGroupIds is required.'],
    ['sharedWithEveryone null', { sharedWithEveryone: null, sharedUserIds: [], sharedUserGroupIds: [] }, 'sharedWithEveryone must be boolean.'],
    ['sharedUserIds null', { sharedWithEveryone: false, sharedUserIds: null, sharedUserGroupIds: [] }, 'sharedUserIds must be array.'],
    ['an id that is not an integer', { sharedWithEveryone: false, sharedUserIds: ['4'], sharedUserGroupIds: [] }, 'sharedUserIds[0] must be integer.'],
    ['an id out of int32 range', { sharedWithEveryone: false, sharedUserIds: [2147483648], sharedUserGroupIds: [] }, 'sharedUserIds[0] must be a 32-bit integer.'],
  ])('[A] %s -> 400', async (_case, body, detail) => {
    const res = await put(D.samPrivate, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: `The request is invalid. ${detail}` });
  });

  test('every problem is reported at once', async () => {
    const res = await put(D.samPrivate, { sharedUserIds: 'x' });
    expect(res.body.message).toBe('The request is invalid. sharedWithEveryone is required. sharedUserGroupIds is required. sharedUserIds must be array.');
  });

  test('[A] sharedWithEveryone true with a non-empty list -> 400 (strict)', async () => {
    const res = await put(D.samPrivate, { sharedWithEveryone: true, sharedUserIds: [4], sharedUserGroupIds: [] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The request is invalid. SharedUserIds and SharedUserGroupIds must be empty lists when SharedWithEveryone is true.');
    expect((await get(D.samPrivate)).body.sharedWithEveryone).toBe(false);
  });

  test('[A] ENERGYCAP_SHARE_EVERYONE_LISTS=lenient: the lists are ignored', async () => {
    const lenient = testEmulator({ vendorSettings: { energycap: { shareEveryoneLists: 'lenient' } } }).app;
    const res = await request(lenient)
      .put(sharePath(D.samPrivate))
      .set(key(KEYS.sam))
      .send({ sharedWithEveryone: true, sharedUserIds: [4], sharedUserGroupIds: [10] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sharedWithEveryone: true, sharedUsers: [], sharedUserGroups: [] });
  });

  test('[A] unknown user and group ids -> 400 naming them; nothing changes', async () => {
    const res = await put(D.samShared, { sharedWithEveryone: false, sharedUserIds: [4, 999, 998], sharedUserGroupIds: [77] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'The request is invalid. The share refers to unknown user ids 998, 999 and unknown user group ids 77.' });
    expect((await get(D.samShared)).body.sharedUsers).toEqual([{ userId: 4, userCode: 'vviewer', fullName: 'Vera Viewer' }]);
  });

  test('[A] property names match case-insensitively (ASP.NET model binding)', async () => {
    const res = await put(D.samPrivate, { SharedWithEveryone: false, SHAREDUSERIDS: [4], sharedusergroupids: [] });
    expect(res.status).toBe(200);
    expect(res.body.sharedUsers).toEqual([{ userId: 4, userCode: 'vviewer', fullName: 'Vera Viewer' }]);
  });

  test('a body that is not JSON -> 400; a non-JSON Content-Type -> 415', async () => {
    const bad = await request(app).put(sharePath(D.samPrivate)).set(key(KEYS.sam)).set('content-type', 'application/json').send('{"sharedWithEveryone":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^The request is invalid\. The body is not valid JSON/);
    const text = await request(app).put(sharePath(D.samPrivate)).set(key(KEYS.sam)).set('content-type', 'text/plain').send('x');
    expect(text.status).toBe(415);
    expect(text.body).toEqual({ message: "The request entity's media type 'text/plain' is not supported for this resource." });
  });
});
