// Why did it answer that? For each vendor and each kind of outcome, the explanation read back through
// GET /_emulator/requests/{id} names the operation, rule, field or record that decided the answer.
import request from 'supertest';
import type { Response } from 'supertest';
import { createLogger } from '../../src/core/log';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody, shareBody } from '../desk/desk-fixtures';
import { BASE as EC, KEYS, key } from '../energycap/energycap-fixtures';
import { DASHBOARDS as LZ, SHARES, USERS, rpc } from '../luzmo/luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

interface Explanation {
  summary: string;
  route: { method: string; operationId?: string; template?: string; action?: string; nearestPaths?: string[]; allowedMethods?: string[]; knownActions?: string[] };
  auth?: { credential?: { location: string; name: string; value: string }; principal?: string; tenant?: string; rules: { rule: string; passed: boolean; inputs?: Record<string, unknown>; because?: string }[] };
  validation?: { outcome: string; violations: { in: string; pointer: string; keyword: string; message: string }[]; lenientReadings: string[] };
  state?: { changes: { change: string; record: string; before?: string; after?: string }[]; missed?: { lookup: string; key: string; tenant?: string } };
  fault?: { source: string; rule?: string; action: string };
}

async function explanationOf(res: Response): Promise<Explanation> {
  const id = res.headers['x-emulator-request-id'] as string;
  const entry = await request(app).get(`/_emulator/requests/${id}`);
  expect(entry.status).toBe(200);
  return (entry.body as { explanation: Explanation }).explanation;
}

describe('DESK', () => {
  const shareSettings = (id: string) => `${base()}/dashboards/${id}/shareSettings`;

  test('each request shows its own credential and route, however the ones before it were read and routed', async () => {
    // Explanations share what repeats (the last credential's masked record, an operation's route facts): a
    // different token, the query instead of the header, or another operation must still show as itself.
    const sent = [
      await request(app).get(shareSettings(DESK.backlog)).set(auth(TOKENS.readOnly)),
      await request(app).get(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)),
      await request(app).get(`${shareSettings(DESK.backlog)}?api-token=${TOKENS.readWrite}`),
      await request(app).get(`${base()}/dashboards/${DESK.backlog}`).set(auth(TOKENS.readWrite)),
      await request(app).head(shareSettings(DESK.backlog)).set(auth(TOKENS.readOnly)),
      await request(app).get(shareSettings(DESK.backlog)).set(auth(TOKENS.readOnly)),
      await request(app).get(shareSettings(DESK.backlog)).set(auth('dt0c01.zzzz9999.unknown')),
    ];
    const shown = await Promise.all(sent.map(async (res) => {
      const e = await explanationOf(res);
      return [e.auth?.credential?.location, e.auth?.credential?.value, e.auth?.principal, `${e.route.method} ${e.route.operationId}`];
    }));
    expect(shown).toEqual([
      ['header', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read only)', 'GET getDashboardShareSettings'],
      ['header', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read and write)', 'GET getDashboardShareSettings'],
      ['query', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read and write)', 'GET getDashboardShareSettings'],
      ['header', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read and write)', 'GET getDashboard'],
      ['header', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read only)', 'HEAD getDashboardShareSettings'],
      ['header', 'dt0c01.abc12345.****', 'token dt0c01.abc12345.**** (read only)', 'GET getDashboardShareSettings'],
      ['header', 'dt0c01.zzzz9999.****', undefined, 'GET getDashboardShareSettings'],
    ]);
  });

  test('a share-settings update: the operation, the template, the token (masked), the scope rule and the change', async () => {
    const res = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog));
    expect(res.status).toBe(204);
    const e = await explanationOf(res);
    expect(e.route).toMatchObject({ method: 'PUT', operationId: 'updateDashboardShareSettings', template: '/api/config/v1/dashboards/{id}/shareSettings' });
    expect(e.auth?.credential).toEqual({ location: 'header', name: 'Authorization', value: 'dt0c01.abc12345.****' });
    expect(e.auth?.tenant).toBe('environment abc12345');
    expect(e.auth?.rules).toEqual([expect.objectContaining({ rule: 'one of the scopes WriteConfig', passed: true })]);
    expect(e.state?.changes).toEqual([expect.objectContaining({ change: 'replaced', record: `share settings of dashboard ${DESK.backlog}` })]);
    expect(e.state?.changes[0]?.after).toContain('"enabled":true');
    expect(e.summary).toMatch(/^204: updateDashboardShareSettings for token dt0c01\.abc12345\.\*\*\*\* .*; replaced share settings of dashboard/);
    expect(JSON.stringify(e)).not.toContain(TOKENS.readWrite);
  });

  test('a change read after later changes still shows the record as it was then (kept, serialized on read)', async () => {
    const first = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { permissions: [{ id: 'user-first', type: 'USER', permission: 'VIEW' }] }));
    const second = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { enabled: false, permissions: [{ id: 'user-second', type: 'GROUP', permission: 'EDIT' }] }));
    expect([first.status, second.status]).toEqual([204, 204]);
    const [one, two] = [await explanationOf(first), await explanationOf(second)];
    expect(one.state?.changes[0]?.after).toBe('{"enabled":true,"preset":false,"permissions":[{"id":"user-first","permission":"VIEW","type":"USER"}],"managementZoneIds":[]}');
    expect(two.state?.changes[0]?.before).toBe(one.state?.changes[0]?.after);
    expect(two.state?.changes[0]?.after).toBe('{"enabled":false,"preset":false,"permissions":[{"id":"user-second","permission":"EDIT","type":"GROUP"}],"managementZoneIds":[]}');
    // Read again: the same explanation, word for word.
    expect(await explanationOf(first)).toEqual(one);
  });

  test('a dashboard PUT that makes it a preset: the ALL permission it adds shows after, not before', async () => {
    await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { permissions: [{ id: 'user-1', type: 'USER', permission: 'VIEW' }] })).expect(204);
    const body = dashboardBody('Preset now', { id: DESK.backlog });
    Object.assign(body.dashboardMetadata as object, { preset: true });
    const res = await request(app).put(`${base()}/dashboards/${DESK.backlog}`).set(auth(TOKENS.readWrite)).send(body);
    expect(res.status).toBe(204);
    const change = (await explanationOf(res)).state?.changes[0];
    expect(change?.before).not.toContain('"type":"ALL"');
    expect(change?.after).toContain('{"permission":"VIEW","type":"ALL"}');
  });

  test('a dashboard PUT that unshares it right after a share PUT: before shows it shared, after not', async () => {
    await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog)).expect(204);
    const body = dashboardBody('Unshared', { id: DESK.backlog });
    Object.assign(body.dashboardMetadata as object, { shared: false });
    const res = await request(app).put(`${base()}/dashboards/${DESK.backlog}`).set(auth(TOKENS.readWrite)).send(body);
    expect(res.status).toBe(204);
    const change = (await explanationOf(res)).state?.changes[0];
    expect(change?.before).toContain('"enabled":true');
    expect(change?.after).toContain('"enabled":false');
  });

  test('403: the token has WriteConfig but the read needs ReadConfig', async () => {
    const res = await request(app).get(shareSettings(DESK.operations)).set(auth(TOKENS.writeOnly));
    expect(res.status).toBe(403);
    const e = await explanationOf(res);
    expect(e.summary).toBe('403: token dt0c01.abc12345.**** has WriteConfig but getDashboardShareSettings needs ReadConfig');
    expect(e.auth?.rules[0]).toMatchObject({ rule: 'one of the scopes ReadConfig', passed: false, inputs: { scopes: 'WriteConfig' } });
  });

  test('401: an unknown token, read from the api-token query parameter', async () => {
    const res = await request(app).get(`${base()}/dashboards?api-token=dt0c01.abc12345.nosuchsecret`);
    expect(res.status).toBe(401);
    const e = await explanationOf(res);
    expect(e.auth?.credential).toEqual({ location: 'query', name: 'api-token', value: 'dt0c01.abc12345.****' });
    expect(e.summary).toMatch(/^401: query api-token carries dt0c01\.abc12345\.\*\*\*\*, which DESK does not know/);
  });

  test('404: the dashboard lookup that missed, in which environment', async () => {
    const res = await request(app).get(shareSettings(UNKNOWN_DASHBOARD)).set(auth(TOKENS.readOnly));
    expect(res.status).toBe(404);
    const e = await explanationOf(res);
    expect(e.state?.missed).toEqual({ lookup: 'dashboard', key: UNKNOWN_DASHBOARD, tenant: 'environment abc12345' });
    expect(e.summary).toBe(`404: no dashboard ${UNKNOWN_DASHBOARD} in environment abc12345`);
  });

  test('400: each violation with its JSON pointer and keyword', async () => {
    const res = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { permissions: [{ type: 'ALL', permission: 'OWN' }] }));
    expect(res.status).toBe(400);
    const e = await explanationOf(res);
    expect(e.validation?.outcome).toBe('rejected');
    expect(e.validation?.violations[0]).toMatchObject({ in: 'body', pointer: '/permissions/0/permission', keyword: 'enum' });
    expect(e.summary).toMatch(/^400: 1 violation, first body \/permissions\/0\/permission: /);
  });

  test('lenient readings: a string boolean and a null the vendor tolerated are listed', async () => {
    const res = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { enabled: 'true', preset: null }));
    expect(res.status).toBe(204);
    const e = await explanationOf(res);
    expect(e.validation?.lenientReadings).toEqual(expect.arrayContaining(['/enabled: string "true" read as boolean true', '/preset: null read as absent']));
  });

  test('lenient readings: a coerced value alone is found, and a body read as sent, however spaced, has none', async () => {
    const coerced = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { preset: 'false' }));
    expect(coerced.status).toBe(204);
    expect((await explanationOf(coerced)).validation?.lenientReadings).toEqual(['/preset: string "false" read as boolean false']);
    const spaced = await request(app).put(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).set('content-type', 'application/json').send(JSON.stringify(shareBody(DESK.backlog), null, 2));
    expect(spaced.status).toBe(204);
    expect((await explanationOf(spaced)).validation).toEqual({ outcome: 'passed', violations: [], lenientReadings: [] });
  });

  test('routing 404: the nearest path templates; 405: the allowed methods', async () => {
    const typo = await request(app).get(`${base()}/dashbords/${DESK.backlog}`).set(auth(TOKENS.readOnly));
    expect(typo.status).toBe(404);
    const e = await explanationOf(typo);
    expect(e.route.nearestPaths?.[0]).toBe('/api/config/v1/dashboards/{id}');
    expect(e.summary).toMatch(/^404: no DESK operation has the path .*; nearest: \/api\/config\/v1\/dashboards\/\{id\}/);

    const wrong = await request(app).patch(shareSettings(DESK.backlog)).set(auth(TOKENS.readWrite)).send({});
    expect(wrong.status).toBe(405);
    const w = await explanationOf(wrong);
    expect(w.route.allowedMethods).toEqual(expect.arrayContaining(['GET', 'PUT']));
    expect(w.summary).toMatch(/^405: PATCH is not allowed on .*; allowed: /);
  });

  test('an injected fault: the rule that answered', async () => {
    const rule = await request(app).post('/_emulator/faults').send({ match: { vendor: 'desk', operationId: 'getDashboardShareSettings' }, action: { status: 503 } });
    const res = await request(app).get(shareSettings(DESK.operations)).set(auth(TOKENS.readOnly));
    expect(res.status).toBe(503);
    const e = await explanationOf(res);
    expect(e.fault).toEqual({ source: 'rule', rule: (rule.body as { id: string }).id, action: 'status 503' });
    expect(e.summary).toBe(`503: injected by fault rule ${(rule.body as { id: string }).id} (status 503)`);
  });
});

describe('EnergyCAP', () => {
  test('a share edit by its creator: the rule with its inputs, and the before/after of the sharing', async () => {
    const res = await request(app).put(`${EC}/dashboard/100/share`).set(key(KEYS.sam)).send({ sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [] });
    expect(res.status).toBe(200);
    const e = await explanationOf(res);
    expect(e.auth?.credential).toEqual({ location: 'header', name: 'ECI-ApiKey', value: 'eci.****' });
    expect(e.auth?.rules.map((r) => [r.rule.split(':')[0], r.passed])).toEqual([['read', true], ['edit share', true]]);
    expect(e.state?.changes[0]).toMatchObject({ change: 'replaced', record: 'sharing of dashboard 100' });
    expect(e.state?.changes[0]?.before).toContain('"userIds":[]');
    expect(e.state?.changes[0]?.after).toContain('"userIds":[4]');
  });

  test("403: Carl created the dashboard but his role lacks SharedDashboardsOrMaps Create, and he is not a DashboardAdministrator", async () => {
    const res = await request(app).put(`${EC}/dashboard/104/share`).set(key(KEYS.carl)).send({ sharedWithEveryone: true, sharedUserIds: [], sharedUserGroupIds: [] });
    expect(res.status).toBe(403);
    const e = await explanationOf(res);
    expect(e.summary).toMatch(/^403: Carl .* \(user \d+\) created dashboard 104 but their role lacks SharedDashboardsOrMaps Create, and they are not a DashboardAdministrator \(Manage\)$/);
    expect(e.auth?.rules.at(-1)).toMatchObject({ passed: false, inputs: expect.objectContaining({ sharedDashboardsOrMapsCreate: false, dashboardAdministratorManage: false }) });
  });

  test('401 for an inactive user names the rule; 401 for an unknown key names the header', async () => {
    const inactive = await explanationOf(await request(app).get(`${EC}/dashboard`).set(key(KEYS.ian)));
    expect(inactive.summary).toMatch(/^401: .* is inactive$/);
    const unknown = await explanationOf(await request(app).get(`${EC}/dashboard`).set(key('not-a-key-at-all')));
    expect(unknown.summary).toMatch(/^401: header ECI-ApiKey carries not-\*\*\*\*, which EnergyCAP does not know/);
  });

  test('404: a dashboard that does not exist, and one the caller may not read (why it reads as not found)', async () => {
    const missing = await explanationOf(await request(app).get(`${EC}/dashboard/999999`).set(key(KEYS.sam)));
    expect(missing.summary).toBe('404: no dashboard 999999');
    const hidden = await explanationOf(await request(app).get(`${EC}/dashboard/100`).set(key(KEYS.nora)));
    expect(hidden.summary).toMatch(/^404: .* did not create dashboard 100, it is not shared with them.*: it reads as not found$/);
  });

  test('400 validation and a property name matched in another case', async () => {
    const bad = await explanationOf(await request(app).put(`${EC}/dashboard/100/share`).set(key(KEYS.sam)).send({ sharedWithEveryone: 'maybe', sharedUserIds: [], sharedUserGroupIds: [] }));
    expect(bad.validation?.violations[0]).toMatchObject({ pointer: '/sharedWithEveryone' });
    const cased = await explanationOf(await request(app).put(`${EC}/dashboard/100/share`).set(key(KEYS.sam)).send({ SharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [] }));
    expect(cased.validation?.lenientReadings).toContain('/SharedWithEveryone: property "SharedWithEveryone" read as "sharedWithEveryone"');
  });

  test('routing 404 and 405', async () => {
    const typo = await explanationOf(await request(app).get(`${EC}/dashbaord/100/share`).set(key(KEYS.sam)));
    expect(typo.route.nearestPaths?.[0]).toBe('/api/v3/dashboard/{dashboardId}/share');
    const wrong = await explanationOf(await request(app).delete(`${EC}/dashboard/100/share`).set(key(KEYS.sam)));
    expect(wrong.route.allowedMethods).toEqual(expect.arrayContaining(['GET', 'PUT']));
  });

  test('an injected fault from the X-Emulator-Fault header', async () => {
    const e = await explanationOf(await request(app).get(`${EC}/dashboard/100`).set(key(KEYS.sam)).set('x-emulator-fault', 'status=502'));
    expect(e.fault).toEqual({ source: 'header', action: 'status 502' });
    expect(e.summary).toBe('502: injected by the X-Emulator-Fault header (status 502)');
  });
});

describe('Luzmo', () => {
  test('a create: the action that selected the operation, the caller, the share created', async () => {
    const res = await rpc(app, { action: 'create', properties: {} });
    expect(res.status).toBe(200);
    const e = await explanationOf(res);
    expect(e.route).toMatchObject({ method: 'POST', operationId: 'createShare', action: 'create', template: '/0.1.0/share' });
    expect(e.auth?.credential).toEqual({ location: 'body', name: 'key', value: 'key-****' });
    expect(e.auth?.principal).toMatch(/\(user 444e2d0c-8dfb-45c1-bb97-52cb9264671f\)$/);
    expect(e.state?.changes[0]).toMatchObject({ change: 'created', record: expect.stringMatching(/^share /) });
  });

  test('an unknown action: the known ones', async () => {
    const e = await explanationOf(await rpc(app, { action: 'frobnicate' }));
    expect(e.route.knownActions).toEqual(expect.arrayContaining(['create', 'get', 'delete', 'associate', 'dissociate']));
    expect(e.summary).toMatch(/'frobnicate' is not a Luzmo action; known: /);
  });

  test('401, 403 (ownership rule) and 404 (the share that missed)', async () => {
    const unknown = await explanationOf(await rpc(app, { action: 'get', find: {} }, { key: 'key-nobody', token: 'token-nobody' }));
    expect(unknown.summary).toMatch(/^401: body key carries key-\*\*\*\*, which Luzmo does not know/);
    const foreign = await explanationOf(await rpc(app, { action: 'delete', id: SHARES.salesFr }, USERS.victor));
    expect(foreign.summary).toMatch(/^403: /);
    expect(foreign.auth?.rules.at(-1)).toMatchObject({ passed: false });
    const missing = await explanationOf(await rpc(app, { action: 'delete', id: 'nosuchshare00000' }));
    expect(missing.state?.missed).toMatchObject({ lookup: 'share', key: 'nosuchshare00000' });
  });

  test('400 validation and a dashboard association by its owner', async () => {
    const bad = await explanationOf(await rpc(app, { action: 'create', properties: { date: 'tomorrow' } }));
    expect(bad.validation?.outcome).toBe('rejected');
    const created = await rpc(app, { action: 'create', properties: {}, associations: [{ role: 'Securables', id: LZ.sales }] });
    const e = await explanationOf(created);
    expect(e.auth?.rules.some((r) => r.passed && /own/.test(r.rule))).toBe(true);
  });
});

test('a path no vendor claims: the nearest API base paths', async () => {
  const res = await request(app).get('/api/confg/v1/dashboards');
  expect(res.status).toBe(404);
  const e = await explanationOf(res);
  expect(e.route.nearestPaths?.[0]).toBe('DESK /api/config/v1');
});

test('the log line of a 4xx carries the summary', async () => {
  const lines: string[] = [];
  const logged = testEmulator({ logger: createLogger('info', { write: (t: string) => lines.push(t) }, 'text') });
  await request(logged.app).get(`${base()}/dashboards/${DESK.operations}/shareSettings`).set(auth(TOKENS.writeOnly));
  await request(logged.app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  expect(lines.find((l) => l.includes(' 403 '))).toContain('403: token dt0c01.abc12345.**** has WriteConfig but getDashboardShareSettings needs ReadConfig');
  expect(lines.find((l) => l.includes(' 200 '))).not.toContain('200:');
});

test('an onExchange observer reads the explanation as a plain Explanation', async () => {
  const seen: { summary?: string; changes?: number }[] = [];
  const observed = testEmulator({ onExchange: (ex) => seen.push({ summary: ex.explanation?.summary, changes: ex.explanation?.state?.changes.length }) });
  await request(observed.app).put(`${base()}/dashboards/${DESK.backlog}/shareSettings`).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog)).expect(204);
  expect(seen).toEqual([{ summary: expect.stringMatching(/^204: updateDashboardShareSettings for token /), changes: 1 }]);
});

test('EXPLANATIONS=off (explanations: false): entries carry none, and the answers are the same', async () => {
  const quiet = testEmulator({ explanations: false });
  const res = await request(quiet.app).get(`${base()}/dashboards/${DESK.operations}/shareSettings`).set(auth(TOKENS.writeOnly));
  expect(res.status).toBe(403);
  const entry = await request(quiet.app).get(`/_emulator/requests/${res.headers['x-emulator-request-id'] as string}`);
  expect(entry.body).not.toHaveProperty('explanation');
  expect(entry.body).toMatchObject({ status: 403, operationId: 'getDashboardShareSettings' });
});

test('a change to a large record is shown capped (about 1000 characters), never serialized whole', async () => {
  const permissions = Array.from({ length: 14_000 }, (_, i) => ({ id: `user-${i}`, type: 'USER', permission: 'VIEW' }));
  const res = await request(app).put(`${base()}/dashboards/${DESK.backlog}/shareSettings`).set(auth(TOKENS.readWrite)).send(shareBody(DESK.backlog, { permissions }));
  expect(res.status).toBe(204);
  const after = (await explanationOf(res)).state?.changes[0]?.after ?? '';
  expect(after.startsWith('{"enabled":true,"preset":false,"permissions":[{"id":"user-0"')).toBe(true);
  expect(after.endsWith('…')).toBe(true);
  expect(after.length).toBeLessThanOrEqual(1001);
});

test('the control plane explains itself in its own envelope: a mistyped path names the nearest operations, and its log line carries the summary', async () => {
  const lines: string[] = [];
  const logged = testEmulator({ logger: createLogger('info', { write: (t: string) => lines.push(t) }, 'text') });
  const res = await request(logged.app).get('/_emulator/request');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: expect.any(String), details: expect.arrayContaining(['nearest: /_emulator/requests']) });
  expect(lines.find((l) => l.includes('/_emulator/request '))).toMatch(/404: .*; nearest: \/_emulator\/requests/);
});
