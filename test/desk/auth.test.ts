// DESK authentication and tenancy through HTTP: credential forms, every auth failure, the scope each
// operation needs, and environments as separate tenants.
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, ENV, MANAGED_ENV, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody, shareBody } from './desk-fixtures';

const { app } = testEmulator();
const id = DASHBOARDS.backlog;

/** One request per operation: [name, method, path, body, scope it needs]. */
const OPERATIONS: [string, 'get' | 'post' | 'put' | 'delete', string, object | undefined, 'ReadConfig' | 'WriteConfig'][] = [
  ['getDashboards', 'get', '/dashboards', undefined, 'ReadConfig'],
  ['getDashboard', 'get', `/dashboards/${id}`, undefined, 'ReadConfig'],
  ['getDashboardShareSettings', 'get', `/dashboards/${id}/shareSettings`, undefined, 'ReadConfig'],
  ['createDashboard', 'post', '/dashboards', dashboardBody('x'), 'WriteConfig'],
  ['validateCreateDashboard', 'post', '/dashboards/validator', dashboardBody('x'), 'WriteConfig'],
  ['createOrUpdateDashboard', 'put', `/dashboards/${UNKNOWN_DASHBOARD}`, dashboardBody('x'), 'WriteConfig'],
  ['validateCreateOrUpdateDashboard', 'post', `/dashboards/${id}/validator`, dashboardBody('x'), 'WriteConfig'],
  ['deleteDashboard', 'delete', `/dashboards/${UNKNOWN_DASHBOARD}`, undefined, 'WriteConfig'],
  ['updateDashboardShareSettings', 'put', `/dashboards/${id}/shareSettings`, shareBody(id), 'WriteConfig'],
  ['validateDashboardShareSettings', 'post', `/dashboards/${id}/shareSettings/validator`, shareBody(id), 'WriteConfig'],
];

function send(method: string, path: string, body: object | undefined, headers: Record<string, string>) {
  const r = request(app)[method as 'get'](path).set(headers);
  return body ? r.send(body) : r;
}

describe.each(OPERATIONS)('%s', (_name, method, path, body, scope) => {
  test('no credential -> 401 Missing authorization parameter.', async () => {
    const res = await send(method, base() + path, body, {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 401, message: 'Missing authorization parameter.' } });
  });

  test('unknown token -> 401 Token Authentication failed', async () => {
    const res = await send(method, base() + path, body, auth('dt0c01.nope'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 401, message: 'Token Authentication failed' } });
  });

  test('a token without any config scope -> 403 naming the scope', async () => {
    const res = await send(method, base() + path, body, auth(TOKENS.noConfig));
    expect(res.status).toBe(403);
    const label = scope === 'ReadConfig' ? 'ReadConfig (Read configuration)' : 'WriteConfig (Write configuration)';
    expect(res.body).toEqual({ error: { code: 403, message: `Token is missing required scope. Use one of: ${label}` } });
  });

  test(`the other scope alone is not enough (${scope} is needed)`, async () => {
    const other = scope === 'ReadConfig' ? TOKENS.writeOnly : TOKENS.readOnly;
    const res = await send(method, base() + path, body, auth(other));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(scope);
  });

  test('the right scope passes authentication', async () => {
    const token = scope === 'ReadConfig' ? TOKENS.readOnly : TOKENS.writeOnly;
    const res = await send(method, base() + path, body, auth(token));
    expect([200, 201, 204, 404]).toContain(res.status);
    if (res.status === 404) expect(res.body.error.message).toMatch(/^Dashboard .* not found$/);
  });
});

describe('credential forms', () => {
  test('the api-token query parameter works', async () => {
    const res = await request(app).get(`${base()}/dashboards?api-token=${TOKENS.readOnly}`);
    expect(res.status).toBe(200);
  });

  test('the header wins over the query parameter', async () => {
    const res = await request(app).get(`${base()}/dashboards?api-token=${TOKENS.readOnly}`).set(auth('dt0c01.nope'));
    expect(res.status).toBe(401);
  });

  test('the scheme name is case-insensitive', async () => {
    const res = await request(app).get(`${base()}/dashboards`).set('authorization', `api-token ${TOKENS.readOnly}`);
    expect(res.status).toBe(200);
  });

  test('[A] a Bearer token is not an Api-Token: 401', async () => {
    const res = await request(app).get(`${base()}/dashboards`).set('authorization', `Bearer ${TOKENS.readOnly}`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Token Authentication failed');
  });

  test('an empty api-token parameter counts as missing', async () => {
    const res = await request(app).get(`${base()}/dashboards?api-token=`);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Missing authorization parameter.');
  });
});

describe('environments are tenants', () => {
  test('the SaaS path serves the default environment', async () => {
    const saas = await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
    const managed = await request(app).get(`${base(ENV)}/dashboards`).set(auth(TOKENS.readOnly));
    expect(saas.status).toBe(200);
    expect(saas.body).toEqual(managed.body);
  });

  test('an unknown environment -> 404 failed to resolve tenant', async () => {
    const res = await request(app).get(`${base('nosuchenv')}/dashboards`).set(auth(TOKENS.readOnly));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: 'failed to resolve tenant nosuchenv' } });
  });

  test("a token only works in its own environment", async () => {
    const res = await request(app).get(`${base(MANAGED_ENV)}/dashboards`).set(auth(TOKENS.readWrite));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Token Authentication failed');
    const own = await request(app).get(`${base(MANAGED_ENV)}/dashboards`).set(auth(TOKENS.managedReadWrite));
    expect(own.status).toBe(200);
    expect(own.body.dashboards.map((d: { id: string }) => d.id)).toEqual([DASHBOARDS.managed]);
  });

  test('one Authorization header sent again: still checked per environment, and against the tokens after a state change', async () => {
    const own = `${base()}/dashboards`;
    const other = `${base(MANAGED_ENV)}/dashboards`;
    const statuses = async (): Promise<number[]> => {
      const out: number[] = [];
      for (const path of [own, own, other, own]) out.push((await request(app).get(path).set(auth(TOKENS.readWrite))).status);
      return out;
    };
    expect(await statuses()).toEqual([200, 200, 401, 200]);
    const state = (await request(app).get('/_emulator/state?vendor=desk')).body as { environments: { tokens: { token: string }[] }[] };
    for (const env of state.environments) env.tokens = env.tokens.filter((t) => t.token !== TOKENS.readWrite);
    await request(app).put('/_emulator/state?vendor=desk').send(state).expect(200);
    expect(await statuses()).toEqual([401, 401, 401, 401]);
    await request(app).post('/_emulator/reset').expect((r) => expect(r.status).toBeLessThan(300));
    expect(await statuses()).toEqual([200, 200, 401, 200]);
  });

  test('each environment has its own dashboards: a write in one is not seen in the other', async () => {
    const created = await request(app).post(`${base(MANAGED_ENV)}/dashboards`).set(auth(TOKENS.managedReadWrite)).send(dashboardBody('Managed only'));
    expect(created.status).toBe(201);
    const inManaged = await request(app).get(`${base(MANAGED_ENV)}/dashboards/${created.body.id}`).set(auth(TOKENS.managedReadWrite));
    expect(inManaged.status).toBe(200);
    const inDefault = await request(app).get(`${base()}/dashboards/${created.body.id}`).set(auth(TOKENS.readOnly));
    expect(inDefault.status).toBe(404);
  });
});
