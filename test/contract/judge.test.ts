// The independent judge (scripts/contract-judge.mjs) must itself catch drift: fed crafted exchanges, each
// kind of disagreement and each counter of its summary counts. It judges what was sent (raw body, real
// content type, request headers), routing answers, and each Luzmo action against its own schema.
// (Undeclared response properties are allowed by the specs as written, so prism cannot see them; our own
// closed-object check does, see test/core/contract-check.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExchangeRecord } from '../support/exchange-record';
import { requireBuild } from '../support/process';

jest.setTimeout(60000);

const JUDGE = join(__dirname, '..', '..', 'scripts', 'contract-judge.mjs');
const id = '0b3a2c4e-1111-4222-8333-444455556666';
const share = { id, enabled: true, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } };
const deskAuth = { authorization: 'Api-Token dt0c01.abc12345.readwrite' };
const json = { 'content-type': 'application/json' };
const deskError = JSON.stringify({ error: { code: 400, message: 'x' } });
const luzmoCreds = { key: 'key-olivia', token: 'token-olivia', version: '0.1.0' };
const luzmoShare = { id: 'lz6dmtgusy8lkvnr', date: '2026-01-01T00:00:00.000Z', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', locale_id: null, securable_id: null, user_id: 'u' };

function exchange(test: string, overrides: Partial<ExchangeRecord>): ExchangeRecord {
  return {
    format: 2,
    source: 'in-process',
    test,
    id: 'x-1',
    vendor: 'desk',
    operationId: 'getDashboardShareSettings',
    method: 'GET',
    path: `/api/config/v1/dashboards/${id}/shareSettings`,
    query: '',
    requestHeaders: { ...deskAuth },
    requestBody: null,
    requestBodyBytes: 0,
    decision: 'passed',
    status: 200,
    responseHeaders: { 'content-type': 'application/json;charset=utf-8' },
    responseText: JSON.stringify(share),
    responseTextBytes: 0,
    fault: null,
    dropped: false,
    ...overrides,
  };
}

/** A request with a body, as a client sends it: the raw text, its length and the given headers. */
function sent(body: string, headers: Record<string, string> = json): Pick<ExchangeRecord, 'requestBody' | 'requestBodyBytes' | 'requestHeaders'> {
  return { requestBody: body, requestBodyBytes: Buffer.byteLength(body), requestHeaders: { ...deskAuth, ...headers, 'content-length': String(Buffer.byteLength(body)) } };
}

function luzmo(test: string, action: string, operationId: string, status: number, response: unknown, extra: Record<string, unknown> = {}): ExchangeRecord {
  return exchange(test, {
    vendor: 'luzmo',
    operationId,
    method: 'SEARCH',
    path: '/0.1.0/share',
    ...sent(JSON.stringify({ action, ...luzmoCreds, ...extra }), json),
    status,
    responseText: JSON.stringify(response),
  });
}

function judge(records: ExchangeRecord[], ...args: string[]): { status: number | null; output: string } {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'judge-'));
  writeFileSync(join(dir, 'worker-1.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const run = spawnSync(process.execPath, [JUDGE, dir, ...args], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** The summary's counters by name, e.g. counters(output)['decision unknown']. */
function counters(output: string): Record<string, number> {
  const line = output.split('\n').find((l) => l.startsWith('judge: ') && l.includes('exchanges recorded')) ?? '';
  const out: Record<string, number> = {};
  for (const m of line.matchAll(/(\d+) ([a-z][A-Za-z' ]+?)(?=[,;()[]|$)/g)) out[(m[2] as string).trim()] = Number(m[1]);
  return out;
}

test('conforming exchanges raise no disagreement, and every Luzmo action passes its own schema', () => {
  const { output } = judge([
    exchange('desk get', {}),
    luzmo('luzmo get', 'get', 'searchShare', 200, { count: 1, rows: [luzmoShare] }),
    luzmo('luzmo create', 'create', 'createShare', 200, luzmoShare, { properties: {} }),
    luzmo('luzmo delete', 'delete', 'deleteShare', 200, { code: 200 }, { id: 'lz6dmtgusy8lkvnr' }),
    exchange('routing 404', { operationId: null, path: '/api/config/v1/nothing-here', status: 404, decision: 'not-run', responseText: deskError }),
    exchange('routing 405', { operationId: null, method: 'PATCH', status: 405, decision: 'not-run', responseText: deskError }),
    exchange('unclaimed', { vendor: null, operationId: null, path: '/nobody/serves/this', status: 404, decision: 'not-run', responseText: '{"error":"x","apis":[]}' }),
  ]);
  expect(output).toContain(' 0 disagreements');
  expect(counters(output)).toMatchObject({ 'against their operation': 4, 'routing answers': 3, "compared with the emulator's decision": 4 });
});

// Each record is wrong in exactly one way; one judge run gets them all, and each must be reported on its own.
const BAD: [string, ExchangeRecord, RegExp][] = [
  ['a wrong response type', exchange('a wrong response type', { responseText: JSON.stringify({ ...share, enabled: 'yes' }) }), /response .*enabled/],
  ['an undocumented status', exchange('an undocumented status', { status: 418 }), /status 418 is not documented/],
  [
    'a request the emulator accepted but the spec rejects',
    exchange('a request the emulator accepted but the spec rejects', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, ...sent(JSON.stringify({ id, permissions: 'none' })) }),
    /accepted a request the spec rejects/,
  ],
  [
    'a request the emulator rejected but the spec accepts',
    exchange('a request the emulator rejected but the spec accepts', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 400, decision: 'rejected', responseText: deskError, ...sent(JSON.stringify(share)) }),
    /rejected a request the spec accepts/,
  ],
  [
    // The emulator reads "true" as true (DESK coercion); the judge must see the string that was sent.
    'a string boolean as sent',
    // "yes" is no boolean under any documented reading ("true" would be Jackson's coercion [A], listed as lenient).
    exchange('a string boolean as sent', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, ...sent(JSON.stringify({ ...share, enabled: 'yes' })) }),
    /accepted a request the spec rejects.*enabled/,
  ],
  [
    'a JSON body sent as text/plain',
    exchange('a JSON body sent as text/plain', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, ...sent(JSON.stringify(share), { 'content-type': 'text/plain' }) }),
    /accepted a request the spec rejects.*415/,
  ],
  [
    'malformed JSON the emulator accepted',
    exchange('malformed JSON the emulator accepted', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, ...sent('{"id":') }),
    /accepted a request the spec rejects.*not valid JSON/,
  ],
  [
    'no credentials but a 200',
    exchange('no credentials but a 200', { requestHeaders: {} }),
    /security requirements refuse/,
  ],
  ['a Luzmo get answered {"code":200}', luzmo('a Luzmo get answered {"code":200}', 'get', 'searchShare', 200, { code: 200 }), /response \(searchShare\)/],
  ['a Luzmo create answered a share list', luzmo('a Luzmo create answered a share list', 'create', 'createShare', 200, { count: 0, rows: [] }, { properties: {} }), /response \(createShare\)/],
  ['a Luzmo body dispatched to the wrong action', luzmo('a Luzmo body dispatched to the wrong action', 'get', 'deleteShare', 200, { code: 200 }), /dispatches to searchShare, the emulator ran deleteShare/],
  [
    'a vendor 404 for a path the spec routes',
    exchange('a vendor 404 for a path the spec routes', { operationId: null, status: 404, decision: 'not-run', responseText: deskError }),
    /found no operation, but prism routes it to getDashboardShareSettings/,
  ],
  [
    'a 405 for a path the spec does not have',
    exchange('a 405 for a path the spec does not have', { operationId: null, path: '/api/config/v1/nothing-here', status: 405, decision: 'not-run', responseText: deskError }),
    /405, but prism's router finds no such path/,
  ],
  [
    'an unclaimed 404 for a path a spec routes',
    exchange('an unclaimed 404 for a path a spec routes', { vendor: null, operationId: null, path: '/api/v3/dashboard', requestHeaders: {}, status: 404, decision: 'not-run', responseText: '{"error":"x","apis":[]}' }),
    /no vendor claimed the request, but prism routes it to energycap.GetDashboardsV3/,
  ],
  [
    'an unjournaled 200 that no spec routes',
    exchange('an unjournaled 200 that no spec routes', { vendor: undefined, operationId: undefined, decision: 'unknown', path: '/nobody/serves/this' }),
    /answered 200 to a request no spec routes/,
  ],
];

describe('each kind of disagreement is reported on its own and fails the run', () => {
  let run: { status: number | null; output: string };
  beforeAll(() => {
    run = judge(BAD.map(([, record]) => record));
  });

  test('the run fails, and every bad record is reported', () => {
    expect(run.status).toBe(1);
    const reported = new Set(run.output.split('\n').map((l) => /^ {2}DISAGREE .*\(in-process: (.*?)\): /.exec(l)?.[1]));
    expect(BAD.map(([name]) => name).filter((name) => !reported.has(name))).toEqual([]);
    expect(counters(run.output).disagreements).toBeGreaterThanOrEqual(BAD.length);
  });

  test.each(BAD.map(([name, , message]) => [name, message] as const))('%s', (name, message) => {
    const lines = run.output.split('\n').filter((l) => l.startsWith('  DISAGREE') && l.includes(`(in-process: ${name}): `));
    expect(lines.some((l) => message.test(l))).toBe(true);
  });
});

test('exchanges the judge cannot judge fully are counted, each under its own reason', () => {
  const { output } = judge([
    exchange('unknown decision', { decision: 'unknown' }),
    exchange('not validated', { decision: 'not-run', status: 401, responseText: JSON.stringify({ error: { code: 401, message: 'x' } }) }),
    exchange('no answer', { status: null }),
    exchange('node parser', { status: 400, answeredBy: 'node-parser', id: null }),
    exchange('dropped', { status: null, dropped: true, fault: 'header' }),
    exchange('body not recorded', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', requestBody: null, requestBodyBytes: 5_000_000 }),
    exchange('response not recorded', { responseText: null, responseTextBytes: 5_000_000 }),
    exchange('a fuzz exchange', { source: 'fuzz' }),
  ]);
  expect(counters(output)).toMatchObject({
    'decision unknown': 1,
    'not validated by the emulator': 1,
    'no answer': 1,
    "answered by Node's HTTP parser": 1,
    'dropped by a fault': 1,
    'request body not recorded': 1,
    'response body not recorded': 1,
    disagreements: 0,
  });
  expect(output).toMatch(/in-process 7, fuzz 1/);
});

test('a body stored by reference is judged like an inline one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'judge-'));
  const body = JSON.stringify({ ...share, enabled: 'yes' });
  mkdirSync(join(dir, 'bodies'));
  writeFileSync(join(dir, 'bodies', 'abc.txt'), body);
  const record = exchange('by reference', { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, ...sent(body), requestBody: null, requestBodyRef: 'abc' });
  writeFileSync(join(dir, 'worker-1.jsonl'), JSON.stringify(record));
  const run = spawnSync(process.execPath, [JUDGE, dir], { encoding: 'utf8' });
  expect(run.stdout).toMatch(/DISAGREE .*by reference.*enabled/);
});

test('documented statuses no test produced are listed and fail the run (not with --no-coverage)', () => {
  const { status, output } = judge([exchange('desk get', {})]);
  expect(status).toBe(1);
  expect(output).toContain('NEVER PRODUCED desk getDashboardShareSettings 404');
  expect(output).not.toContain('NEVER PRODUCED desk getDashboardShareSettings 200');
  const relaxed = judge([exchange('desk get', {})], '--no-coverage');
  expect(relaxed.status).toBe(0);
  expect(relaxed.output).not.toContain('NEVER PRODUCED');
});

test('fuzz exchanges do not count as coverage', () => {
  const { output } = judge([exchange('a fuzz exchange', { source: 'fuzz' })]);
  expect(output).toContain('NEVER PRODUCED desk getDashboardShareSettings 200');
});

test('an accepted request that breaks the spec only as sent is listed as lenient when a documented reading [A] makes it pass, and is a disagreement when none does', () => {
  const put = { operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {} };
  const { output } = judge([
    // Sent "true"; DESK reads it as true (Jackson's coercion [A]): listed, not failed.
    exchange('lenient reading', { ...put, ...sent(JSON.stringify({ ...share, enabled: 'true' })) }),
    // "yes" is no boolean under any documented reading: the lenient path must not excuse it.
    exchange('reading still wrong', { ...put, ...sent(JSON.stringify({ ...share, enabled: 'yes' })) }),
  ]);
  expect(counters(output)).toMatchObject({ 'accepted only through a documented lenient reading': 1 });
  expect(output).toMatch(/ {2}LENIENT .*\(in-process: lenient reading\)/);
  expect(output).toMatch(/ {2}DISAGREE .*\(in-process: reading still wrong\): the emulator accepted a request the spec rejects/);
  expect(output).not.toMatch(/DISAGREE .*\(in-process: lenient reading\)/);
});

test('a rejection of a number past the double range is counted apart, not as a disagreement, and other rejections still are', () => {
  const error = { type: { code: 400, description: 'Bad Request' }, message: 'Invalid request: find.limit must be integer.' };
  const rejected = (name: string, limit: string) => {
    const record = luzmo(name, 'get', 'searchShare', 400, error);
    const body = JSON.stringify({ action: 'get', find: { limit: 0 }, ...luzmoCreds }).replace('"limit":0', `"limit":${limit}`);
    return { ...record, ...sent(body, json), decision: 'rejected' as const };
  };
  const { output } = judge([rejected('limit 1e400', '1e400'), rejected('limit 5', '5')], '--no-coverage');
  expect(counters(output)).toMatchObject({ 'rejected with a number past the double range': 1 });
  expect(output).toMatch(/DISAGREE .*\(in-process: limit 5\): the emulator rejected a request the spec accepts/);
  expect(output).not.toMatch(/DISAGREE .*\(in-process: limit 1e400\)/);
});
