// The benchmark (`npm run bench`): the built emulator against Prism's mock on the same DESK spec, a bare
// node:http ceiling, an Express hello world and (with Java) WireMock stubs, on loopback, one server at a
// time, alternating, for several rounds; start-up; memory and the cost of size. Ratios are taken within a
// round, so machine noise cancels out. Writes bench/results.json and bench/results.md and prints the table.
// BENCH_ROUNDS (3), BENCH_SECONDS (5 per cell) and BENCH_STARTS (5) override the defaults.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LoadResult, Scenario } from './lib/load';
import { load } from './lib/load';
import type { Started } from './lib/processes';
import { freePort, rssMiB, start, stop } from './lib/processes';
import { deskState, luzmoState } from './lib/scale';
import { SCENARIOS } from './lib/scenarios';
import type { ServerDef } from './lib/servers';
import { readiness, ROOT, serverDefs } from './lib/servers';
import { fmt, median, range } from './lib/stats';
import { resultsDocument, targets } from './lib/report';
import type { Results } from './lib/report';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const CONNECTIONS = [10, 50];
const SCALE = 100_000;

function scenarioFor(server: ServerDef, scenario: Scenario): Scenario {
  return { ...scenario, path: server.pathFor(scenario.path), expect: server.checksStatus ? scenario.expect : undefined };
}

async function startServer(server: ServerDef): Promise<Started & { port: number }> {
  const port = await freePort();
  const started = await start(server.command, server.args(port), server.env(port), port, readiness(server));
  return { port, ...started };
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

async function measureLoad(servers: ServerDef[]): Promise<Results['load']> {
  const cells: Results['load'] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const server of servers) {
      const { port, child } = await startServer(server);
      const idle = rssMiB(child.pid);
      const scenarios = Object.values(SCENARIOS).filter((s) => server.serves(s));
      for (const s of scenarios) await load(port, scenarioFor(server, s), 10, 1); // warm-up, discarded
      for (const s of scenarios) {
        for (const connections of CONNECTIONS) {
          const r: LoadResult = await load(port, scenarioFor(server, s), connections, SECONDS);
          if (r.wrong > 0) throw new Error(`${server.name} ${s.name} c=${connections}: ${r.wrong} answers with the wrong status`);
          cells.push({ round, server: server.name, scenario: s.name, connections, ...r, rssMiB: rssMiB(child.pid), idleRssMiB: idle });
          process.stdout.write(`  round ${round + 1} ${server.name.padEnd(9)} ${s.name.padEnd(23)} c=${String(connections).padEnd(2)} ${fmt(r.reqPerSec).padStart(7)} req/s  p99 ${r.p99} ms\n`);
        }
      }
      await stop(child);
    }
  }
  return cells;
}

async function control(port: number, method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

async function measureScale(emulator: ServerDef): Promise<Results['scale']> {
  const { port, child } = await startServer(emulator);
  await new Promise((r) => setTimeout(r, 1000));
  const idleRssMiB = rssMiB(child.pid);
  const probe = async (label: string) => {
    const out: Record<string, number> = {};
    for (const name of ['desk PUT shareSettings', 'desk GET shareSettings'] as const) {
      const scenario = SCENARIOS[name] as Scenario;
      await load(port, scenario, 10, 1);
      const runs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push((await load(port, scenario, 10, SECONDS)).reqPerSec);
      out[name] = median(runs);
      process.stdout.write(`  ${label.padEnd(16)} ${name.padEnd(23)} ${fmt(out[name] as number).padStart(7)} req/s\n`);
    }
    return out;
  };
  await control(port, 'PUT', '/_emulator/state?vendor=desk', deskState(100));
  const small = await probe('100 dashboards');
  const started = Date.now();
  await control(port, 'PUT', '/_emulator/state?vendor=desk', deskState(SCALE));
  await control(port, 'PUT', '/_emulator/state?vendor=luzmo', luzmoState(SCALE));
  const loadSeconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  const loadedRssMiB = rssMiB(child.pid);
  const large = await probe(`${SCALE.toLocaleString('en-US')} each`);
  await stop(child);
  return { idleRssMiB, loadedRssMiB, records: SCALE, loadSeconds, small, large };
}

async function main(): Promise<void> {
  const servers = serverDefs();
  const emulator = servers.find((s) => s.name === 'emulator') as ServerDef;
  console.log(`bench: ${servers.map((s) => s.name).join(', ')}; ${ROUNDS} rounds, ${SECONDS} s per cell, connections ${CONNECTIONS.join(' and ')}`);
  console.log('start-up (process start to the first correct answer to DESK GET shareSettings):');
  const startups = await measureStartups(servers);
  for (const [name, ms] of Object.entries(startups)) console.log(`  ${name.padEnd(9)} median ${fmt(median(ms))} ms (${ms.map((m) => fmt(m)).join(', ')})`);
  console.log('load:');
  const cells = await measureLoad(servers);
  console.log('memory and size:');
  const scale = await measureScale(emulator);
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { rounds: ROUNDS, seconds: SECONDS, starts: STARTS, connections: CONNECTIONS },
    startups,
    load: cells,
    scale,
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
