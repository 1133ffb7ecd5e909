// Logging as a container's stdout carries it: every line of a burst arrives (lines are written off the
// request's path, in batches, and flushed at SIGTERM), a line before a quiet spell shows without waiting for
// more, an exit without the graceful stop still writes what was logged, and LOG_FORMAT=json writes one JSON
// object a line in pino's shape.
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DASHBOARDS, TOKENS } from '../desk/desk-fixtures';
import { distPath, runCommand, runScript, startEmulatorProcess, waitForOutput } from '../support/process';

jest.setTimeout(60000);

/** Script lines: the command's own logger from the build, and a SIGKILL (a native crash: no exit hook runs) before the 100 ms batch is due. */
const requireLog = `const { createLogger } = require(${JSON.stringify(distPath('core', 'log.js'))});`;
const killIn60ms = `setTimeout(() => process.kill(process.pid, 'SIGKILL'), 60);`;

function get(url: string, path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${path}`, { agent, headers: { authorization: `Api-Token ${TOKENS.readOnly}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Sends `count` requests, `concurrency` at a time, each to a path of its own so lines can be told apart. */
async function burst(url: string, count: number, concurrency: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        expect(await get(url, `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings?n=${i}`, agent)).toBe(200);
      }
    }),
  );
  agent.destroy();
}

test('text: 3,000 requests in a burst, then SIGTERM: all 3,000 request lines are on stdout, then "stopped"', async () => {
  const proc = await startEmulatorProcess(['--port', '0']);
  await burst(proc.url, 3000, 20);
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toEqual({ code: 0, signal: null });
  const lines = proc.output().split('\n');
  const requests = lines.filter((l) => / INFO {2}GET \/api\/config\/v1\/dashboards\/\S+\/shareSettings 200 [\d.]+ms desk\.getDashboardShareSettings \S+$/.test(l));
  expect(requests).toHaveLength(3000);
  expect(lines.filter(Boolean).at(-1)).toMatch(/ INFO {2}stopped$/);
});

test('a line logged before a quiet spell shows within the batch delay, with the process still running', async () => {
  const proc = await startEmulatorProcess(['--port', '0']);
  try {
    const agent = new http.Agent({ keepAlive: true });
    const path = `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`;
    expect(await get(proc.url, path, agent)).toBe(200);
    agent.destroy();
    // The batch waits 100 ms; the rest is margin for a loaded machine.
    await waitForOutput(proc, new RegExp(` GET ${path} 200 `), 2000);
    expect(proc.child.exitCode).toBeNull();
  } finally {
    proc.child.kill('SIGTERM');
  }
  expect((await proc.exited).code).toBe(0);
});

test('json: 1,000 requests one after another, then SIGTERM: their 1,000 records in the order they were served, then "stopped"', async () => {
  const proc = await startEmulatorProcess(['--port', '0'], { LOG_FORMAT: 'json' });
  // One connection: each request is logged before the next one is read, so the records must follow their
  // request ids' sequence numbers (`<tag>-<base 36 number>`).
  await burst(proc.url, 1000, 1);
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toEqual({ code: 0, signal: null });
  const records = proc.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const served = records.filter((r) => r.msg === 'request').map((r) => Number.parseInt(String(r.reqId).split('-').at(-1) ?? '', 36));
  expect(served).toHaveLength(1000);
  expect(served).toEqual(Array.from({ length: 1000 }, (_, i) => (served[0] ?? 0) + i));
  expect(records.at(-1)).toMatchObject({ msg: 'stopped' });
});

test('an exit without the graceful stop (the port is taken) still writes the lines logged before it', async () => {
  const blocker = http.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as { port: number };
  try {
    // An empty fixture folder: each vendor logs that it falls back to its built-in fixture, then listen fails.
    const run = await runCommand(['--port', String(port), '--host', '127.0.0.1', '--fixtures', mkdtempSync(join(tmpdir(), 'share-emulator-fixtures-'))]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot start: .*EADDRINUSE/);
    expect(run.stdout.split('\n').filter((l) => / INFO {2}fixtures: .* not found, using the built-in \w+ fixture$/.test(l)).length).toBeGreaterThanOrEqual(3);
  } finally {
    blocker.close();
  }
});

test('json: one object a line with level, time, msg, request id, vendor, operation, status and duration', async () => {
  const proc = await startEmulatorProcess(['--port', '0'], { LOG_FORMAT: 'json' });
  const agent = new http.Agent({ keepAlive: true });
  expect(await get(proc.url, `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`, agent)).toBe(200);
  agent.destroy();
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
  const records = proc.output().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/^share-emulator .* listening on http:/) });
  const request = records.find((r) => r.msg === 'request');
  expect(request).toEqual({
    level: 30,
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    msg: 'request',
    reqId: expect.any(String),
    method: 'GET',
    path: `/api/config/v1/dashboards/${DASHBOARDS.operations}/shareSettings`,
    status: 200,
    durationMs: expect.any(Number),
    vendor: 'desk',
    operation: 'getDashboardShareSettings',
  });
  expect(records.at(-1)).toMatchObject({ level: 30, msg: 'stopped' });
});

test.each(['text', 'json'])('%s: a warning goes out at once with the lines batched before it, so a crash 60 ms later (before the 100 ms batch) keeps both', async (format) => {
  // The command's own logger, built from dist; SIGKILL stands for a native crash: no exit hook runs.
  const run = await runScript(`${requireLog}
const log = createLogger('info', undefined, ${JSON.stringify(format)});
log.info('batched before');
log.warn('the warning');
${killIn60ms}`);
  expect(run.signal).toBe('SIGKILL');
  expect(run.stdout).toMatch(/batched before[\s\S]*the warning/);
});

test('an info line alone waits for its batch: killed 60 ms after it, the line is lost (what the warning case rules out)', async () => {
  const run = await runScript(`${requireLog}
createLogger('info').info('batched');
${killIn60ms}`);
  expect(run.signal).toBe('SIGKILL');
  expect(run.stdout).toBe('');
});

test('sendNow hands an info line over at once (as the command does with its "listening on" line): killed 60 ms later, the line is there', async () => {
  const run = await runScript(`${requireLog}
const log = createLogger('info');
log.info('announced');
log.sendNow();
${killIn60ms}`);
  expect(run.signal).toBe('SIGKILL');
  expect(run.stdout).toMatch(/ INFO {2}announced\n$/);
});
