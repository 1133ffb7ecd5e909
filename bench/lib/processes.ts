// Starting and stopping the servers a benchmark compares, each as its own process on loopback, and
// reading their memory from /proc.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export interface Started {
  child: ChildProcess;
  /** Process start to the first 2xx on the ready path, in milliseconds. */
  startupMs: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function probe(port: number, path: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Spawns the command and polls `readyPath` every 10 ms until it answers 2xx. */
export async function start(command: string, args: string[], env: Record<string, string>, port: number, readyPath: string, readyHeaders: Record<string, string> = {}): Promise<Started> {
  const t0 = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: 'ignore', env: { ...process.env, ...env } });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60000;
  while (!exited && Date.now() < deadline) {
    if (await probe(port, readyPath, readyHeaders)) return { child, startupMs: Number(process.hrtime.bigint() - t0) / 1e6 };
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`${command} ${args.join(' ')} did not become ready on port ${port}`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await done;
  clearTimeout(timer);
}

/** Resident set size in MiB, or NaN when the process is gone. */
export function rssMiB(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
