// --workers N: the primary process forks N emulator processes that share the port (node:cluster hands the
// listening socket to them) and the state (through the shared store). It serves nothing itself: it restarts
// a worker that died, passes SIGTERM and SIGINT on, and exits once every worker has stopped.
import cluster from 'node:cluster';

export function runPrimary(workers: number): void {
  let stopping = false;
  let failed = false;
  const fork = (): void => void cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    process.stderr.write(`share-emulator: worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
    fork();
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const worker of alive) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < workers; i++) fork();
}
