// The benchmark (`npm run bench`): the built emulator against Prism's mock on the same DESK spec, a bare
// node:http ceiling, an Express hello world and (with Java) WireMock stubs, on loopback, one server at a
// time, alternating, for several rounds; start-up (to each server's first correct answer to the same DESK
// read); the cost of size (100 vs 100,000 records per vendor, measured alternately in the same run); the
// memory benchmark (bench/lib/memory.ts); instructions a request under valgrind (bench/lib/instructions.ts,
// when valgrind is installed). Ratios are taken within a round, so machine noise cancels out.
// Every server's stdout and stderr go to a pipe the bench drains. Records the commit and date measured.
// Writes bench/results.json and bench/results.md and prints the table.
// BENCH_ROUNDS (3), BENCH_SECONDS (5 per cell) and BENCH_STARTS (5) override the defaults; MEMORY_BODIES
// (1000 of each kind) and MEMORY_SECONDS (900, the memory benchmark's time budget) those of the memory run.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LoadResult, Scenario } from './lib/load';
import { load } from './lib/load';
import { measureMemory } from './lib/memory';
import { countInstructions, valgrindAvailable } from './lib/instructions';
import type { Started } from './lib/processes';
import { freePort, rssMiB, start, stop } from './lib/processes';
import { deskState, energycapState, luzmoState } from './lib/scale';
import { SCALE_PROBES, SCENARIOS } from './lib/scenarios';
import type { ServerDef } from './lib/servers';
import { READY_SCENARIO, readiness, ROOT, serverDefs } from './lib/servers';
import { fmt, median, range } from './lib/stats';
import { resultsDocument, SCALE_PROBE_NAMES, targets } from './lib/report';
import type { Results } from './lib/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const CONNECTIONS = [10, 50];
const SCALE = 100_000;
const SMALL = 100;
const MEMORY_BODIES = Number(process.env.MEMORY_BODIES ?? 1000);
const MEMORY_SECONDS = Number(process.env.MEMORY_SECONDS ?? 900);

function scenarioFor(server: ServerDef, scenario: Scenario): Scenario {
  return { ...scenario, path: server.pathFor(scenario.path), expect: server.checksStatus ? scenario.expect : undefined };
}

async function startServer(server: ServerDef): Promise<Started & { port: number }> {
  const port = await freePort();
  const started = await start(server.command, server.args(port), server.env(port), port, readiness(server));
  return { port, ...started };
}

/** The commit measured and whether the working tree differed from it. */
function gitCommit(): Results['commit'] {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { sha: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain') !== '' };
  } catch {
    return undefined;
  }
}

async function countInstructionsLogged(): ReturnType<typeof countInstructions> {
  console.log('instructions a request under valgrind (emulator and ceiling, same workload):');
  return countInstructions((line) => console.log(line));
}

async function measureStartups(servers: ServerDef[]): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (let i = 0; i < STARTS; i++) {
    for (const server of servers) {
      const { child, startupMs } = await startServer(server);
      (out[server.name] ??= []).push(startupMs);
      await stop(child);
    }
  }
  return out;
}

async function measureLoad(servers: ServerDef[]): Promise<{ cells: Results['load']; logBytes: Record<string, number>; droppedLogLines: number }> {
  const cells: Results['load'] = [];
  const logBytes: Record<string, number> = {};
  let droppedLogLines = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of servers) {
      const started = await startServer(server);
      const { port, child } = started;
      const detach = await server.attach?.(port);
      const idle = rssMiB(child.pid);
      const logged = started.outputBytes();
      const dropped = started.droppedLogLines();
      const scenarios = Object.values(SCENARIOS).filter((s) => server.serves(s));
      for (const s of scenarios) await load(port, scenarioFor(server, s), 10, 1); // warm-up, discarded
      for (const s of scenarios) {
        for (const connections of CONNECTIONS) {
          const r: LoadResult = await load(port, scenarioFor(server, s), connections, SECONDS);
          if (r.wrong > 0) throw new Error(`${server.name} ${s.name} c=${connections}: ${r.wrong} answers with the wrong status`);
          cells.push({ round, server: server.name, scenario: s.name, connections, ...r, rssMiB: rssMiB(child.pid), idleRssMiB: idle });
          process.stdout.write(`  round ${round + 1} ${server.name.padEnd(9)} ${s.name.padEnd(32)} c=${String(connections).padEnd(2)} ${fmt(r.reqPerSec).padStart(7)} req/s  p99 ${r.p99} ms\n`);
        }
      }
      detach?.();
      // After the stop: a warning about dropped lines can come with the last lines, written at SIGTERM.
      await stop(child);
      logBytes[server.name] = (logBytes[server.name] ?? 0) + started.outputBytes() - logged;
      droppedLogLines += started.droppedLogLines() - dropped;
    }
  }
  return { cells, logBytes, droppedLogLines };
}

async function control(port: number, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

function describe(s: Scenario): string {
  const action = s.body && s.path.startsWith('/0.1.0/') ? `, ${JSON.stringify(JSON.parse(s.body).find)}` : '';
  return `${s.method} ${decodeURIComponent(s.path)}${action}`;
}

/**
 * The cost of size: two emulators, one with each vendor's fixture plus 100 records, one with 100,000, both
 * alive; each round measures every probe on both, alternating which goes first, and keeps the ratio. The
 * large one holds 100,000 records of every vendor at once, as one emulator serving three big tenants would:
 * harsher than one vendor alone, since every major garbage collection marks all of them.
 */
async function measureScale(emulator: ServerDef): Promise<Results['scale']> {
  const small = await startServer(emulator);
  const large = await startServer(emulator);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleRssMiB = rssMiB(large.child.pid);
    const loadStates = async (port: number, count: number): Promise<void> => {
      await control(port, 'PUT', '/_emulator/state?vendor=desk', deskState(count));
      await control(port, 'PUT', '/_emulator/state?vendor=luzmo', luzmoState(count));
      await control(port, 'PUT', '/_emulator/state?vendor=energycap', energycapState(count));
    };
    await loadStates(small.port, SMALL);
    const started = Date.now();
    await loadStates(large.port, SCALE);
    const loadSeconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    const loadedRssMiB = rssMiB(large.child.pid);
    const probes: Scenario[] = [SCENARIOS['desk PUT shareSettings'] as Scenario, SCENARIOS['desk GET shareSettings'] as Scenario, ...Object.values(SCALE_PROBES)];
    if (probes.map((p) => p.name).join() !== SCALE_PROBE_NAMES.join()) throw new Error('scale probes and SCALE_PROBE_NAMES differ');
    for (const probe of probes) for (const { port } of [small, large]) await load(port, probe, 10, 1); // warm-up, discarded
    const runs: Record<string, { small: number[]; large: number[]; ratios: number[] }> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const probe of probes) {
        const order = round % 2 === 0 ? [small, large] : [large, small];
        const measured = new Map<unknown, number>();
        for (const server of order) {
          const r = await load(server.port, probe, 10, SECONDS);
          if (r.wrong > 0) throw new Error(`scale ${probe.name} (${server === small ? SMALL : SCALE} records): ${r.wrong} answers with the wrong status`);
          measured.set(server, r.reqPerSec);
        }
        const entry = (runs[probe.name] ??= { small: [], large: [], ratios: [] });
        entry.small.push(measured.get(small) as number);
        entry.large.push(measured.get(large) as number);
        entry.ratios.push((measured.get(large) as number) / (measured.get(small) as number));
        process.stdout.write(`  round ${round + 1} ${probe.name.padEnd(30)} ${fmt(measured.get(small) as number).padStart(7)} → ${fmt(measured.get(large) as number).padStart(7)} req/s (${fmt(entry.ratios[round] as number, 2)}×)\n`);
      }
    }
    const pick = (key: 'small' | 'large'): Record<string, number> => Object.fromEntries(probes.map((p) => [p.name, median(runs[p.name]?.[key] ?? [])]));
    return {
      idleRssMiB,
      loadedRssMiB,
      records: SCALE,
      loadSeconds,
      small: pick('small'),
      large: pick('large'),
      ratios: Object.fromEntries(probes.map((p) => [p.name, runs[p.name]?.ratios ?? []])),
      requests: Object.fromEntries(probes.map((p) => [p.name, describe(p)])),
      contents: ['DESK dashboards', 'Luzmo shares', 'EnergyCAP dashboards'],
    };
  } finally {
    await stop(small.child);
    await stop(large.child);
  }
}

async function main(): Promise<void> {
  const commit = gitCommit();
  const servers = serverDefs();
  const emulator = servers.find((s) => s.name === 'emulator') as ServerDef;
  console.log(`bench: ${servers.map((s) => s.name).join(', ')}; ${ROUNDS} rounds, ${SECONDS} s per cell, connections ${CONNECTIONS.join(' and ')}; commit ${commit ? `${commit.sha.slice(0, 12)}${commit.dirty ? ' (with uncommitted changes)' : ''}` : 'unknown'}`);
  console.log('start-up (process start to the first correct answer to DESK GET shareSettings):');
  const startups = await measureStartups(servers);
  for (const [name, ms] of Object.entries(startups)) console.log(`  ${name.padEnd(9)} median ${fmt(median(ms))} ms (${ms.map((m) => fmt(m)).join(', ')})`);
  console.log('load:');
  const { cells, logBytes, droppedLogLines } = await measureLoad(servers);
  console.log(`  stdout + stderr drained: ${Object.entries(logBytes).map(([name, bytes]) => `${name} ${fmt(bytes / 2 ** 20, 1)} MiB`).join(', ')}; log lines the emulator dropped: ${fmt(droppedLogLines)}`);
  console.log(`size (${SMALL} vs ${SCALE.toLocaleString('en-US')} records, c=10):`);
  const scale = await measureScale(emulator);
  console.log(`memory (${MEMORY_BODIES} valid and ${MEMORY_BODIES} invalid bodies of just under 1 MiB, budget ${MEMORY_SECONDS} s):`);
  const memory = await measureMemory(emulator, MEMORY_BODIES, MEMORY_SECONDS, (line) => console.log(line));
  const instructions = valgrindAvailable() ? await countInstructionsLogged() : undefined;
  const results: Results = {
    date: new Date().toISOString(),
    commit,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { rounds: ROUNDS, seconds: SECONDS, starts: STARTS, connections: CONNECTIONS },
    startups,
    startupReadiness: `the first ${READY_SCENARIO.expect} to ${READY_SCENARIO.method} ${READY_SCENARIO.path} (DESK GET shareSettings; Prism on its bare path), for every server`,
    load: cells,
    scale,
    memory,
    instructions,
    logBytes,
    droppedLogLines,
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const document = resultsDocument(results);
  writeFileSync(join(ROOT, 'bench', 'results.md'), document);
  console.log(`\n${document}`);
  const failed = targets(results).filter((t) => !t.ok);
  if (failed.length > 0) process.exitCode = 1;
  const [lo, hi] = range(cells.map((c) => c.reqPerSec));
  console.log(`\nbench: done; throughput cells ranged ${fmt(lo)}..${fmt(hi)} req/s; ${failed.length} of ${targets(results).length} targets missed; results in bench/results.json and bench/results.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
