// The independent judge (scripts/contract-judge.mjs) must itself catch drift: fed crafted exchanges, it
// reports a response that breaks the spec, an undocumented status, and a disagreement about a request.
// (Undeclared response properties are allowed by the specs as written, so prism cannot see them; our own
// closed-object check does, see test/core/contract-check.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuild } from '../support/process';

jest.setTimeout(30000);

const JUDGE = join(__dirname, '..', '..', 'scripts', 'contract-judge.mjs');
const id = '0b3a2c4e-1111-4222-8333-444455556666';
const share = { id, enabled: true, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } };

function exchange(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    test: 'crafted',
    vendor: 'desk',
    operationId: 'getDashboardShareSettings',
    method: 'GET',
    path: `/api/config/v1/dashboards/${id}/shareSettings`,
    query: '',
    requestContentType: null,
    requestBody: null,
    validation: { outcome: 'passed', body: undefined },
    status: 200,
    responseHeaders: { 'content-type': 'application/json;charset=utf-8' },
    responseText: JSON.stringify(share),
    fault: null,
    dropped: false,
    ...overrides,
  };
}

function judge(records: Record<string, unknown>[]): { status: number | null; output: string } {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'judge-'));
  writeFileSync(join(dir, 'worker-1.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const run = spawnSync(process.execPath, [JUDGE, dir], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('a conforming exchange raises no disagreement', () => {
  const { output } = judge([exchange({})]);
  expect(output).toContain('0 disagreements');
});

test.each([
  ['a wrong response type', exchange({ responseText: JSON.stringify({ ...share, enabled: 'yes' }) }), /response .*enabled/],
  ['an undocumented status', exchange({ status: 418 }), /status 418 is not documented/],
  [
    'a request the emulator accepted but the spec rejects',
    exchange({ operationId: 'updateDashboardShareSettings', method: 'PUT', status: 204, responseText: '', responseHeaders: {}, validation: { outcome: 'passed', body: { id, permissions: 'none' } } }),
    /accepted a request the spec rejects/,
  ],
  [
    'a request the emulator rejected but the spec accepts',
    exchange({ operationId: 'updateDashboardShareSettings', method: 'PUT', status: 400, responseText: '{"error":{"code":400,"message":"x"}}', validation: { outcome: 'rejected', body: share } }),
    /rejected a request the spec accepts/,
  ],
])('%s is reported and fails the run', (_name, record, message) => {
  const { status, output } = judge([record]);
  expect(status).toBe(1);
  expect(output).toMatch(/[1-9]\d* disagreements/);
  expect(output).toMatch(message);
});

test('documented statuses no test produced are listed and fail the run', () => {
  const { status, output } = judge([exchange({})]);
  expect(status).toBe(1);
  expect(output).toContain('NEVER PRODUCED desk getDashboardShareSettings 404');
  expect(output).not.toContain('NEVER PRODUCED desk getDashboardShareSettings 200');
});
