// The scaling benchmark's own redis-server: loopback, a free port, nothing written to disk (no RDB, no AOF), so
// it measures the store's protocol and not the disk; one database per store contender, flushed before it starts.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '../lib/processes';

export interface BenchRedis {
  /** The store URL of one database: each store contender has its own, so they can stay up side by side. */
  url(db: number): string;
  pid: number;
  version: string;
  /** Empties one database: its emulator starts from its fixtures, as the in-memory ones do. */
  flush(db: number): Promise<void>;
  /** Calls of each command so far (INFO commandstats), to count the Redis commands of a request. */
  commandCalls(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export function redisServerPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('bench:scaling needs redis-server on PATH (apt-get install redis-server)');
  return found;
}

export async function startRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'se-scaling-redis-'));
  const child: ChildProcess = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // The default offline queue holds commands until the server accepts the connection: ping waits for start-up.
  const client = new Redis(port, '127.0.0.1', { retryStrategy: (times) => (times > 100 ? null : 50) });
  client.on('error', () => undefined); // refused while redis-server starts; retried
  await client.ping();
  const version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
  return {
    url: (db) => `redis://127.0.0.1:${port}/${db}`,
    pid: child.pid as number,
    version,
    flush: async (db) => {
      await client.select(db);
      await client.flushdb();
    },
    commandCalls: async () => Object.fromEntries([...(await client.info('commandstats')).matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)].map((m) => [m[1] as string, Number(m[2])])),
    stop: async () => {
      client.disconnect();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
