// Turns measurements into the results table and the issue's targets. Ratios are computed within each round
// (emulator over another server, same scenario and connections) and then summarized, never across rounds.
import type { LoadResult } from './load';
import { fmt, median, range } from './stats';

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
  machine: { cpus: number; model: string; memoryGiB: number; node: string; platform: string };
  settings: { rounds: number; seconds: number; starts: number; connections: number[] };
  startups: Record<string, number[]>;
  load: LoadCell[];
  scale: {
    idleRssMiB: number;
    loadedRssMiB: number;
    records: number;
    loadSeconds: number;
    small: Record<string, number>;
    large: Record<string, number>;
  };
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
  return ['emulator', 'prism', 'express', 'ceiling', 'wiremock'].filter((s) => r.load.some((c) => c.server === s));
}

export function markdown(r: Results): string {
  const scenarios = [...new Set(r.load.map((c) => c.scenario))];
  const names = servers(r);
  const others = names.filter((n) => n !== 'emulator');
  const lines: string[] = [];
  lines.push(`Measured ${r.date.slice(0, 10)} on ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.platform});`);
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
  lines.push(`| start-up, process start to first ready answer (median of ${r.settings.starts}) | ${names.map((n) => `${n}: ${fmt(median(r.startups[n] ?? []))} ms`).join(' · ')} |`);
  lines.push('|---|---|');
  const s = r.scale;
  lines.push(`| emulator RSS idle / under load (max over load cells) | ${fmt(s.idleRssMiB, 1)} MiB / ${fmt(Math.max(...r.load.filter((c) => c.server === 'emulator').map((c) => c.rssMiB)), 1)} MiB |`);
  lines.push(`| emulator RSS with ${s.records.toLocaleString('en-US')} DESK dashboards + ${s.records.toLocaleString('en-US')} Luzmo shares (loaded through PUT /_emulator/state in ${fmt(s.loadSeconds, 1)} s) | ${fmt(s.loadedRssMiB, 1)} MiB |`);
  for (const name of Object.keys(s.small)) {
    const ratio = (s.large[name] ?? NaN) / (s.small[name] ?? NaN);
    lines.push(`| ${name}, c=10: 100 records → ${s.records.toLocaleString('en-US')} records | ${fmt(s.small[name] ?? NaN)} → ${fmt(s.large[name] ?? NaN)} req/s (${fmt(ratio, 2)}×) |`);
  }
  return lines.join('\n');
}

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
    const vsExpress = median(ratios(r, 'express', put, connections));
    out.push({ name: `PUT shareSettings ≥ 0.8× Express hello world (c=${connections})`, ok: vsExpress >= 0.8, detail: `${fmt(vsExpress, 2)}×` });
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
  for (const name of Object.keys(r.scale.small)) {
    const ratio = (r.scale.large[name] ?? 0) / (r.scale.small[name] ?? 1);
    out.push({ name: `${name}: ${r.scale.records.toLocaleString('en-US')} records ≥ 0.9× of 100`, ok: ratio >= 0.9, detail: `${fmt(ratio, 2)}×` });
  }
  return out;
}

/** The file bench/results.md (and the README's Performance section): the table, then every target's verdict. */
export function resultsDocument(r: Results): string {
  const verdicts = targets(r).map((t) => `- ${t.ok ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
  return `${markdown(r)}\n\nTargets:\n\n${verdicts.join('\n')}\n`;
}
