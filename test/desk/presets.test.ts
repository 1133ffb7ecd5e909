// Preset dashboards through HTTP, as the vendor documents them and its clients handle them
// (../shared/research/desk.md 4.3): shared with all users, share updates refused with the exact message the
// Terraform provider treats as success, un-presetting allowed, one preset flag behind both endpoints.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base, dashboardBody, shareBody } from './desk-fixtures';

const rw = auth(TOKENS.readWrite);
const REFUSAL = "Sharing settings of a preset can't be updated. It's shared by default";
let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

const getShare = (id: string) => request(app).get(`${base()}/dashboards/${id}/shareSettings`).set(rw);
const putShare = (id: string, body: unknown) => request(app).put(`${base()}/dashboards/${id}/shareSettings`).set(rw).send(body as object);

test('a preset dashboard is shared with all users, and its dashboard view agrees', async () => {
  const share = await getShare(DASHBOARDS.preset);
  expect(share.status).toBe(200);
  expect(share.body).toMatchObject({ id: DASHBOARDS.preset, enabled: true, preset: true, permissions: [{ type: 'ALL', permission: 'VIEW' }] });
  const dashboard = await request(app).get(`${base()}/dashboards/${DASHBOARDS.preset}`).set(rw);
  expect(dashboard.body.dashboardMetadata).toMatchObject({ shared: true, preset: true });
});

test("[A] a share PUT that keeps a preset a preset: 400 with the exact message, no violations, nothing changed", async () => {
  const before = await getShare(DASHBOARDS.preset);
  // Terraform forces permissions to ALL/VIEW when preset is true; this is its update of a preset.
  const res = await putShare(DASHBOARDS.preset, shareBody(DASHBOARDS.preset, { preset: true, publicAccess: { managementZoneIds: [] } }));
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: { code: 400, message: REFUSAL } });
  expect((await getShare(DASHBOARDS.preset)).body).toEqual(before.body);
});

test('[A] the share validator refuses the same update with the same message', async () => {
  const res = await request(app).post(`${base()}/dashboards/${DASHBOARDS.preset}/shareSettings/validator`).set(rw).send(shareBody(DASHBOARDS.preset, { preset: true }));
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe(REFUSAL);
});

test('[A] a share PUT with preset:false un-presets the dashboard and is stored as sent (the Terraform reset body)', async () => {
  const reset = { id: DASHBOARDS.preset, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] }, preset: false, enabled: false };
  await putShare(DASHBOARDS.preset, reset).expect(204);
  expect((await getShare(DASHBOARDS.preset)).body).toEqual({ ...reset, permissions: [{ permission: 'VIEW', type: 'ALL' }], publicAccess: { managementZoneIds: [], urls: {} } });
  const dashboard = await request(app).get(`${base()}/dashboards/${DASHBOARDS.preset}`).set(rw);
  expect(dashboard.body.dashboardMetadata).toMatchObject({ shared: false, preset: false });
  // No longer a preset: its share settings take updates again.
  await putShare(DASHBOARDS.preset, shareBody(DASHBOARDS.preset)).expect(204);
});

test('preset:true through shareSettings (writable since 1.219) makes a dashboard a preset, shared with all users', async () => {
  await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { preset: true, enabled: false, permissions: [] })).expect(204);
  expect((await getShare(DASHBOARDS.backlog)).body).toMatchObject({ enabled: true, preset: true, permissions: [{ permission: 'VIEW', type: 'ALL' }] });
  // From now on the refusal applies.
  expect((await putShare(DASHBOARDS.backlog, shareBody(DASHBOARDS.backlog, { preset: true }))).body.error.message).toBe(REFUSAL);
});

test('a POST with dashboardMetadata.preset true is shared with everyone without a share call (the vendor script, 1.221+)', async () => {
  const body = dashboardBody('Everyone', { dashboardMetadata: { name: 'Everyone', owner: 'Dynatrace', shared: true, preset: true } });
  const created = await request(app).post(`${base()}/dashboards`).set(rw).send(body).expect(201);
  expect((await getShare(created.body.id)).body).toMatchObject({ enabled: true, preset: true, permissions: [{ permission: 'VIEW', type: 'ALL' }] });
});

test('[A] one preset flag behind both endpoints: PUT /dashboards with preset:false un-presets, its share settings take updates', async () => {
  const dashboard = (await request(app).get(`${base()}/dashboards/${DASHBOARDS.preset}`).set(rw)).body;
  const body = { ...dashboard, dashboardMetadata: { ...dashboard.dashboardMetadata, preset: false } };
  delete body.metadata;
  await request(app).put(`${base()}/dashboards/${DASHBOARDS.preset}`).set(rw).send(body).expect(204);
  expect((await getShare(DASHBOARDS.preset)).body).toMatchObject({ preset: false, enabled: true });
  await putShare(DASHBOARDS.preset, shareBody(DASHBOARDS.preset, { preset: true })).expect(204);
});
