// The scaling benchmark's results (bench/scaling-results.json) and their table (bench/scaling-results.md):
// medians over rounds, ratios to `memory` taken within a round, CPU per request over all measured rounds.
import type { LoadDetail } from '../lib/load';
import { fmt, median, range } from '../lib/stats';

export interface ScalingCell {
  round: number;
  contender: string;
  scenario: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers other than the expected 204/200, plus errors and timeouts (autocannon's count). */
  wrong: number;
  /** The answers by status, and the requests that got none. */
  answers: LoadDetail;
  /** CPU seconds the rest of the machine (processes other than this bench's) used during the cell: noise. */
  otherCpuSeconds: number;
  /** CPU seconds used during the cell by each emulator process: the one process, or the primary then each worker. */
  cpuSeconds: number[];
  /** redis-server's CPU seconds and calls of each command during the cell (store contenders only). */
  redisCpuSeconds?: number;
  redisCommands?: Record<string, number>;
}

export interface ScalingRow {
  contender: string;
  scenario: string;
  reqPerSec: number;
  reqPerSecRange: [number, number];
  p99: number;
  /** Per-round ratios of this contender's req/s to `memory`'s in the same round. */
  ratios: number[];
  cpuMicrosPerRequest: number;
  redisCpuMicrosPerRequest?: number;
  /** Redis calls a request, by command. */
  redisCommandsPerRequest?: Record<string, number>;
  /** With workers: each worker's share of the workers' CPU (how evenly node:cluster spread the connections). */
  workerShares?: number[];
  wrong: number;
}

export interface ScalingResults {
  date: string;
  commit: { sha: string; short: string; uncommitted: string[] };
  before: { sha: string; buildSeconds: number };
  machine: { cpus: number; model: string; node: string; redis: string };
  settings: { rounds: number; seconds: number; warmupSeconds: number; connections: number };
  requests: Record<string, string>;
  contenders: { name: string; build: string; store: boolean; workers: number }[];
  /** Wrong answers during the warm-ups (they fail a contender too). */
  warmupWrong: Record<string, number>;
  cells: ScalingCell[];
  rows: ScalingRow[];
  failed: string[];
  runSeconds: number;
}

const BASELINE = 'memory';
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export function summarize(cells: ScalingCell[], contenders: string[], scenarios: string[]): ScalingRow[] {
  const rows: ScalingRow[] = [];
  for (const contender of contenders) {
    for (const scenario of scenarios) {
      const mine = cells.filter((c) => c.contender === contender && c.scenario === scenario);
      const requests = sum(mine.map((c) => c.total));
      const ratios = mine.flatMap((c) => {
        const base = cells.find((b) => b.contender === BASELINE && b.scenario === scenario && b.round === c.round);
        return base && base.reqPerSec > 0 ? [c.reqPerSec / base.reqPerSec] : [];
      });
      const workers = mine.map((c) => c.cpuSeconds.slice(1));
      const perWorker = (workers[0] ?? []).map((_, i) => sum(workers.map((w) => w[i] ?? 0)));
      const store = mine.some((c) => c.redisCpuSeconds !== undefined);
      rows.push({
        contender,
        scenario,
        reqPerSec: median(mine.map((c) => c.reqPerSec)),
        reqPerSecRange: range(mine.map((c) => c.reqPerSec)),
        p99: median(mine.map((c) => c.p99)),
        ratios,
        cpuMicrosPerRequest: (sum(mine.map((c) => sum(c.cpuSeconds))) / requests) * 1e6,
        redisCpuMicrosPerRequest: store ? (sum(mine.map((c) => c.redisCpuSeconds ?? 0)) / requests) * 1e6 : undefined,
        redisCommandsPerRequest: store ? perRequest(mine.map((c) => c.redisCommands ?? {}), requests) : undefined,
        workerShares: perWorker.length > 0 ? perWorker.map((s) => s / sum(perWorker)) : undefined,
        wrong: sum(mine.map((c) => c.wrong)),
      });
    }
  }
  return rows;
}

function perRequest(counts: Record<string, number>[], requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const count of counts) for (const [command, n] of Object.entries(count)) out[command] = (out[command] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).map(([command, n]) => [command, n / requests]));
}

function withRange(values: number[], digits: number, suffix = ''): string {
  if (values.length === 0) return '–';
  const [lo, hi] = range(values);
  return `${fmt(median(values), digits)}${suffix} (${fmt(lo, digits)}–${fmt(hi, digits)})`;
}

const operation = (scenario: string): string => scenario.replace(/^desk /, '');

export function scalingDocument(r: ScalingResults): string {
  const s = r.settings;
  const dirty = r.commit.uncommitted.length > 0 ? ` with uncommitted changes in ${r.commit.uncommitted.join(', ')}` : '';
  const lines = [
    `Measured ${r.date.slice(0, 10)} on commit ${r.commit.short}${dirty}; ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}, redis-server ${r.machine.redis}.`,
    `DESK PUT and GET shareSettings (the requests of \`npm run bench\`'s shareSettings rows), ${s.connections} connections, ${s.rounds} rounds; each round starts all four contenders afresh`,
    `(the store ones on their own database of one redis-server: loopback, no persistence, flushed before each starts), warms each up (${s.warmupSeconds} s per operation), then measures each operation`,
    `${s.seconds} s on every contender back to back, the order rotated every round. Medians over rounds with (min–max); ratios to \`memory\` are taken within a round.`,
    `CPU / request: utime + stime from /proc during the measured seconds, over the requests answered: the emulator's processes (with workers: the primary and every worker), and redis-server's own.`,
    '',
    '| contender | operation | req/s | p99 | ÷ memory | emulator CPU / request | redis-server CPU / request |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...r.rows.map((row) =>
      [
        '',
        row.contender,
        operation(row.scenario),
        `${fmt(row.reqPerSec)} (${fmt(row.reqPerSecRange[0])}–${fmt(row.reqPerSecRange[1])})`,
        `${fmt(row.p99)} ms`,
        withRange(row.ratios, 2, '×'),
        `${fmt(row.cpuMicrosPerRequest)} µs`,
        row.redisCpuMicrosPerRequest === undefined ? '–' : `${fmt(row.redisCpuMicrosPerRequest)} µs`,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    ...notes(r),
  ];
  return `${lines.join('\n')}\n`;
}

function notes(r: ScalingResults): string[] {
  const before = r.rows.filter((row) => row.contender === 'memory (before the store)');
  const out = [`- memory ÷ memory (before the store, ${r.before.sha.slice(0, 7)}), per round: ${before.map((row) => `${operation(row.scenario)} ${withRange(row.ratios.map((x) => 1 / x), 2, '×')}`).join(', ')}.`];
  const store = r.rows.filter((row) => row.redisCommandsPerRequest !== undefined);
  const calls = (row: ScalingRow): string => {
    const byCommand = Object.entries(row.redisCommandsPerRequest ?? {}).sort((a, b) => b[1] - a[1]);
    const total = sum(byCommand.map(([, n]) => n));
    return `${row.contender} ${operation(row.scenario)} ${fmt(total, 1)} (${byCommand.filter(([, n]) => n >= 0.05).map(([command, n]) => `${command} ${fmt(n, 1)}`).join(', ')})`;
  };
  out.push(`- Redis commands per request (INFO commandstats; those the store's Lua scripts run count too): ${store.map(calls).join('; ')}.`);
  const cluster = r.rows.filter((row) => row.workerShares !== undefined);
  if (cluster.length > 0) out.push(`- Workers' shares of the workers' CPU: ${cluster.map((row) => `${operation(row.scenario)} ${(row.workerShares as number[]).map((x) => `${fmt(x * 100)}%`).join(' / ')}`).join(', ')}.`);
  const answered = sum(r.cells.map((c) => c.total));
  out.push(
    r.failed.length === 0
      ? `- Every answer was 204 (PUT) / 200 (GET): ${fmt(answered)} measured answers and every warm-up answer, none wrong.`
      : `- FAILED (answers other than 204 / 200, errors or timeouts): ${r.failed.join('; ')}.`,
  );
  const others = r.cells.map((c) => (c.otherCpuSeconds / r.settings.seconds) * 100);
  out.push(`- Other processes on the machine (not the bench's) used ${withRange(others, 0, '%')} of one core during the measured cells.`);
  out.push(`- This machine has ${r.machine.cpus} cores: the load generator (autocannon, in the bench's process), the emulator's processes and redis-server compete for them, so the 2-worker figures are bounded by the cores as much as by the store.`);
  return out;
}
