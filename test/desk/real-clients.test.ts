// DESK's real clients, replayed request by request as their code sends them (../shared/research/
// real-clients.md sections 1.2-1.3): the Terraform provider's read, update and delete of dashboard sharing,
// and monaco's deploy (a body with two `id` keys) and download. Each client's assumptions are asserted.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, UNKNOWN_DASHBOARD, base } from './desk-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

/** The headers of the clients' shared core library: the token, and Content-type on every request, GETs included. */
const client = { authorization: `Api-Token ${TOKENS.readWrite}`, 'content-type': 'application/json', 'user-agent': 'terraform-provider-dynatrace' };

test('Terraform read: GET dashboard (preset), GET shareSettings, GET the list and find the stub with its name and owner', async () => {
  const dashboard = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}`).set(client);
  expect(dashboard.status).toBe(200);
  const share = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(client);
  expect(share.status).toBe(200);
  // The dashboard and its share settings agree on what the provider reads from each.
  expect(dashboard.body.dashboardMetadata.preset).toBe(share.body.preset);
  expect(dashboard.body.dashboardMetadata.shared).toBe(share.body.enabled);
  const list = await request(app).get(`${base()}/dashboards`).set(client);
  expect(list.status).toBe(200);
  // dashboard_list.go panics on a stub without a name.
  for (const stub of list.body.dashboards) expect(stub).toEqual({ id: expect.any(String), name: expect.any(String), owner: expect.any(String) });
  expect(list.body.dashboards.find((s: { id: string }) => s.id === DASHBOARDS.operations)?.name).toBe(dashboard.body.dashboardMetadata.name);
});

test('Terraform: error.code in the body is the HTTP status (its IsNotFoundError reads the body, not the status)', async () => {
  const res = await request(app).get(`${base()}/dashboards/${UNKNOWN_DASHBOARD}/shareSettings`).set(client);
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe(404);
});

test('Terraform update: GET dashboard, then PUT its field order with enabled:false and no urls -> 2xx without a body', async () => {
  await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(client).expect(200);
  const body = `{"id":"${DASHBOARDS.backlog}","permissions":[{"id":"carol@example.com","type":"USER","permission":"EDIT"}],"publicAccess":{"managementZoneIds":[]},"preset":false,"enabled":false}`;
  const put = await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(client).send(body);
  expect(put.status).toBe(204);
  expect(put.text).toBe('');
  const after = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(client);
  expect(after.body).toMatchObject({ enabled: false, preset: false, permissions: [{ id: 'carol@example.com', type: 'USER', permission: 'EDIT' }] });
});

test('Terraform delete: the reset body leaves the dashboard private with ALL/VIEW', async () => {
  const reset = { id: DASHBOARDS.operations, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] }, preset: false, enabled: false };
  await request(app).put(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(client).send(JSON.stringify(reset)).expect(204);
  const after = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(client);
  expect(after.body).toEqual({ id: DASHBOARDS.operations, enabled: false, preset: false, permissions: [{ permission: 'VIEW', type: 'ALL' }], publicAccess: { managementZoneIds: [], urls: {} } });
  const dashboard = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}`).set(client);
  expect(dashboard.body.dashboardMetadata.shared).toBe(false);
});

test('monaco deploy: its template with the first { replaced by {"id":..., so "id" appears twice -> 2xx', async () => {
  const template = `{"id":"${DASHBOARDS.release}","enabled":true,"permissions":[{"permission":"VIEW","type":"ALL"}],"preset":false,"publicAccess":{"managementZoneIds":["default"]}}`;
  const body = template.replace('{', `{\n"id":"${DASHBOARDS.release}",\n`);
  expect(body.match(/"id"/g)).toHaveLength(2);
  const put = await request(app).put(`${base()}/dashboards/${DASHBOARDS.release}/shareSettings`).set(client).send(body);
  expect(put.status).toBe(204);
});

test('monaco download: the list, then every dashboard share settings, each a 200 with publicAccess.urls to delete', async () => {
  const list = await request(app).get(`${base()}/dashboards`).set(client).expect(200);
  const stubs = (list.body.dashboards as { id: string; owner: string }[]).filter((s) => s.owner !== 'Dynatrace');
  expect(stubs.length).toBeGreaterThan(0);
  for (const stub of stubs) {
    const share = await request(app).get(`${base()}/dashboards/${stub.id}/shareSettings`).set(client);
    expect(share.status).toBe(200);
    expect(share.body.publicAccess).toHaveProperty('urls');
  }
});
