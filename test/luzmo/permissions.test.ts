// Luzmo permission rules as a table through HTTP: who may associate, dissociate and delete which share,
// with 404 for unknown things and 403 for refusals, each in Luzmo's error body.
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, SHARES, USERS, rpc } from './luzmo-fixtures';
import type { Caller } from './luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

/** A fresh share of `owner`, optionally already linked to a dashboard. */
async function shareOf(owner: Caller, dashboard?: string): Promise<string> {
  const res = await rpc(app, { action: 'create', properties: {}, ...(dashboard ? { associations: [{ role: 'Securables', id: dashboard }] } : {}) }, owner);
  expect(res.status).toBe(200);
  return res.body.id as string;
}

const error = (code: number, description: string) => ({ type: { code, description }, message: expect.any(String) });

describe('associate a dashboard (Share Owner & Securable Owner)', () => {
  test.each([
    ['share owner who owns the dashboard', USERS.olivia, USERS.olivia, DASHBOARDS.sales, 200],
    ['share owner who only reads the dashboard', USERS.victor, USERS.victor, DASHBOARDS.sales, 403],
    ['share owner, another user dashboard', USERS.olivia, USERS.olivia, DASHBOARDS.marketing, 403],
    ['dashboard owner who does not own the share', USERS.victor, USERS.olivia, DASHBOARDS.sales, 403],
    ['share owner, unknown dashboard', USERS.olivia, USERS.olivia, 'no-such-dashboard', 404],
  ] as const)('%s -> %i', async (_case, owner, caller, dashboard, status) => {
    const id = await shareOf(owner);
    const res = await rpc(app, { action: 'associate', id, resource: { role: 'Securables', id: dashboard } }, caller);
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body).toEqual({ code: 200 });
    if (status === 403) expect(res.body).toEqual(error(403, 'Forbidden'));
    if (status === 404) expect(res.body).toEqual(error(404, 'Not Found'));
  });

  test('the singular role name works too', async () => {
    const id = await shareOf(USERS.olivia);
    expect((await rpc(app, { action: 'associate', id, resource: { role: 'Securable', id: DASHBOARDS.sales } })).status).toBe(200);
  });

  test('an unknown share -> 404', async () => {
    const res = await rpc(app, { action: 'associate', id: 'aaaaaaaaaaaaaaaa', resource: { role: 'Securables', id: DASHBOARDS.sales } });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Share aaaaaaaaaaaaaaaa not found.');
  });
});

describe('associate a locale (Logged-in User & owner of the shared dashboard)', () => {
  test.each([
    ['the dashboard owner', USERS.olivia, USERS.olivia, DASHBOARDS.sales, 'nl', 200],
    ['the dashboard owner, plural and singular role', USERS.olivia, USERS.olivia, DASHBOARDS.sales, 'de', 200],
    ['a reader of the dashboard', USERS.olivia, USERS.victor, DASHBOARDS.sales, 'nl', 403],
    ['a stranger', USERS.olivia, USERS.nina, DASHBOARDS.sales, 'nl', 403],
    ['an unknown locale', USERS.olivia, USERS.olivia, DASHBOARDS.sales, 'xx', 404],
  ] as const)('%s -> %i', async (_case, owner, caller, dashboard, locale, status) => {
    const id = await shareOf(owner, dashboard);
    const res = await rpc(app, { action: 'associate', id, resource: { role: 'Locale', id: locale } }, caller);
    expect(res.status).toBe(status);
  });

  test('[A] without a dashboard yet, the share owner may set the locale; someone else may not', async () => {
    const id = await shareOf(USERS.nina);
    expect((await rpc(app, { action: 'associate', id, resource: { role: 'Locales', id: 'fr' } }, USERS.nina)).status).toBe(200);
    expect((await rpc(app, { action: 'associate', id, resource: { role: 'Locales', id: 'nl' } }, USERS.olivia)).status).toBe(403);
  });

  test('[A] LUZMO_LOCALE_REQUIRES_DASHBOARD: a locale before the dashboard is a 400', async () => {
    const strict = testEmulator({ vendorSettings: { luzmo: { localeRequiresDashboard: true } } }).app;
    const created = await rpc(strict, { action: 'create', properties: {} });
    const res = await rpc(strict, { action: 'associate', id: created.body.id, resource: { role: 'Locales', id: 'fr' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Share ${created.body.id} must be associated with a dashboard before a locale.`);
  });
});

describe('roles', () => {
  test.each(['Users', 'User'])('[A] a manual %s association is refused with 400', async (role) => {
    const res = await rpc(app, { action: 'associate', id: SHARES.salesFr, resource: { role, id: USERS.victor.id } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/automatically/);
  });

  test.each(['Dashboards', 'Groups', 'securables', ''])('any other role (%j) -> 400', async (role) => {
    const res = await rpc(app, { action: 'associate', id: SHARES.salesFr, resource: { role, id: DASHBOARDS.sales } });
    expect(res.status).toBe(400);
  });

  test('resource without role or id -> 400 naming the fields', async () => {
    const res = await rpc(app, { action: 'associate', id: SHARES.salesFr, resource: {} });
    expect(res.status).toBe(400);
    expect(res.body.validation).toEqual({ 'resource.role': ['is required'], 'resource.id': ['is required'] });
  });
});

describe('dissociate', () => {
  test('the dashboard: share owner who owns it -> 200 and securable_id is null again', async () => {
    const id = await shareOf(USERS.olivia, DASHBOARDS.sales);
    expect((await rpc(app, { action: 'dissociate', id, resource: { role: 'Securables', id: DASHBOARDS.sales } })).body).toEqual({ code: 200 });
    expect((await rpc(app, { action: 'get', find: { where: { id } } })).body.rows[0].securable_id).toBeNull();
  });

  test('[A] a dashboard the share is not linked to -> 404', async () => {
    const id = await shareOf(USERS.olivia, DASHBOARDS.sales);
    const res = await rpc(app, { action: 'dissociate', id, resource: { role: 'Securables', id: DASHBOARDS.finance } });
    expect(res.status).toBe(404);
  });

  test('someone who does not own the share -> 403', async () => {
    const res = await rpc(app, { action: 'dissociate', id: SHARES.salesFr, resource: { role: 'Securables', id: DASHBOARDS.sales } }, USERS.victor);
    expect(res.status).toBe(403);
  });

  test('the locale: only the dashboard owner', async () => {
    expect((await rpc(app, { action: 'dissociate', id: SHARES.salesFr, resource: { role: 'Locales', id: 'fr' } }, USERS.victor)).status).toBe(403);
    expect((await rpc(app, { action: 'dissociate', id: SHARES.salesFr, resource: { role: 'Locales', id: 'nl' } })).status).toBe(404);
    expect((await rpc(app, { action: 'dissociate', id: SHARES.salesFr, resource: { role: 'Locales', id: 'fr' } })).status).toBe(200);
    expect((await rpc(app, { action: 'get', find: { where: { id: SHARES.salesFr } } })).body.rows[0].locale_id).toBeNull();
  });
});

describe('delete (Securable Owner)', () => {
  test.each([
    ['the owner of the linked dashboard', SHARES.salesFr, USERS.olivia, 200],
    ['a reader of the linked dashboard', SHARES.salesFr, USERS.victor, 403],
    ['[A] the owner of a share without dashboard', SHARES.victorBare, USERS.victor, 200],
    ['[A] someone else, share without dashboard', SHARES.victorBare, USERS.olivia, 403],
    ['an unknown share', 'zzzzzzzzzzzzzzzz', USERS.olivia, 404],
  ] as const)('%s -> %i', async (_case, id, caller, status) => {
    const res = await rpc(app, { action: 'delete', id }, caller);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body).toEqual({ code: 200 });
      expect((await rpc(app, { action: 'get', find: { where: { id } } }, caller)).body.count).toBe(0);
    }
  });

  test('the share creator who does not own its dashboard cannot delete it', async () => {
    // Olivia shares her dashboard via a share she created, then Victor (no owner rights) cannot delete it.
    const id = await shareOf(USERS.olivia, DASHBOARDS.finance);
    expect((await rpc(app, { action: 'delete', id }, USERS.victor)).status).toBe(403);
    expect((await rpc(app, { action: 'delete', id }, USERS.olivia)).status).toBe(200);
  });

  test('delete needs an id', async () => {
    const res = await rpc(app, { action: 'delete' });
    expect(res.status).toBe(400);
    expect(res.body.validation).toEqual({ id: ['is required'] });
  });
});
