// Starting and stopping the servers a benchmark compares, each as its own process on loopback, and
// reading their memory from /proc. Every server's stdout and stderr go to pipes that this process
// drains and discards, as `docker logs` reads a container's output: a server pays for what it logs.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/** The request that decides readiness, and the status that counts as its correct answer. */
export interface ReadyCheck {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
}

export interface Started {
  child: ChildProcess;
  /** Process start to the first correct answer to the ready request, in milliseconds. */
  startupMs: number;
  /** Bytes the server has written to stdout and stderr so far (drained and discarded). */
  outputBytes(): number;
  /** Log lines the emulator's warnings say it dropped so far because this reader fell behind (0 for the others). */
  droppedLogLines(): number;
}

/** The emulator's warning about the log lines it dropped (src/core/log.ts); a chunk may end in its middle. */
const DROPPED = /log: (\d+) lines dropped: stdout was not read/g;

/** Sums the counts of the drop warnings in a stream read chunk by chunk. */
function dropCounter(): { see(chunk: Buffer): void; total(): number } {
  let tail = '';
  let total = 0;
  return {
    see(chunk) {
      const text = tail + chunk.toString('latin1');
      // A warning that ended inside the kept tail was counted with the chunk before.
      for (const m of text.matchAll(DROPPED)) if (m.index + m[0].length > tail.length) total += Number(m[1]);
      tail = text.slice(-120);
    },
    total: () => total,
  };
}

// Ports are drawn below the kernel's ephemeral range (read from /proc; Linux's default is 32768-60999). A port
// that listen(0) handed out could be handed out again, between this check and the child's bind, to any server
// that binds port 0 (the in-process test servers do, all the time); the child would then fail to bind while the
// other server answered its health checks (CI saw a SIGTERM kill a child that had not started yet).
function portRange(): { low: number; high: number } {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number.parseInt(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'), 10) || ephemeralLow;
  } catch {
    // not Linux: keep the default
  }
  // Up to 12,000 ports under it, from 1024 (no privilege needed); an ephemeral range that starts below 5024
  // leaves too few, and the draw then overlaps its bottom.
  const high = Math.max(ephemeralLow, 5024);
  return { low: Math.max(1024, high - 12000), high };
}

/**
 * A Jest worker draws from a slice of its own (one of eight, by JEST_WORKER_ID), so two test files running at
 * once cannot both find the same port free before either child binds it.
 */
function slice(range: { low: number; high: number }): { low: number; high: number } {
  const worker = Number.parseInt(process.env.JEST_WORKER_ID ?? '', 10);
  if (!(worker > 0)) return range;
  const size = Math.floor((range.high - range.low) / 8);
  const low = range.low + ((worker - 1) % 8) * size;
  return { low, high: low + size };
}

let ports: { low: number; high: number } | undefined;

/** A port that was free a moment ago and that no listen(0) will be given. */
export async function freePort(): Promise<number> {
  ports ??= slice(portRange());
  const { low, high } = ports;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${low} and ${high} after 100 tries`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** One attempt: the answer's status, or 0 when there is none (not listening yet, reset, timeout). */
export function ask(port: number, check: Omit<ReadyCheck, 'status'>, timeoutMs = 1000, agent: http.Agent | false = false): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: check.method, path: check.path, headers: check.headers, agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.end(check.body);
  });
}

/**
 * Spawns the command and sends the ready request every 10 ms until it gets the expected status. `onOutput`, when
 * given, also sees every chunk of stdout and stderr (e.g. to wait for each cluster worker's "listening" line).
 */
export async function start(command: string, args: string[], env: Record<string, string>, port: number, ready: ReadyCheck, onOutput?: (chunk: Buffer) => void): Promise<Started> {
  const t0 = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = 0;
  // One counter a stream: a warning split between two chunks of stdout must not have stderr's chunk between them.
  const dropped = { stdout: dropCounter(), stderr: dropCounter() };
  const drain =
    (counter: ReturnType<typeof dropCounter>) =>
    (chunk: Buffer): void => {
      output += chunk.length;
      counter.see(chunk);
      onOutput?.(chunk);
    };
  child.stdout?.on('data', drain(dropped.stdout));
  child.stderr?.on('data', drain(dropped.stderr));
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60000;
  while (!exited && Date.now() < deadline) {
    if ((await ask(port, ready)) === ready.status) {
      return { child, startupMs: Number(process.hrtime.bigint() - t0) / 1e6, outputBytes: () => output, droppedLogLines: () => dropped.stdout.total() + dropped.stderr.total() };
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`${command} ${args.join(' ')} did not answer ${ready.method} ${ready.path} with ${ready.status} on port ${port}${exited ? ' (it exited)' : ''}`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Then what it wrote last is read ('close'), unless a process it started still holds its stdout.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
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
