// Child processes for the tests: the built share-emulator command (waiting for its "listening on" line or its
// health) and `node -e` scripts that require modules of the build.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A module of the build, for scripts that require it (`runScript`). */
export const distPath = (...path: string[]): string => join(__dirname, '..', '..', 'dist', ...path);
export const MAIN = distPath('main.js');

export interface EmulatorProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function requireBuild(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" (npm test does it first)`);
}

export function runCommand(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  requireBuild();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `script` with `node -e` (after checking the build it may require); resolves with its output and how it ended. */
export function runScript(script: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  requireBuild();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function startEmulatorProcess(args: string[] = ['--port', '0'], env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  requireBuild();
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening on" line within 10 s:\n${out}`));
    }, 10000);
    const onData = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ child, url: m[1] as string, output: () => out, exited });
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${out}`));
    });
  });
}

/** A port that was free a moment ago (for runs where the listening line is not logged); the benchmark's own. */
export { freePort } from '../../bench/lib/processes';

/** Waits until the child's output matches `pattern`; fails showing the output after `timeoutMs`. */
export async function waitForOutput(proc: { output(): string }, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(proc.output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls GET /_emulator/health until it answers 200. */
export async function waitForHealth(url: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/_emulator/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

/** Starts the command without waiting for a log line; the caller waits for health. */
export function spawnEmulator(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcessWithoutNullStreams; output(): string; exited: Promise<number | null> } {
  requireBuild();
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}
