// The vendor's own OpenAPI description (../shared/vendor/desk/config-v1-1.254.47-dashboards.json, read in
// place) as a second judge of DESK. Three checks: every difference between specs/desk.openapi.yaml and the
// vendor's (paths, operationIds, statuses, parameters, security, schemas, required fields, enums) is one the
// README lists with its reason; scripts/desk-vendor-judge.mjs catches answers that break the vendor's
// schemas; and a run through HTTP that produces every response the vendor declares passes it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, UNKNOWN_DASHBOARD, auth, base, dashboardBody, shareBody } from './desk-fixtures';

jest.setTimeout(30000);

const ROOT = join(__dirname, '..', '..');
const VENDOR_SPEC = join(ROOT, '..', 'shared', 'vendor', 'desk', 'config-v1-1.254.47-dashboards.json');
const JUDGE = join(ROOT, 'scripts', 'desk-vendor-judge.mjs');

type Schema = { $ref?: string; type?: string | string[]; enum?: string[]; uniqueItems?: boolean; items?: Schema; properties?: Record<string, Schema>; required?: string[]; format?: string; additionalProperties?: unknown };
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema: Schema; $ref?: string }[];
  responses: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
  security?: Record<string, string[]>[];
}
interface Spec {
  paths: Record<string, Record<string, Operation | Operation['parameters']>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, NonNullable<Operation['parameters']>[number]>; securitySchemes: Record<string, { in: string; name: string }> };
}

const vendor = JSON.parse(readFileSync(VENDOR_SPEC, 'utf8')) as Spec;
const ours = load(readFileSync(join(ROOT, 'specs', 'desk.openapi.yaml'), 'utf8')) as Spec;

function operations(spec: Spec): Map<string, { op: Operation; params: NonNullable<Operation['parameters']> }> {
  const out = new Map<string, { op: Operation; params: NonNullable<Operation['parameters']> }>();
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters ?? []) as NonNullable<Operation['parameters']>;
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const own = (op as Operation).parameters ?? [];
      const params = [...shared, ...own].map((p) => (p.$ref ? (spec.components.parameters?.[p.$ref.split('/').pop() as string] as typeof p) : p));
      out.set(`${method.toUpperCase()} ${path}`, { op: op as Operation, params });
    }
  }
  return out;
}

const describeType = (s: Schema | undefined): string => (s === undefined ? 'absent' : s.$ref ? (s.$ref.split('/').pop() as string) : `${[s.type].flat().join('|')}${s.items ? `<${describeType(s.items)}>` : ''}`);

/** Every structural difference between the two specs, one line each. */
function specDifferences(): string[] {
  const out: string[] = [];
  const mine = operations(ours);
  const theirs = operations(vendor);
  for (const key of mine.keys()) if (!theirs.has(key)) out.push(`operation ${key}: ours only`);
  for (const key of theirs.keys()) if (!mine.has(key)) out.push(`operation ${key}: vendor only`);
  const extraStatuses = new Map<string, string[]>();
  for (const [key, { op: v, params: vp }] of theirs) {
    const m = mine.get(key);
    if (!m) continue;
    if (m.op.operationId !== v.operationId) out.push(`operationId ${key}: ours ${m.op.operationId}, vendor ${v.operationId}`);
    for (const code of Object.keys(v.responses)) if (!m.op.responses[code]) out.push(`status ${key} ${code}: vendor only`);
    for (const code of Object.keys(m.op.responses)) if (!v.responses[code]) extraStatuses.set(code, [...(extraStatuses.get(code) ?? []), key]);
    for (const p of vp) {
      const q = m.params.find((x) => x.name === p.name && x.in === p.in);
      if (!q) out.push(`parameter ${key} ${p.in} ${p.name}: vendor only`);
      else if (describeType(q.schema) !== describeType(p.schema) || q.schema.format !== p.schema.format || Boolean(q.required) !== Boolean(p.required)) {
        out.push(`parameter ${p.in} ${p.name}: ours ${describeType(q.schema)}${q.schema.format ? ` (${q.schema.format})` : ''}, vendor ${describeType(p.schema)}${p.schema.format ? ` (${p.schema.format})` : ''}`);
      }
    }
    for (const [code, r] of Object.entries(v.responses)) {
      const types = Object.keys(r.content ?? {});
      const ourTypes = Object.keys((m.op.responses[code] as { content?: Record<string, unknown> } | undefined)?.content ?? {});
      if (types.join() !== ourTypes.join() && ourTypes.length > 0) out.push(`media type: ours ${ourTypes.join()}, vendor ${types.join()}`);
    }
  }
  for (const [code, keys] of extraStatuses) out.push(`status ${code}: ours only (${keys.length} of the vendor's operations)`);
  const schemesOf = (spec: Spec) => Object.values(spec.components.securitySchemes).map((s) => `${s.in} ${s.name}`).sort().join(', ');
  if (schemesOf(ours) !== schemesOf(vendor)) out.push(`security: ours ${schemesOf(ours)}, vendor ${schemesOf(vendor)}`);
  for (const [name, v] of Object.entries(vendor.components.schemas)) {
    const m = ours.components.schemas[name];
    if (!m) {
      out.push(`schema ${name}: vendor only`);
      continue;
    }
    const req = (s: Schema) => [...(s.required ?? [])].sort().join(',');
    if (req(m) !== req(v)) out.push(`schema ${name} required: ours [${req(m)}], vendor [${req(v)}]`);
    for (const [prop, vp] of Object.entries(v.properties ?? {})) {
      const mp = m.properties?.[prop];
      const where = `schema ${name}.${prop}`;
      if (!mp) {
        out.push(`${where}: vendor only`);
        continue;
      }
      if (describeType(mp) !== describeType(vp)) out.push(`${where}: ours ${describeType(mp)}, vendor ${describeType(vp)}`);
      const enums = (s: Schema) => [...(s.enum ?? s.items?.enum ?? [])].sort().join(',');
      if (enums(mp) !== enums(vp)) out.push(`${where} enum: ours [${enums(mp)}], vendor [${enums(vp)}]`);
      if (Boolean(mp.uniqueItems) !== Boolean(vp.uniqueItems)) out.push(`${where} uniqueItems: ours ${Boolean(mp.uniqueItems)}, vendor ${Boolean(vp.uniqueItems)}`);
    }
    for (const prop of Object.keys(m.properties ?? {})) if (!v.properties?.[prop]) out.push(`schema ${name}.${prop}: ours only`);
  }
  return [...new Set(out)].sort();
}

/** The README's DESK section: where every difference must be listed with its reason. */
function readmeDeskSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## DESK');
  // A `|` inside a table cell is written `\|`.
  return readme.slice(start, readme.indexOf('\n## ', start + 1)).replace(/\\\|/g, '|');
}

test('every difference between our spec and the vendor\'s is listed in the README\'s DESK section', () => {
  const differences = specDifferences();
  expect(differences.length).toBeGreaterThan(0);
  const section = readmeDeskSection();
  expect(differences.filter((d) => !section.includes(`\`${d}\``))).toEqual([]);
});

/** One recorded exchange in the judge's input format. */
function record(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    source: 'in-process',
    test: 'crafted',
    vendor: 'desk',
    operationId: 'getDashboardShareSettings',
    method: 'GET',
    path: `/api/config/v1/dashboards/${DASHBOARDS.backlog}/shareSettings`,
    query: '',
    status: 200,
    responseHeaders: { 'content-type': 'application/json;charset=utf-8' },
    responseText: JSON.stringify({ id: DASHBOARDS.backlog, enabled: false, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } }),
    responseTextBytes: 0,
    fault: null,
    dropped: false,
    ...overrides,
  };
}

function runJudge(records: Record<string, unknown>[], ...args: string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-vendor-'));
  writeFileSync(join(dir, 'records.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const run = spawnSync(process.execPath, [JUDGE, dir, ...args], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

const envelope = (code: number, message: string, violations?: unknown[]) => JSON.stringify({ error: violations ? { code, message, constraintViolations: violations } : { code, message } });

describe('the vendor-spec judge catches what the vendor\'s spec refuses', () => {
  test.each([
    ['a string boolean in DashboardSharing', { responseText: JSON.stringify({ id: 'x', enabled: 'true', permissions: [], publicAccess: { managementZoneIds: [] } }) }, '/enabled must be boolean'],
    ['a stub without its id', { operationId: 'getDashboards', path: '/api/config/v1/dashboards', responseText: JSON.stringify({ dashboards: [{ name: 'n', owner: 'o' }] }) }, "must have required property 'id'"],
    ['an unknown permission type', { responseText: JSON.stringify({ id: 'x', permissions: [{ type: 'EVERYONE', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] } }) }, 'must be equal to one of the allowed values'],
    ['error.code not an integer', { status: 404, responseText: JSON.stringify({ error: { code: '404', message: 'm' } }) }, '/error/code must be integer'],
    ['a status neither declared nor listed', { status: 418, responseText: envelope(418, 'teapot') }, 'status 418 is not declared by the vendor for getDashboardSharingSettings'],
    ['a body on a share PUT', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '{}' }, 'the vendor declares no body for 204'],
  ])('%s', (_name, overrides, message) => {
    const { status, output } = runJudge([record(overrides)], '--no-coverage');
    expect(output).toContain('1 mismatches');
    expect(output).toContain(message);
    expect(status).toBe(1);
  });

  test('listed differences are counted, not hidden: 413, location null, a routing answer, a migration 501', () => {
    const records = [
      record({ status: 413, responseText: envelope(413, 'too large') }),
      record({ operationId: 'updateDashboardShareSettings', method: 'PUT', status: 400, responseText: envelope(400, 'Constraints violated.', [{ path: 'id', message: 'm', parameterLocation: 'PAYLOAD_BODY', location: null }]) }),
      record({ operationId: null, status: 405, responseText: envelope(405, 'HTTP 405 Method Not Allowed') }),
      record({ operationId: 'migrateDashboard', method: 'PUT', status: 501, responseText: envelope(501, 'Dashboard migration is not emulated') }),
    ];
    const { status, output } = runJudge(records, '--no-coverage');
    expect(output).toContain('4 DESK exchanges judged, 0 exactly as the vendor declares, 4 through a listed difference, 0 mismatches');
    for (const d of ['undeclared-413', 'location-null', 'routing-answer', 'not-a-vendor-operation']) expect(output).toMatch(new RegExp(`\\s1  ${d}:`));
    expect(status).toBe(0);
  });

  test('with coverage required, a vendor-declared response no exchange produced fails the run', () => {
    const { status, output } = runJudge([record({})]);
    expect(output).toContain('VENDOR RESPONSE NEVER PRODUCED updateShareSettings 204');
    expect(status).toBe(1);
  });
});

test('through HTTP: every response the vendor declares, produced by the emulator, passes the vendor\'s schemas', async () => {
  const emulator = testEmulator();
  const rw = auth(TOKENS.readWrite);
  const app = emulator.app;
  const bad = { dashboardMetadata: { name: 'x' }, tiles: [] };
  await request(app).get(`${base()}/dashboards`).set(rw).expect(200);
  const created = await request(app).post(`${base()}/dashboards`).set(rw).send(dashboardBody('New')).expect(201);
  await request(app).post(`${base()}/dashboards`).set(rw).send(bad).expect(400);
  await request(app).post(`${base()}/dashboards/validator`).set(rw).send(dashboardBody('New')).expect(204);
  await request(app).post(`${base()}/dashboards/validator`).set(rw).send(bad).expect(400);
  for (const id of [DASHBOARDS.operations, DASHBOARDS.preset, created.body.id as string]) {
    await request(app).get(`${base()}/dashboards/${id}`).set(rw).expect(200);
    await request(app).get(`${base()}/dashboards/${id}/shareSettings`).set(rw).expect(200);
  }
  await request(app).put(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw).send(dashboardBody('Upsert')).expect(201);
  await request(app).put(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw).send(dashboardBody('Upsert')).expect(204);
  await request(app).put(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw).send(bad).expect(400);
  await request(app).post(`${base()}/dashboards/${UNKNOWN_DASHBOARD}/validator`).set(rw).send(dashboardBody('Upsert')).expect(204);
  await request(app).post(`${base()}/dashboards/${UNKNOWN_DASHBOARD}/validator`).set(rw).send(bad).expect(400);
  await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(rw).send(shareBody(DASHBOARDS.backlog)).expect(204);
  await request(app).put(`${base()}/dashboards/${DASHBOARDS.preset}/shareSettings`).set(rw).send(shareBody(DASHBOARDS.preset, { preset: true })).expect(400);
  await request(app).post(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings/validator`).set(rw).send(shareBody(DASHBOARDS.backlog)).expect(204);
  await request(app).post(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings/validator`).set(rw).send({ id: DASHBOARDS.backlog }).expect(400);
  await request(app).delete(`${base()}/dashboards/${UNKNOWN_DASHBOARD}`).set(rw).expect(204);
  const records = emulator.exchanges.map((e) =>
    record({ operationId: e.operationId ?? null, method: e.method, path: e.path, status: e.status, responseHeaders: e.responseHeaders, responseText: e.responseText, test: 'through HTTP' }),
  );
  const { status, output } = runJudge(records);
  expect(output).toContain('0 mismatches; vendor-declared responses produced: 17/17');
  expect(status).toBe(0);
});
