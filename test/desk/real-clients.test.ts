// DESK's real clients, replayed request by request as their code sends them (../shared/research/
// real-clients.md sections 1.2-1.4): the Terraform provider's read, update and delete of dashboard sharing,
// monaco's deploy (a body with two `id` keys) and download, the vendor's upload script, scripts that pass the
// token as a query parameter, and a client that resolves `/api/...` against a Managed base. Each client's
// assumptions are asserted: stubs with name and owner, error.code = the HTTP status, share writes 2xx without
// a body, the dashboard and its share settings agreeing on shared/preset.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, ENV, MANAGED_ENV, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody, shareBody } from './desk-fixtures';

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

test('the vendor upload script: GET list with a JSON body null, POST, PUT with string booleans and the unknown `published`', async () => {
  // upload_dashboards.py sends this Content-Type and a body on every request (research desk.md section 7).
  const script = { authorization: `Api-Token ${TOKENS.readWrite}`, 'content-type': 'application/json; charset=utf-8' };
  const list = await request(app).get(`${base(ENV)}/dashboards`).set(script).send('null');
  expect(list.status).toBe(200);
  const tiles = [{ name: 'Markdown', tileType: 'MARKDOWN', configured: true, bounds: { top: 0, left: 0, width: 304, height: 152 }, markdown: 'x' }];
  const created = await request(app)
    .post(`${base(ENV)}/dashboards`)
    .set(script)
    .send(JSON.stringify({ dashboardMetadata: { name: 'T1', shared: true, owner: 'Dynatrace' }, tiles }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const share = `{"id":"${id}","published":"true","enabled":"true","publicAccess":{"managementZoneIds":[],"urls":{}},"permissions":[{"type":"ALL","permission":"VIEW"}]}`;
  const put = await request(app).put(`${base(ENV)}/dashboards/${id}/shareSettings`).set(script).send(share);
  expect(put.status).toBe(204);
  expect(put.text).toBe('');
  const after = await request(app).get(`${base(ENV)}/dashboards/${id}/shareSettings`).set(script).send('null');
  // JSON booleans back, whatever was sent; `published` is not stored.
  expect(after.body).toEqual({ id, enabled: true, preset: false, permissions: [{ permission: 'VIEW', type: 'ALL' }], publicAccess: { managementZoneIds: [], urls: {} } });
});

describe('[A] scripts that pass the token as a query parameter', () => {
  const dashboard = JSON.stringify({
    ...dashboardBody('From keptn'),
    dashboardMetadata: { name: 'From keptn', owner: 'keptn', shared: true, sharingDetails: { linkShared: true, published: false } },
  });

  test('keptn-in-a-box: POST ?Api-Token=<token> (the scheme\'s spelling), a stray Cookie, legacy sharingDetails -> 201', async () => {
    const res = await request(app)
      .post(`${base()}/dashboards?Api-Token=${TOKENS.readWrite}`)
      .set({ 'content-type': 'application/json; charset=utf-8', cookie: 'SRV=server1; apmsessionid=node0abc' })
      .send(dashboard);
    expect(res.status).toBe(201);
    const read = await request(app).get(`${base()}/dashboards/${res.body.id}?Api-Token=${TOKENS.readWrite}`);
    expect(read.status).toBe(200);
    expect(read.body.dashboardMetadata).not.toHaveProperty('sharingDetails');
  });

  test('the documented ?api-token= works the same; an unknown token in either spelling is a 401', async () => {
    expect((await request(app).get(`${base()}/dashboards?api-token=${TOKENS.readOnly}`)).status).toBe(200);
    for (const name of ['api-token', 'Api-Token']) {
      const res = await request(app).get(`${base()}/dashboards?${name}=dt0c01.nope`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 401, message: 'Token Authentication failed' } });
    }
  });

  test('the journal masks the token in both spellings', async () => {
    const emulator = testEmulator();
    await request(emulator.app).get(`${base()}/dashboards?Api-Token=${TOKENS.readOnly}&owner=x`).expect(200);
    const journal = await request(emulator.app).get('/_emulator/requests');
    expect(journal.body.requests[0].query).toBe('Api-Token=***&owner=x');
  });
});

describe('[A] a client that resolves /api/... against a Managed base (axios with new URL) drops /e/{env}', () => {
  const managedBase = `https://desk.corp.example/e/${MANAGED_ENV}/`;
  const headers = (token: string) => ({ authorization: `Api-Token ${token}`, accept: 'application/json', 'content-type': 'application/json' });

  test('the path reaches the default environment, where the Managed token is unknown: 401 in the envelope', async () => {
    const url = new URL(`/api/config/v1/dashboards/${encodeURIComponent(DASHBOARDS.managed)}/shareSettings`, managedBase);
    expect(url.pathname).toBe(`/api/config/v1/dashboards/${DASHBOARDS.managed}/shareSettings`);
    const res = await request(app).put(url.pathname).set(headers(TOKENS.managedReadWrite)).send(shareBody(DASHBOARDS.managed));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 401, message: 'Token Authentication failed' } });
  });

  test('with the default environment\'s token the same client succeeds there: 204, res.data is the empty string', async () => {
    const url = new URL(`/api/config/v1/dashboards/${encodeURIComponent(DASHBOARDS.backlog)}/shareSettings`, managedBase);
    const res = await request(app).put(url.pathname).set(headers(TOKENS.readWrite)).send(shareBody(DASHBOARDS.backlog));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    // The Managed dashboard was not touched; it is still reachable under its own prefix.
    const managed = await request(app).get(`${base(MANAGED_ENV)}/dashboards/${DASHBOARDS.managed}/shareSettings`).set(auth(TOKENS.managedReadWrite));
    expect(managed.body.enabled).toBe(false);
  });
});

describe("the clients' assumptions, over every fixture dashboard and every kind of error", () => {
  test('every list stub carries a name and an owner (Terraform panics without a name; both clients drop owner "Dynatrace")', async () => {
    for (const environment of [undefined, MANAGED_ENV]) {
      const token = environment ? TOKENS.managedReadWrite : TOKENS.readWrite;
      const list = await request(app).get(`${base(environment)}/dashboards`).set(auth(token));
      expect(list.body.dashboards.length).toBeGreaterThan(0);
      for (const stub of list.body.dashboards) expect(stub).toEqual({ id: expect.any(String), name: expect.any(String), owner: expect.any(String) });
    }
  });

  test('GET /dashboards/{id} and its share settings agree on shared/preset, for every dashboard (presets included)', async () => {
    const list = await request(app).get(`${base()}/dashboards`).set(client);
    for (const { id } of list.body.dashboards as { id: string }[]) {
      const dashboard = await request(app).get(`${base()}/dashboards/${id}`).set(client);
      const share = await request(app).get(`${base()}/dashboards/${id}/shareSettings`).set(client);
      expect([id, dashboard.body.dashboardMetadata.shared, dashboard.body.dashboardMetadata.preset]).toEqual([id, share.body.enabled, share.body.preset]);
    }
    expect(list.body.dashboards.map((s: { id: string }) => s.id)).toContain(DASHBOARDS.preset);
  });

  test('share writes answer 2xx without a body: PUT and its validator', async () => {
    const put = await request(app).put(`${base()}/dashboards/${DASHBOARDS.release}/shareSettings`).set(client).send(shareBody(DASHBOARDS.release));
    const validate = await request(app).post(`${base()}/dashboards/${DASHBOARDS.release}/shareSettings/validator`).set(client).send(shareBody(DASHBOARDS.release));
    for (const res of [put, validate]) {
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers['content-length'] ?? '0').toBe('0');
    }
  });

  test('error.code equals the HTTP status on every kind of error', async () => {
    const share = `${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`;
    const answers = [
      await request(app).get(share),
      await request(app).get(share).set(auth('dt0c01.nope')),
      await request(app).get(share).set(auth(TOKENS.writeOnly)),
      await request(app).get(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(client),
      await request(app).get(`/e/nosuchenv/api/config/v1/dashboards`).set(client),
      await request(app).get(`${base()}/dashboards/not-a-uuid`).set(client),
      await request(app).put(share).set(client).send('{"id":'),
      await request(app).put(`${base()}/dashboards/${UNKNOWN_DASHBOARD}/shareSettings`).set(client).send(shareBody(UNKNOWN_DASHBOARD)),
      await request(app).put(`${base()}/dashboards/${DASHBOARDS.preset}/shareSettings`).set(client).send(shareBody(DASHBOARDS.preset, { preset: true })),
      await request(app).delete(share).set(client),
      await request(app).put(share).set({ ...client, 'content-type': 'text/plain' }).send('x'),
      await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}/migrate`).set(client),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 403, 404, 404, 400, 400, 400, 400, 405, 415, 501]);
    for (const res of answers) expect(res.body.error.code).toBe(res.status);
  });
});
