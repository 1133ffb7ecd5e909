// The log when stdout's reader cannot keep up or goes away: the bytes waiting stay bounded (lines past the
// bound are dropped and a warning counts them, so every line logged is either written or counted), and a
// reader that closes its end (EPIPE) does not end the process.
import { spawn } from 'node:child_process';
import { LOG_WAITING_BYTES } from '../../src/core/log';
import { distPath, requireBuild, runScript } from '../support/process';

jest.setTimeout(60000);

const LINES = 200_000;
/** About 200 bytes a line: 40 MB logged in all, forty times the 1 MiB that may wait. */
const PADDING = 'x'.repeat(160);

/**
 * Logs LINES numbered lines a thousand per turn of the event loop, reports the heap it then holds (after a full
 * GC) against its heap before, waits for `go` on stdin, then closes the logger and exits.
 */
const script = (format: string): string => `
const { createLogger } = require(${JSON.stringify(distPath('core', 'log.js'))});
const log = createLogger('info', undefined, ${JSON.stringify(format)});
gc();
const before = process.memoryUsage();
let i = 0;
const next = () => {
  for (let end = i + 1000; i < end && i < ${LINES}; i++) log.info('line ' + i + ' ${PADDING}');
  if (i < ${LINES}) return setImmediate(next);
  gc();
  const after = process.memoryUsage();
  process.stderr.write('held ' + (after.heapUsed + after.external - before.heapUsed - before.external) + '\\n');
  process.stdin.once('data', () => log.close().then(() => process.exit(0)));
};
next();`;

interface Run {
  heldBytes: number;
  stdout: string;
  code: number | null;
}

/** Runs the script with stdout not read until it has logged every line, then reads it all. */
function runWithStalledReader(format: string): Promise<Run> {
  requireBuild();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-e', script(format)], { stdio: ['pipe', 'pipe', 'pipe'] });
    // No 'data' listener yet: the stream reads up to its high-water mark and the pipe behind it fills.
    child.stdout.pause();
    let stderr = '';
    let stdout = '';
    let heldBytes = Number.NaN;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      const m = /held (-?\d+)/.exec(stderr);
      if (m && Number.isNaN(heldBytes)) {
        heldBytes = Number(m[1]);
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stdout.resume();
        child.stdin.end('go\n');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (Number.isNaN(heldBytes) ? reject(new Error(`no report; stderr:\n${stderr}`)) : resolve({ heldBytes, stdout, code })));
  });
}

/** The numbers of the lines that arrived, and the lines the warnings say were dropped. */
function account(stdout: string, format: string): { numbers: number[]; dropped: number } {
  const messages = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => (format === 'json' ? String((JSON.parse(l) as { msg: string }).msg) : l));
  const numbers = messages.flatMap((m) => /line (\d+) x+$/.exec(m)?.[1] ?? []).map(Number);
  const dropped = messages.flatMap((m) => /log: (\d+) lines dropped: stdout was not read as fast as they were written/.exec(m)?.[1] ?? []).map(Number);
  return { numbers, dropped: dropped.reduce((a, b) => a + b, 0) };
}

test.each(['text', 'json'])('%s: a reader that stops reading holds at most the 1 MiB bound, and every line is written or counted as dropped', async (format) => {
  const run = await runWithStalledReader(format);
  expect(run.code).toBe(0);
  // Unbounded, the 40 MB logged would all be held; the bound, plus margin for the heap's own noise.
  expect(run.heldBytes).toBeLessThan(LOG_WAITING_BYTES + 8 * 2 ** 20);
  const { numbers, dropped } = account(run.stdout, format);
  expect(dropped).toBeGreaterThan(0);
  expect(numbers.length + dropped).toBe(LINES);
  // What arrived is in the order it was logged, none twice.
  expect(numbers.every((n, k) => k === 0 || n > (numbers[k - 1] as number))).toBe(true);
});

test('a reader that never reads does not keep the process from exiting: close() and the exit hook give up after a second each', async () => {
  requireBuild();
  const child = spawn(process.execPath, ['--expose-gc', '-e', script('text')], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.pause();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  const logged = new Promise<void>((resolve) =>
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('held')) resolve();
    }),
  );
  await logged;
  const t0 = Date.now();
  child.stdin.end('go\n');
  expect(await exited).toBe(0);
  // One second for close(), one for the exit hook, and margin for a loaded machine.
  expect(Date.now() - t0).toBeLessThan(5000);
  child.stdout.destroy();
});

test('a reader that closes its end of stdout does not end the process: it goes on and exits normally', async () => {
  requireBuild();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const { createLogger } = require(${JSON.stringify(distPath('core', 'log.js'))});
const log = createLogger('info');
let i = 0;
const timer = setInterval(() => {
  for (let k = 0; k < 100; k++) log.info('line ' + i++ + ' ${PADDING}');
  log.warn('a warning goes out at once');
  if (i >= 5000) { clearInterval(timer); log.close().then(() => { process.stderr.write('closed\\n'); }); }
}, 5);`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('closed\n');
  expect(code).toBe(0);
});

test('two processes on one real pipe, exiting while its reader is still behind: each writes what is left batch by batch, and no line is torn', async () => {
  requireBuild();
  const writer = (tag: string): string =>
    `"${process.execPath}" -e ${JSON.stringify(
      `const log = require(${JSON.stringify(distPath('core', 'log.js'))}).createLogger('info'); let i = 0; ` +
        `const next = () => { for (let end = i + 500; i < end; i++) log.info('${tag} ' + i + ' ' + '${tag}'.repeat(150)); ` +
        `if (i < 6000) setImmediate(next); else process.exit(0); }; next();`,
    )}`;
  // A shell pipe, as a container's stdout is (Node's own spawn would hand the children a socket pair); the reader
  // starts late, so both exit with batches still waiting.
  const child = spawn('sh', ['-c', `(${writer('A')} & ${writer('B')} & wait) | (sleep 0.5; cat)`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
  const lines = stdout.split('\n').filter(Boolean);
  const torn = lines.filter((l) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO {2}([AB]) \d+ \2{150}|WARN {2}log: \d+ lines dropped: .*)$/.test(l));
  expect(torn).toEqual([]);
  expect(lines.length).toBeGreaterThan(1000);
});

test('the count of dropped lines goes out once the reader has caught up, without waiting for another line', async () => {
  requireBuild();
  // Two bursts into a shell pipe whose reader starts a second late, the second while the queue is still full
  // (so its last batch is dropped too), then silence; killed (no exit hook) at 2.5 s.
  const script =
    `const log = require(${JSON.stringify(distPath('core', 'log.js'))}).createLogger('info'); ` +
    `const burst = (from, to) => { for (let i = from; i < to; i++) log.info('line ' + i + ' ${PADDING}'); }; ` +
    `burst(0, 20000); setTimeout(() => burst(20000, 22000), 150); ` +
    `setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2500);`;
  const child = spawn('sh', ['-c', `"${process.execPath}" -e ${JSON.stringify(script)} | (sleep 1; cat)`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  const { numbers, dropped } = account(stdout, 'text');
  expect(dropped).toBeGreaterThan(0);
  expect(numbers.length + dropped).toBe(22000);
});

test('a single line longer than the bound is written when nothing waits before it (the bound is for what waits)', async () => {
  const run = await runScript(`const log = require(${JSON.stringify(distPath('core', 'log.js'))}).createLogger('info');
log.info('long ' + 'y'.repeat(1500000));
log.close().then(() => process.exit(0));`);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/ INFO {2}long y{1500000}\n$/);
});
