// The in-process API: startEmulator() and its handles, and the README's Jest globalSetup example run
// exactly as shipped in examples/jest (a real Jest run against one emulator). Its exchanges are recorded
// for the judge through the onExchange/onControlExchange options.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../src';
import type { RunningEmulator } from '../../src';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { exchangeRecorder } from '../support/contract';
import { requireBuild } from '../support/process';

jest.setTimeout(60000);

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'jest');

describe('startEmulator()', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 7, onExchange: exchangeRecorder('api'), onControlExchange: exchangeRecorder('api') });
  });
  afterAll(() => emulator.close());

  const sharePath = `${base()}/dashboards/${DESK.backlog}/shareSettings`;
  const put = (zones: string[], headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${sharePath}`, {
      method: 'PUT',
      headers: { ...auth(TOKENS.readWrite), 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ id: DESK.backlog, enabled: true, permissions: [], publicAccess: { managementZoneIds: zones } }),
    });

  test('listens on a free port at 127.0.0.1', async () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  });

  test('state(), setState() and reset()', async () => {
    expect((await put(['in-process'])).status).toBe(204);
    const desk = emulator.state({ vendor: 'desk' }) as { environments: { dashboards: { shareSettings: { managementZoneIds: string[] } }[] }[] };
    expect(JSON.stringify(desk)).toContain('in-process');
    emulator.reset();
    expect(JSON.stringify(emulator.state({ vendor: 'desk' }))).not.toContain('in-process');
    emulator.setState(desk, { vendor: 'desk' });
    expect(JSON.stringify(emulator.state())).toContain('in-process');
    expect(() => emulator.setState({ environments: [] }, { vendor: 'desk' })).toThrow(/Invalid desk state document/);
  });

  test('requests() with filters, clearRequests(), and namespaces', async () => {
    emulator.reset();
    await put(['a']);
    await put(['b'], { 'x-emulator-namespace': 'other' });
    expect(emulator.requests().map((r) => r.operationId)).toEqual(['updateDashboardShareSettings']);
    expect(emulator.requests({ namespace: 'other', status: 204 })).toHaveLength(1);
    expect(emulator.requests({ vendor: 'luzmo' })).toEqual([]);
    const id = emulator.requests()[0]?.id as string;
    expect(emulator.request(id)).toMatchObject({ id, operationId: 'updateDashboardShareSettings' });
    // Typed: the explanation's fields are known to TypeScript, not `unknown`.
    expect(emulator.request(id)?.explanation?.summary).toMatch(/^204: updateDashboardShareSettings for token /);
    expect(emulator.request(id)?.explanation?.state?.changes[0]?.change).toBe('replaced');
    expect(emulator.request(id, { namespace: 'other' })).toBeUndefined();
    emulator.clearRequests();
    expect(emulator.request(id)).toBeUndefined();
    expect(emulator.requests()).toEqual([]);
  });

  test('faults.add() and faults.clear()', async () => {
    const rule = emulator.faults.add({ match: { vendor: 'desk' }, action: { status: 503 } });
    expect(rule).toMatchObject({ id: expect.any(String), fired: 0 });
    expect((await put(['x'])).status).toBe(503);
    emulator.faults.clear();
    expect((await put(['x'])).status).toBe(204);
    expect(() => emulator.faults.add({ action: {} })).toThrow('Invalid fault rule');
  });
});

test('the README Jest example (examples/jest) runs green against one emulator', () => {
  requireBuild();
  const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = spawnSync(process.execPath, [jest, '--rootDir', EXAMPLE, '--config', join(EXAMPLE, 'jest.config.js')], {
    cwd: EXAMPLE,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(run.status).toBe(0);
});

test('the README quotes the example files exactly', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const file of ['jest.config.js', 'global-setup.js', 'global-teardown.js', 'sharing.test.js']) {
    expect(readme).toContain(readFileSync(join(EXAMPLE, file), 'utf8').trimEnd());
  }
});
