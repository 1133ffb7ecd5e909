// Turns measurements into the results table and the issue's targets. Ratios are computed within each round
// (emulator over another server, same scenario and connections) and then summarized, never across rounds.
import type { InstructionCount } from './instructions';
import { INSTRUCTION_SCENARIOS } from './instructions';
import type { LoadResult } from './load';
import type { MemoryResults } from './memory';
import { fmt, median, range } from './stats';

/** The scale probes every run must measure (the two DESK shareSettings scenarios, then scenarios.ts SCALE_PROBES). */
export const SCALE_PROBE_NAMES = ['desk PUT shareSettings', 'desk GET shareSettings', 'luzmo get where id', 'energycap GET dashboards page', 'desk GET dashboards by owner'];
/** Allowed RSS growth in the memory benchmark beyond the journal's byte bound. */
export const MEMORY_SLACK_MIB = 64;
/** The detail of a target the run did not measure (listed anyway, and failing). */
const NOT_MEASURED = 'not measured in this run';

export interface LoadCell extends LoadResult {
  round: number;
  server: string;
  scenario: string;
  connections: number;
  rssMiB: number;
  idleRssMiB: number;
}

export interface Results {
  date: string;
  /** The code measured: `git rev-parse HEAD`, and whether the working tree had changes (older runs lack it). */
  commit?: { sha: string; dirty: boolean };
  machine: { cpus: number; model: string; memoryGiB: number; node: string; platform: string };
  settings: { rounds: number; seconds: number; starts: number; connections: number[] };
  startups: Record<string, number[]>;
  /** What counted as ready in the start-up figures; older runs lack it (the emulator was ready at /_emulator/health). */
  startupReadiness?: string;
  load: LoadCell[];
  scale: {
    idleRssMiB: number;
    loadedRssMiB: number;
    records: number;
    loadSeconds: number;
    small: Record<string, number>;
    large: Record<string, number>;
    /** Per probe, the large/small ratio of each round (both measured in that round); older runs lack it. */
    ratios?: Record<string, number[]>;
    /** Per probe, the request it sends; older runs lack it. */
    requests?: Record<string, string>;
    /** What the large state holds; older runs lack it (100,000 DESK dashboards and Luzmo shares). */
    contents?: string[];
  };
  memory?: MemoryResults;
  /** Instructions per request under valgrind (bench/lib/instructions.ts); absent when valgrind is not installed. */
  instructions?: InstructionCount[];
  /** Bytes each server wrote to stdout and stderr during its load cells, drained by the bench. */
  logBytes?: Record<string, number>;
  /** Log lines the emulator dropped during its load cells because the bench read its stdout too slowly; older runs lack it. */
  droppedLogLines?: number;
}

type Metric = 'reqPerSec' | 'p99';

function cell(r: Results, server: string, scenario: string, connections: number, round: number): LoadCell | undefined {
  return r.load.find((c) => c.server === server && c.scenario === scenario && c.connections === connections && c.round === round);
}

/** Per-round ratios of the emulator's metric over another server's, for one scenario and connection count. */
export function ratios(r: Results, other: string, scenario: string, connections: number, metric: Metric = 'reqPerSec'): number[] {
  const out: number[] = [];
  for (let round = 0; round < r.settings.rounds; round++) {
    const mine = cell(r, 'emulator', scenario, connections, round);
    const theirs = cell(r, other, scenario, connections, round);
    if (mine && theirs && theirs[metric] > 0) out.push(mine[metric] / theirs[metric]);
  }
  return out;
}

function summary(values: number[], digits: number, suffix = ''): string {
  if (values.length === 0) return '–';
  const [lo, hi] = range(values);
  return `${fmt(median(values), digits)}${suffix} (${fmt(lo, digits)}–${fmt(hi, digits)})`;
}

function servers(r: Results): string[] {
  return ['emulator', 'metrics-off', 'explanations-off', 'consoles-5', 'prism', 'express', 'ceiling', 'wiremock'].filter((s) => r.load.some((c) => c.server === s));
}

export function markdown(r: Results): string {
  const scenarios = [...new Set(r.load.map((c) => c.scenario))];
  const names = servers(r);
  const others = names.filter((n) => n !== 'emulator');
  const lines: string[] = [];
  const commit = r.commit ? `commit ${r.commit.sha.slice(0, 12)}${r.commit.dirty ? ' with uncommitted changes' : ''}` : 'commit not recorded';
  lines.push(`Measured ${r.date.slice(0, 10)} (${commit}) on ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.platform});`);
  lines.push(`${r.settings.rounds} rounds × ${r.settings.seconds} s per cell, servers one at a time, alternating. Medians with (min–max) over rounds; ratios are taken within a round.`);
  lines.push('');
  lines.push(`| scenario | conn | ${names.map((n) => `${n} req/s`).join(' | ')} | ${others.map((o) => `emulator / ${o}`).join(' | ')} | emulator p99 / prism p99 |`);
  lines.push(`|---|---|${names.map(() => '---:').join('|')}|${others.map(() => '---:').join('|')}|---:|`);
  for (const scenario of scenarios) {
    for (const connections of r.settings.connections) {
      const perServer = names.map((n) => {
        const cells = r.load.filter((c) => c.server === n && c.scenario === scenario && c.connections === connections);
        return cells.length ? `${summary(cells.map((c) => c.reqPerSec), 0)}<br>p99 ${fmt(median(cells.map((c) => c.p99)))} ms` : '–';
      });
      const perRatio = others.map((o) => summary(ratios(r, o, scenario, connections), 2, '×'));
      const p99 = summary(ratios(r, 'prism', scenario, connections, 'p99'), 2, '×');
      lines.push(`| ${scenario} | ${connections} | ${perServer.join(' | ')} | ${perRatio.join(' | ')} | ${p99} |`);
    }
  }
  lines.push('');
  lines.push(`| start-up, process start to ${r.startupReadiness ?? 'first ready answer'} (median of ${r.settings.starts}) | ${names.map((n) => `${n}: ${fmt(median(r.startups[n] ?? []))} ms`).join(' · ')} |`);
  lines.push('|---|---|');
  const s = r.scale;
  lines.push(`| emulator RSS idle / under load (max over load cells) | ${fmt(s.idleRssMiB, 1)} MiB / ${fmt(Math.max(...r.load.filter((c) => c.server === 'emulator').map((c) => c.rssMiB)), 1)} MiB |`);
  const contents = (s.contents ?? ['DESK dashboards', 'Luzmo shares']).map((c) => `${s.records.toLocaleString('en-US')} ${c}`).join(' + ');
  lines.push(`| emulator RSS with ${contents} (loaded through PUT /_emulator/state in ${fmt(s.loadSeconds, 1)} s) | ${fmt(s.loadedRssMiB, 1)} MiB |`);
  for (const name of Object.keys(s.small)) {
    const request = s.requests?.[name] ? ` (${s.requests[name]})` : '';
    lines.push(`| ${name}${request}, c=10: 100 records → ${s.records.toLocaleString('en-US')} records | ${fmt(s.small[name] ?? NaN)} → ${fmt(s.large[name] ?? NaN)} req/s (${fmt(scaleRatio(r, name), 2)}×) |`);
  }
  if (r.memory) lines.push(...memoryLines(r.memory).map((l) => `| ${l.replace(': ', ' | ')} |`));
  if (r.instructions) lines.push(...instructionLines(r.instructions).map((l) => `| ${l.replace(': ', ' | ')} |`));
  if (r.logBytes) {
    const logs = Object.entries(r.logBytes).map(([name, bytes]) => `${name} ${fmt(bytes / 2 ** 20, 1)} MiB`);
    lines.push(`| stdout + stderr drained during the load cells (every server writes to a pipe the bench reads) | ${logs.join(' · ')} |`);
  }
  if (r.droppedLogLines !== undefined) {
    lines.push(`| log lines the emulator dropped during its load cells because the bench read them too slowly (1 MiB may wait) | ${fmt(r.droppedLogLines)} |`);
  }
  return lines.join('\n');
}

/** A probe's 100,000-records figure over its 100-records one: median of the per-round ratios when recorded. */
export function scaleRatio(r: Results, name: string): number {
  const perRound = r.scale.ratios?.[name];
  if (perRound && perRound.length > 0) return median(perRound);
  return (r.scale.large[name] ?? NaN) / (r.scale.small[name] ?? NaN);
}

function kindText(k: MemoryResults['valid']): string {
  const statuses = Object.entries(k.statuses).map(([status, n]) => `${n.toLocaleString('en-US')} × ${status}`);
  const unanswered = k.planned - k.answered;
  return `${statuses.join(', ') || 'no answers'}${unanswered > 0 ? `, ${unanswered.toLocaleString('en-US')} without an answer` : ''} in ${fmt(k.seconds, 1)} s (slowest ${fmt(k.maxMs)} ms)`;
}

/** The memory benchmark as `label: value` lines (the table renders them as rows). */
export function memoryLines(m: MemoryResults): string[] {
  const mib = (n: number): string => `${fmt(n, 1)} MiB`;
  const size = `${m.bodyBytes.toLocaleString('en-US')}-byte`;
  return [
    `memory benchmark, ${m.valid.planned.toLocaleString('en-US')} valid ${size} DESK PUT shareSettings (expect ${m.valid.expected}): ${kindText(m.valid)}`,
    `memory benchmark, ${m.invalid.planned.toLocaleString('en-US')} invalid ${size} bodies of empty permission objects (expect ${m.invalid.expected}): ${kindText(m.invalid)}`,
    `memory benchmark, emulator RSS before → after (peak), journal bound ${mib(m.journalBytes / 2 ** 20)} (${m.journalBytesSource}): ${mib(m.beforeMiB)} → ${mib(m.afterMiB)} (${mib(m.peakMiB)}), growth ${mib(m.afterMiB - m.beforeMiB)}${m.settledMiB === undefined ? '' : `; ${mib(m.settledMiB)} after 10 s idle`}${m.alive ? '' : '; the emulator had exited'}`,
  ];
}

export function instructionLines(counts: readonly InstructionCount[]): string[] {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const lowest = (c: InstructionCount): string => (c.counts === undefined ? '' : `, the lowest FEW and MANY totals of ${c.counts.emulator.length} counts`);
  const all = (c: InstructionCount, server: 'emulator' | 'ceiling'): string => (c.counts === undefined ? '' : ` (each count: ${c.counts[server].map(n).join(' / ')})`);
  return counts.map((c) => `instructions a request under valgrind (callgrind, node ${(c.nodeFlags ?? ['--predictable']).join(' ')}, ${c.many} − ${c.few} requests, logging on${c.compilerCounted ? '' : ', V8 optimizing compiler not counted'}${lowest(c)}), ${c.scenario}: emulator ${n(c.emulator)}${all(c, 'emulator')} · ceiling ${n(c.ceiling)}${all(c, 'ceiling')} · ratio ${fmt(c.ratio, 2)}×`);
}

/** Issue 18's target: at most 1.2x the bare server's instructions a request, with logging on. */
export function instructionTargets(counts: readonly InstructionCount[]): Target[] {
  return INSTRUCTION_SCENARIOS.map((scenario) => {
    const c = counts.find((x) => x.scenario === scenario);
    const name = `instructions a request ≤ 1.2× the bare server's, ${scenario}`;
    return c === undefined ? { name, ok: false, detail: NOT_MEASURED } : { name, ok: c.ratio <= 1.2, detail: `${fmt(c.ratio, 2)}×` };
  });
}

/** The memory benchmark's targets: RSS growth within the journal bound + 64 MiB, and every answer as expected. */
export function memoryTarget(m: MemoryResults | undefined): Target[] {
  const n = (k: MemoryResults['valid'] | undefined): string => (k?.planned ?? 1000).toLocaleString('en-US');
  const growthName = `memory: RSS growth after ${n(m?.valid)} valid + ${n(m?.invalid)} invalid 1 MiB bodies, settled (10 s idle), ≤ journal bound + ${MEMORY_SLACK_MIB} MiB`;
  const answersName = 'memory: every 1 MiB body answered with its expected status';
  if (!m) return [growthName, answersName].map((name) => ({ name, ok: false, detail: NOT_MEASURED }));
  const limit = m.journalBytes / 2 ** 20 + MEMORY_SLACK_MIB;
  // Judged once settled: right after the last body, pages the collector has already freed are still being
  // returned to the system (both figures are in the table). Without the heap relief the settled figure stays high.
  const growth = (m.settledMiB ?? m.afterMiB) - m.beforeMiB;
  const complete = m.alive && m.valid.answered === m.valid.planned && m.invalid.answered === m.invalid.planned;
  const counts = [m.valid, m.invalid].map((k) => `${(k.statuses[k.expected] ?? 0).toLocaleString('en-US')}/${k.planned.toLocaleString('en-US')} × ${k.expected}`);
  return [
    {
      name: growthName,
      ok: complete && Number.isFinite(growth) && growth <= limit,
      detail: `${fmt(growth, 1)} MiB (limit ${fmt(limit, 1)} MiB)${complete ? '' : `; incomplete: ${m.valid.answered + m.invalid.answered} of ${m.valid.planned + m.invalid.planned} answered${m.alive ? '' : ', the emulator exited'}`}`,
    },
    {
      name: answersName,
      ok: [m.valid, m.invalid].every((k) => (k.statuses[k.expected] ?? 0) === k.planned),
      detail: counts.join(', '),
    },
  ];
}

/** Issue 18's throughput target: the emulator, everything on, at least 0.6x the bare server on these. */
const CEILING_SCENARIOS = ['desk PUT shareSettings', 'desk PUT shareSettings, changing', 'desk GET shareSettings'];

export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  const put = 'desk PUT shareSettings';
  const deskScenarios = [...new Set(r.load.map((c) => c.scenario))].filter((s) => s.startsWith('desk'));
  for (const connections of r.settings.connections) {
    for (const scenario of CEILING_SCENARIOS) {
      const vsCeiling = ratios(r, 'ceiling', scenario, connections);
      const name = `${scenario} ≥ 0.6× the bare node:http server (c=${connections})`;
      if (vsCeiling.length === 0) out.push({ name, ok: false, detail: NOT_MEASURED });
      else out.push({ name, ok: median(vsCeiling) >= 0.6, detail: `${fmt(median(vsCeiling), 2)}×` });
    }
    const vsExpress = median(ratios(r, 'express', put, connections));
    out.push({ name: `PUT shareSettings ≥ 0.8× Express hello world (c=${connections})`, ok: vsExpress >= 0.8, detail: `${fmt(vsExpress, 2)}×` });
    if (r.load.some((c) => c.server === 'metrics-off')) {
      const metricsCost = median(ratios(r, 'metrics-off', put, connections));
      out.push({ name: `metrics cost ≤ 5%: PUT shareSettings ≥ 0.95× the same build with METRICS=off (c=${connections})`, ok: metricsCost >= 0.95, detail: `${fmt(metricsCost, 2)}×` });
    }
    if (r.load.some((c) => c.server === 'explanations-off')) {
      for (const scenario of [put, 'desk GET shareSettings']) {
        const cost = median(ratios(r, 'explanations-off', scenario, connections));
        out.push({ name: `explanations cost ≤ 10%: ${scenario} ≥ 0.9× the same build with EXPLANATIONS=off (c=${connections})`, ok: cost >= 0.9, detail: `${fmt(cost, 2)}×` });
      }
    }
    if (r.load.some((c) => c.server === 'consoles-5')) {
      // ratios() is emulator / other; here the other is the one under test.
      const withConsoles = median(ratios(r, 'consoles-5', put, connections).map((x) => 1 / x));
      out.push({ name: `event stream cost: PUT shareSettings with five consoles connected ≥ 0.9× none (c=${connections})`, ok: withConsoles >= 0.9, detail: `${fmt(withConsoles, 2)}×` });
    }
    const vsPrism = median(ratios(r, 'prism', put, connections));
    out.push({ name: `PUT shareSettings ≥ 4× Prism (c=${connections})`, ok: vsPrism >= 4, detail: `${fmt(vsPrism, 2)}×` });
    for (const scenario of deskScenarios) {
      const p99 = median(ratios(r, 'prism', scenario, connections, 'p99'));
      out.push({ name: `p99 ≤ 0.5× Prism p99, ${scenario} (c=${connections})`, ok: p99 <= 0.5, detail: `${fmt(p99, 2)}×` });
    }
    if (r.load.some((c) => c.server === 'wiremock')) {
      const get = median(ratios(r, 'wiremock', 'desk GET shareSettings', connections));
      out.push({ name: `GET faster than WireMock's stub GET (c=${connections})`, ok: get > 1, detail: `${fmt(get, 2)}×` });
    }
  }
  const startup = median(r.startups.emulator ?? []) / median(r.startups.prism ?? []);
  out.push({ name: 'start-up ≤ 1/3 of Prism', ok: startup <= 1 / 3, detail: `${fmt(startup, 2)}× (${fmt(median(r.startups.emulator ?? []))} vs ${fmt(median(r.startups.prism ?? []))} ms)` });
  out.push({ name: 'RSS idle ≤ 120 MB', ok: r.scale.idleRssMiB * 1.048576 <= 120, detail: `${fmt(r.scale.idleRssMiB * 1.048576, 1)} MB` });
  for (const name of SCALE_PROBE_NAMES) {
    const title = `${name}: ${r.scale.records.toLocaleString('en-US')} records ≥ 0.9× of 100`;
    if (r.scale.small[name] === undefined) {
      out.push({ name: title, ok: false, detail: NOT_MEASURED });
      continue;
    }
    const ratio = scaleRatio(r, name);
    out.push({ name: title, ok: ratio >= 0.9, detail: `${fmt(ratio, 2)}×` });
  }
  out.push(...memoryTarget(r.memory));
  out.push(...instructionTargets(r.instructions ?? []));
  return out;
}

/** The file bench/results.md (and the README's Performance section): the table, then every target's verdict. */
export function resultsDocument(r: Results): string {
  const verdicts = targets(r).map((t) => `- ${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
  return `${markdown(r)}\n\nTargets:\n\n${verdicts.join('\n')}\n`;
}
