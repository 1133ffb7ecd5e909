// The share-emulator command as users run it: start on the built-in fixtures, configuration by flags
// and environment variables, --help, bad options and bad fixtures refused, one log line per request,
// and a graceful SIGTERM that lets a request in flight finish before exiting 0. The vendor exchanges of
// each run are read back from the child's journal and recorded for the judge (recordJournal).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPTIONS } from '../../src/cli/options';
import { DASHBOARDS, TOKENS } from '../desk/desk-fixtures';
import { recordJournal } from '../support/journal-records';
import { freePort, runCommand, spawnEmulator, startEmulatorProcess, waitForHealth, waitForOutput } from '../support/process';

jest.setTimeout(30000);

test('starts on the built-in fixtures: health, a DESK call, one log line per request, SIGTERM exits 0', async () => {
  const proc = await startEmulatorProcess(['--port', '0']);
  try {
    const health = await fetch(`${proc.url}/_emulator/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', vendors: expect.arrayContaining(['desk']) });
    const res = await fetch(`${proc.url}/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`, {
      headers: { authorization: `Api-Token ${TOKENS.readOnly}` },
    });
    expect(res.status).toBe(200);
    // Lines are written in batches, at the latest 100 ms after the first (test/cli/logging.test.ts).
    await waitForOutput(proc, new RegExp(`INFO  GET /api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings 200 [\\d.]+ms desk\\.getDashboardShareSettings \\S+`));
    expect(await recordJournal(proc.url)).toBe(1);
  } finally {
    proc.child.kill('SIGTERM');
  }
  expect(await proc.exited).toEqual({ code: 0, signal: null });
});

test('PORT, HOST and LOG_LEVEL from the environment; a flag wins over its variable', async () => {
  const fromEnv = await startEmulatorProcess([], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' });
  fromEnv.child.kill('SIGTERM');
  expect((await fromEnv.exited).code).toBe(0);
  expect(fromEnv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // PORT=1 would fail to bind and LOG_LEVEL=error would hide the listening line: both flags must win.
  const flagWins = await startEmulatorProcess(['--log-level', 'info', '--port', '0'], { PORT: '1', LOG_LEVEL: 'error' });
  flagWins.child.kill('SIGTERM');
  expect((await flagWins.exited).code).toBe(0);
});

test('LOG_LEVEL=warn keeps request lines out of the output', async () => {
  const port = await freePort();
  const proc = spawnEmulator([], { PORT: String(port), LOG_LEVEL: 'warn' });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url);
    const res = await fetch(`${url}/api/config/v1/dashboards`, { headers: { authorization: `Api-Token ${TOKENS.readOnly}` } });
    expect(res.status).toBe(200);
    // Longer than a batch waits, so a request line would be out by now.
    await new Promise((r) => setTimeout(r, 300));
    expect(proc.output()).not.toContain('GET /api/config/v1/dashboards');
    expect(proc.output()).not.toContain('INFO');
    expect(await recordJournal(url)).toBe(1);
  } finally {
    proc.child.kill('SIGTERM');
  }
  expect(await proc.exited).toBe(0);
});

test('--help lists every option with its environment variable', async () => {
  const { code, stdout } = await runCommand(['--help']);
  expect(code).toBe(0);
  for (const option of OPTIONS) {
    expect(stdout).toContain(option.flag);
    if (option.env) expect(stdout).toContain(`[env ${option.env}]`);
  }
});

test.each([
  [['--bogus'], /unknown option --bogus/],
  [['--port', 'abc'], /port must be an integer/],
  [['--log-level', 'loud'], /log level must be one of/],
  [['--port'], /--port needs a value/],
])('bad arguments %j exit 2 with a message', async (args, message) => {
  const { code, stderr } = await runCommand(args);
  expect(code).toBe(2);
  expect(stderr).toMatch(message);
});

test('a fixture folder with a broken state document is refused at start, naming the problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'share-emulator-fixtures-'));
  mkdirSync(join(dir, 'desk'));
  writeFileSync(join(dir, 'desk', 'state.json'), JSON.stringify({ environments: [{ id: 'e1', tokens: [{ token: 't' }] }] }));
  const { code, stderr } = await runCommand(['--port', '0', '--fixtures', dir]);
  expect(code).toBe(1);
  expect(stderr).toContain('Invalid desk state document');
  expect(stderr).toContain('environments[0].tokens[0].scopes');
});

test('a fixture file that is not JSON is refused with its path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'share-emulator-fixtures-'));
  mkdirSync(join(dir, 'desk'));
  writeFileSync(join(dir, 'desk', 'state.json'), '{ nope');
  const { code, stderr } = await runCommand(['--port', '0'], { FIXTURES_DIR: dir });
  expect(code).toBe(1);
  expect(stderr).toContain(join(dir, 'desk', 'state.json'));
});

test('a custom fixture folder replaces the built-in data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'share-emulator-fixtures-'));
  mkdirSync(join(dir, 'desk'));
  writeFileSync(join(dir, 'desk', 'state.json'), JSON.stringify({ environments: [{ id: 'only', tokens: [{ token: 'tok', scopes: ['ReadConfig'] }] }] }));
  const proc = await startEmulatorProcess(['--port', '0', '--fixtures', dir]);
  try {
    const res = await fetch(`${proc.url}/api/config/v1/dashboards`, { headers: { authorization: 'Api-Token tok' } });
    expect(await res.json()).toEqual({ dashboards: [] });
    expect(await recordJournal(proc.url)).toBe(1);
  } finally {
    proc.child.kill('SIGTERM');
  }
  expect((await proc.exited).code).toBe(0);
});

test('SIGTERM while a request is in flight: it completes normally, then the process exits 0', async () => {
  const proc = await startEmulatorProcess(['--port', '0']);
  const { port } = new URL(proc.url);
  const body = JSON.stringify({ id: DASHBOARDS.backlog, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: [] } });
  const response = new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/config/v1/dashboards/${DASHBOARDS.backlog}/shareSettings`,
        headers: { authorization: `Api-Token ${TOKENS.readWrite}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    // Half the body now, SIGTERM, then the rest: the request is in flight when the signal arrives.
    req.write(body.slice(0, 20));
    setTimeout(() => {
      proc.child.kill('SIGTERM');
      setTimeout(() => req.end(body.slice(20)), 200);
    }, 200);
  });
  expect(await response).toBe(204);
  expect(await proc.exited).toEqual({ code: 0, signal: null });
  // New connections are refused once it has stopped.
  await expect(fetch(`${proc.url}/_emulator/health`)).rejects.toThrow();
});
