// The scaling benchmark (`npm run bench:scaling`, issue #17): DESK PUT and GET shareSettings at 50 connections
// against the current build in memory, the build before the shared store (633e61c) in memory, the current build
// on Redis, and on Redis with 2 cluster workers; rounds interleaved, req/s, p99, ratio to memory, CPU per request.
// Writes bench/scaling-results.json and bench/scaling-results.md. SCALING_ROUNDS (4), SCALING_SECONDS (3 per
// operation), SCALING_WARMUP (1 s per operation) and SCALING_BEFORE (633e61c) override the defaults.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { load } from './lib/load';
import type { LoadDetail, Scenario } from './lib/load';
import { cpuSeconds, machineBusySeconds } from './lib/cpu';
import { SCENARIOS } from './lib/scenarios';
import { ROOT } from './lib/servers';
import { fmt } from './lib/stats';
import { buildCommit } from './scaling/before-build';
import type { Contender, Running } from './scaling/contenders';
import { contenders, startContender } from './scaling/contenders';
import type { BenchRedis } from './scaling/redis';
import { startRedis } from './scaling/redis';
import type { ScalingCell, ScalingResults } from './scaling/report';
import { scalingDocument, summarize } from './scaling/report';

const ROUNDS = Number(process.env.SCALING_ROUNDS ?? 4);
const SECONDS = Number(process.env.SCALING_SECONDS ?? 3);
const WARMUP_SECONDS = Number(process.env.SCALING_WARMUP ?? 1);
const BEFORE = process.env.SCALING_BEFORE ?? '633e61c';
const CONNECTIONS = 50;
// The same two requests, byte for byte, as bench/run.ts's shareSettings rows, for every contender.
const OPERATIONS = [SCENARIOS['desk PUT shareSettings'], SCENARIOS['desk GET shareSettings']] as Scenario[];

// trimEnd: porcelain lines start with a space that is part of their status column.
const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trimEnd();

/** The commit measured and the source files that differed from it (the build is of the working tree). */
function commitInfo(): ScalingResults['commit'] {
  const uncommitted = git('status', '--porcelain', '--', 'src', 'specs', 'fixtures', 'console')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(3));
  return { sha: git('rev-parse', 'HEAD'), short: git('rev-parse', '--short', 'HEAD'), uncommitted };
}

/** Calls of each command between two INFO commandstats readings, less the bench's own INFO. */
function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [command, calls] of Object.entries(after)) {
    const n = calls - (before[command] ?? 0) - (command === 'info' ? 1 : 0);
    if (n > 0) out[command] = n;
  }
  return out;
}

interface Contenders {
  running: Map<Contender, Running>;
  redis: BenchRedis;
}

/** CPU seconds of everything this bench runs (every contender, idle or not, redis-server, the bench itself). */
function ourCpu(all: Contenders): number {
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1e6 + cpuSeconds(all.redis.pid);
  for (const running of all.running.values()) total += running.cpu().reduce((a, b) => a + b, 0);
  return total;
}

/** One measured cell: the operation against one contender, with its CPU, redis-server's and the rest of the machine's. */
async function measure(round: number, c: Contender, op: Scenario, all: Contenders): Promise<ScalingCell> {
  const running = all.running.get(c) as Running;
  const { redis } = all;
  const store = c.db !== undefined;
  const cpu0 = running.cpu();
  const redisCpu0 = cpuSeconds(redis.pid);
  const commands0 = store ? await redis.commandCalls() : {};
  const busy0 = machineBusySeconds();
  const ours0 = ourCpu(all);
  let answers: LoadDetail = { statuses: {}, errors: 0, timeouts: 0 };
  const r = await load(running.port, op, CONNECTIONS, SECONDS, (d) => (answers = d));
  const others = machineBusySeconds() - busy0 - (ourCpu(all) - ours0);
  const cpu1 = running.cpu();
  const cell: ScalingCell = { round, contender: c.name, scenario: op.name, ...r, answers, cpuSeconds: cpu1.map((v, i) => v - (cpu0[i] as number)), otherCpuSeconds: Math.max(0, others) };
  if (store) {
    cell.redisCpuSeconds = cpuSeconds(redis.pid) - redisCpu0;
    cell.redisCommands = callsBetween(commands0, await redis.commandCalls());
  }
  const cpuUs = (cell.cpuSeconds.reduce((a, b) => a + b, 0) / r.total) * 1e6;
  const redisUs = cell.redisCpuSeconds === undefined ? '' : ` + redis ${fmt((cell.redisCpuSeconds / r.total) * 1e6)} µs`;
  const wrong = r.wrong > 0 ? `  ${r.wrong} WRONG ${JSON.stringify(answers)}` : '';
  console.log(`  round ${round + 1} ${op.name.padEnd(22)} ${c.name.padEnd(25)} ${fmt(r.reqPerSec).padStart(7)} req/s  p99 ${r.p99} ms  CPU ${fmt(cpuUs)} µs/req${redisUs}${wrong}`);
  return cell;
}

async function stopAll(all: Contenders): Promise<void> {
  for (const running of all.running.values()) await running.stop();
  all.running.clear();
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const commit = commitInfo();
  const before = buildCommit(BEFORE, (line) => console.log(line));
  const list = contenders(before.main);
  const redis = await startRedis();
  const all: Contenders = { running: new Map(), redis };
  console.log(
    `bench:scaling: ${list.map((c) => c.name).join(', ')}; ${ROUNDS} rounds × ${SECONDS} s per operation (warm-up ${WARMUP_SECONDS} s), c=${CONNECTIONS}; ` +
      `commit ${commit.short}${commit.uncommitted.length > 0 ? ' (with uncommitted changes)' : ''}, before-store build ${before.sha.slice(0, 7)}, redis-server ${redis.version}`,
  );
  const cells: ScalingCell[] = [];
  const warmupWrong: Record<string, number> = {};
  const measureStart = Date.now();
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // Every round starts each contender afresh (a process's JIT and heap layout sway its speed by more than the
      // differences measured here, so the medians are over several process lives), the store ones each on its own
      // Redis database, flushed first. All four stay up for the round so that each operation is measured on all
      // four back to back.
      for (const c of list) {
        if (c.db !== undefined) await redis.flush(c.db);
        all.running.set(c, await startContender(c, c.db === undefined ? undefined : redis.url(c.db)));
      }
      for (const c of list) {
        for (const op of OPERATIONS) {
          const w = await load((all.running.get(c) as Running).port, op, CONNECTIONS, WARMUP_SECONDS);
          warmupWrong[c.name] = (warmupWrong[c.name] ?? 0) + w.wrong;
        }
      }
      for (const op of OPERATIONS) {
        // Rotating the order spreads any drift of the machine over every contender.
        const order = list.map((_, i) => list[(i + r) % list.length] as Contender);
        for (const c of order) cells.push(await measure(r, c, op, all));
      }
      await stopAll(all);
    }
  } finally {
    await stopAll(all);
    await redis.stop();
  }
  const names = list.map((c) => c.name);
  const rows = summarize(cells, names, OPERATIONS.map((o) => o.name));
  const failed = names.flatMap((name) => {
    const wrong = cells.filter((c) => c.contender === name && c.wrong > 0).map((c) => `round ${c.round + 1} ${c.scenario}: ${c.wrong} (${JSON.stringify(c.answers)})`);
    const warm = warmupWrong[name] ?? 0;
    return wrong.length + warm > 0 ? [`${name}: ${[...wrong, ...(warm > 0 ? [`${warm} in warm-ups`] : [])].join(', ')}`] : [];
  });
  const results: ScalingResults = {
    date: new Date().toISOString(),
    commit,
    before: { sha: before.sha, buildSeconds: before.buildSeconds },
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, redis: redis.version },
    settings: { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS },
    requests: Object.fromEntries(OPERATIONS.map((o) => [o.name, `${o.method} ${o.path} → ${o.expect}`])),
    contenders: list.map((c) => ({ name: c.name, build: c.main.startsWith(ROOT) ? 'current' : before.sha, store: c.db !== undefined, workers: c.workers })),
    warmupWrong,
    cells,
    rows,
    failed,
    runSeconds: (Date.now() - measureStart) / 1000,
  };
  writeFileSync(join(ROOT, 'bench', 'scaling-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const document = scalingDocument(results);
  writeFileSync(join(ROOT, 'bench', 'scaling-results.md'), document);
  console.log(`\n${document}`);
  console.log(`bench:scaling: done in ${fmt((Date.now() - t0) / 1000)} s (rounds ${fmt(results.runSeconds)} s, old build ${fmt(before.buildSeconds)} s); results in bench/scaling-results.md and .json`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
