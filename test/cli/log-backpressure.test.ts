// The log when stdout's reader cannot keep up or goes away: the bytes waiting stay bounded (lines past the
// bound are dropped and a warning counts them, so every line logged is either written or counted), and a
// reader that closes its end (EPIPE) does not end the process.
import { spawn } from 'node:child_process';
import { LOG_WAITING_BYTES } from '../../src/core/log';
import { distPath, requireBuild } from '../support/process';

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
