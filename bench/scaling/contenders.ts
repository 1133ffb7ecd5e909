// The scaling benchmark's contenders: the current build in memory, the build before the shared store in memory,
// the current build on the bench's Redis, and the same with two cluster workers. Each is started as users start
// it (only PORT set, plus --store/--workers), its output drained through a pipe (bench/lib/processes.ts).
import { join } from 'node:path';
import { childPids, cpuSeconds } from '../lib/cpu';
import type { ReadyCheck, Started } from '../lib/processes';
import { freePort, start, stop } from '../lib/processes';
import { READY_SCENARIO, ROOT } from '../lib/servers';

export interface Contender {
  name: string;
  /** The build's entry point (dist/main.js of this checkout or of the old commit). */
  main: string;
  /** The Redis database of a store contender (absent: in memory). */
  db?: number;
  workers: number;
}

export interface Running {
  port: number;
  /** The process the bench started, then the cluster's workers (none for one process). */
  pids: number[];
  /** Every process's CPU seconds so far, in the order of `pids`. */
  cpu(): number[];
  stop(): Promise<void>;
}

export function contenders(beforeMain: string): Contender[] {
  const current = join(ROOT, 'dist', 'main.js');
  return [
    { name: 'memory', main: current, workers: 1 },
    { name: 'memory (before the store)', main: beforeMain, workers: 1 },
    { name: 'redis', main: current, db: 0, workers: 1 },
    { name: 'redis, 2 workers', main: current, db: 1, workers: 2 },
  ];
}

const READY: ReadyCheck = { method: READY_SCENARIO.method, path: READY_SCENARIO.path, headers: READY_SCENARIO.headers, status: READY_SCENARIO.expect as number };
const LISTENING = 'listening on';

/**
 * Starts a contender and returns once it answers and, for a cluster, every worker is listening: readiness alone
 * means one worker, and connections opened before the other listens would all go to the first.
 */
export async function startContender(c: Contender, storeUrl: string | undefined): Promise<Running> {
  const port = await freePort();
  const args = [c.main, ...(storeUrl !== undefined ? ['--store', storeUrl] : []), ...(c.workers > 1 ? ['--workers', String(c.workers)] : [])];
  let tail = '';
  let listening = 0;
  const count = (chunk: Buffer): void => {
    // Lines may be split across chunks: keep the end of the last one.
    const text = tail + chunk.toString('utf8');
    listening += text.split(LISTENING).length - 1;
    tail = text.slice(-LISTENING.length + 1);
  };
  const started: Started = await start(process.execPath, args, { PORT: String(port) }, port, READY, count);
  const primary = started.child.pid as number;
  const deadline = Date.now() + 30_000;
  while (c.workers > 1 && (listening < c.workers || childPids(primary).length < c.workers)) {
    if (Date.now() > deadline) {
      await stop(started.child);
      throw new Error(`${c.name}: ${listening} of ${c.workers} workers said "${LISTENING}" within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pids = [primary, ...(c.workers > 1 ? childPids(primary) : [])];
  return {
    port,
    pids,
    cpu: () => {
      // A worker that died and was replaced would make the CPU figures (and the run) meaningless.
      if (c.workers > 1 && childPids(primary).join() !== pids.slice(1).join()) throw new Error(`${c.name}: the cluster's workers changed during the run`);
      return pids.map(cpuSeconds);
    },
    stop: () => stop(started.child),
  };
}
