// Every documented error status of every operation, produced on purpose: the specs' operation tables are
// walked, and each (operation, 400/401/403/404/413/415) gets a request built to cause it. A documented
// status with no recipe here fails, so this sweep follows the specs as they change.
import request from 'supertest';
import type { Test } from 'supertest';
import { join } from 'node:path';
import { loadSpec } from '../../src/core/spec/load-spec';
import { buildOperationTable } from '../../src/core/spec/operation-table';
import type { Operation } from '../../src/core/spec/operation-table';
import { BUILT_IN_SPECS } from '../../src/paths';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base, dashboardBody, shareBody } from '../desk/desk-fixtures';
import { KEYS } from '../energycap/energycap-fixtures';
import { USERS } from '../luzmo/luzmo-fixtures';

const ERRORS = ['400', '401', '403', '404', '413', '415'];
const LIMIT = 2048;
const BIG = JSON.stringify({ padding: 'x'.repeat(LIMIT * 2) });

const emulator = testEmulator({ bodyLimitBytes: LIMIT, controlBodyLimitBytes: LIMIT });
const guarded = testEmulator({ adminToken: 'sweep-token' });
const withoutMetrics = testEmulator({ metrics: false });

type Recipe = { app?: typeof emulator.app; method?: string; path: string; headers?: Record<string, string>; body?: string | object; contentType?: string };

function send(r: Recipe, op: Operation): Test {
  const method = (r.method ?? op.method).toLowerCase() as 'get';
  let t = request(r.app ?? emulator.app)[method](r.path);
  for (const [k, v] of Object.entries(r.headers ?? {})) t = t.set(k, v);
  if (r.body === undefined) return t;
  return t.set('content-type', r.contentType ?? 'application/json').send(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
}

/** Body statuses shared by every vendor: too large, not JSON. */
function bodyRecipe(status: string, path: string, headers: Record<string, string>): Recipe | undefined {
  if (status === '413') return { path, headers, body: BIG };
  if (status === '415') return { path, headers, body: 'plain text', contentType: 'text/plain' };
  return undefined;
}

function desk(op: Operation, status: string): Recipe | undefined {
  const hasId = op.path.includes('{id}');
  const id = status === '400' && hasId ? 'not-a-uuid' : DESK.backlog;
  const path = base(status === '404' ? 'unknownenv' : undefined) + op.path.replace('{id}', id);
  const headers = status === '401' ? {} : auth(status === '403' ? TOKENS.noConfig : TOKENS.readWrite);
  const body = op.path.includes('shareSettings') ? shareBody(DESK.backlog) : dashboardBody('sweep');
  const special = bodyRecipe(status, path, headers);
  if (special) return special;
  if (status === '400' && !hasId) {
    if (op.requestBody) return { path, headers, body: { tiles: 'none' } };
    return { path, headers: { ...headers, 'x-emulator-namespace': 'not a valid name' } };
  }
  return { path, headers, body: op.requestBody ? body : undefined };
}

function energycap(op: Operation, status: string): Recipe | undefined {
  const ids = { dashboardId: status === '400' ? 'abc' : status === '404' ? '999999' : '104', userId: status === '400' ? 'x' : status === '404' ? '999' : '1', userGroupId: status === '400' ? 'x' : status === '404' ? '99' : '10' };
  let path = `/api/v3${op.path}`.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) => ids[name]);
  const usersOrGroups = op.path.startsWith('/user');
  const caller = status === '403' ? (usersOrGroups ? KEYS.vera : op.operationId === 'EditDashboardShareV3' ? KEYS.carl : KEYS.sam) : KEYS.ada;
  const headers: Record<string, string> = status === '401' ? {} : { 'ECI-ApiKey': caller };
  const special = bodyRecipe(status, path, headers);
  if (special) return special;
  if (status === '400' && !op.path.includes('{')) {
    if (op.requestBody) return { path, headers, body: {} };
    path += '?pageNumber=0';
  }
  const body =
    op.operationId === 'EditDashboardShareV3'
      ? { sharedWithEveryone: false, sharedUserIds: [], sharedUserGroupIds: [] }
      : op.operationId === 'CreateDashboardV3'
        ? { dashboardInfo: 'sweep', public: status === '403' }
        : undefined;
  return { path, headers, body };
}

function luzmo(op: Operation, status: string): Recipe | undefined {
  const creds = { key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' };
  // One RPC path per resource, named like its routed operation (share, securable, locale, user).
  const path = `/0.1.0/${op.operationId}`;
  // Victor may read Olivia's share of Sales and the dashboard, but owns neither.
  const foreign = op.operationId === 'securable' ? '7d8278b3-e1ef-43d0-b459-7b9f65f5be4b' : 'lz6dmtgusy8lkvnr';
  const recipes: Record<string, Recipe> = {
    '400': { path, body: { action: 'update', ...creds } },
    '401': { path, body: { action: 'get', version: '0.1.0' } },
    '403': { path, body: { action: 'delete', id: foreign, key: USERS.victor.key, token: USERS.victor.token, version: '0.1.0' } },
    '404': { path, body: { action: 'delete', id: 'zzzzzzzzzzzzzzzz', ...creds } },
  };
  return bodyRecipe(status, path, {}) ?? recipes[status];
}

function control(op: Operation, status: string): Recipe | undefined {
  const path = `/_emulator${op.path.replace('{id}', 'no-such-fault').replace('{vendor}', status === '404' ? 'nope' : 'desk').replace('{name}', 'no-such-namespace').replace('{file}', 'no-such-asset.js')}`;
  if (status === '401') return { app: guarded.app, path, body: op.requestBody ? {} : undefined };
  // A call from a web page of another origin.
  if (status === '403') return { path, headers: { origin: 'http://elsewhere.example' }, body: op.requestBody ? {} : undefined };
  const special = bodyRecipe(status, path, {});
  if (special) return special;
  if (status === '404') return op.operationId === 'getMetrics' ? { app: withoutMetrics.app, path } : { path };
  if (status === '400') {
    if (op.operationId === 'putState') return { path, body: [] };
    if (op.operationId === 'addFault') return { path, body: { action: {} } };
    if (op.operationId === 'dropNamespace') return { path: '/_emulator/namespaces/default' };
    return { path: `${path}?vendor=nope` };
  }
  return undefined;
}

const RECIPES: Record<string, { spec: string; recipe: (op: Operation, status: string) => Recipe | undefined }> = {
  desk: { spec: 'desk', recipe: desk },
  energycap: { spec: 'energycap', recipe: energycap },
  luzmo: { spec: 'luzmo', recipe: luzmo },
  control: { spec: 'emulator', recipe: control },
};

const cases: [string, string, string][] = [];
const operations = new Map<string, Operation>();
for (const [vendor, { spec }] of Object.entries(RECIPES)) {
  const table = buildOperationTable(vendor, loadSpec(join(BUILT_IN_SPECS, `${spec}.openapi.yaml`)));
  for (const op of table.operations) {
    operations.set(`${vendor} ${op.operationId}`, op);
    for (const status of op.responses.keys()) if (ERRORS.includes(status)) cases.push([vendor, op.operationId, status]);
  }
}

test('the sweep covers a good number of documented error statuses', () => {
  expect(cases.length).toBeGreaterThan(100);
});

test.each(cases)('%s %s -> %s', async (vendor, operationId, status) => {
  const op = operations.get(`${vendor} ${operationId}`) as Operation;
  const recipe = (RECIPES[vendor] as (typeof RECIPES)[string]).recipe(op, status);
  if (!recipe) throw new Error(`no recipe for ${vendor} ${operationId} ${status}: add one so every documented status is produced`);
  const res = await send(recipe, op);
  expect(`${res.status} ${res.text.slice(0, 200)}`).toMatch(new RegExp(`^${status} `));
});
