// The fuzz run: the built emulator in a child process at the shipped defaults (child.ts), N workers sending
// seeded hostile requests in waves until the count or the time runs out. After each wave the child's
// journal is read for the emulator's own decisions and every exchange is recorded for the prism judge.
// A child that exits is a crash (counted, then restarted so the run goes on); its ERROR lines are logged
// server errors; the slowest answer and the peak RSS of the child are measured.
import http from 'node:http';
import { join } from 'node:path';
import { DEFAULT_BODY_LIMIT } from '../../../src/emulator';
import { artifactsDir } from '../../support/artifacts';
import { RecordWriter } from '../../support/exchange-record';
import { MAIN } from '../../support/process';
import { seeded } from '../../support/prng';
import { nextCase } from './cases';
import { EmulatorChild } from './child';
import type { JoinCounts, SentCase } from './journal';
import { readJournal, recordWave } from './journal';
import { send } from './transport';
import { judge } from './verdict';
import type { Verdict } from './verdict';

export interface FuzzOptions {
  requests: number;
  seconds: number;
  seed: number;
  concurrency: number;
  /** The script the child runs: dist/main.js unless FUZZ_MAIN names another build (or a test's stand-in). */
  script?: string;
  /** More arguments for the child. */
  args?: string[];
  /** Where the exchanges are recorded for the judge: this run's artifact folder unless given; null: nowhere. */
  recordDir?: string | null;
  /** Requests per wave between two journal reads (the default journal keeps 1,000 entries). */
  waveSize?: number;
  /** Restarts after crashes before the run gives up. */
  maxRestarts?: number;
}

export interface FuzzReport {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  verdicts: Record<Verdict, number>;
  /** Exits nobody asked for, uncaught-exception output, and a graceful stop that did not exit 0. */
  crashes: number;
  crashDetails: string[];
  /** Object.prototype inside the child, as its probe reported at exit (false when it did not report). */
  prototypeClean: boolean;
  healthyAfter: boolean;
  /** A few failing cases, to reproduce. */
  examples: string[];
  /** ERROR lines and stderr output of the child (each is a bug), at most 200 kept per child. */
  serverErrors: string[];
  serverErrorCount: number;
  /** The slowest whole answer, requests that asked for an injected delay excluded. */
  slowestMs: number;
  /** The 99th and 99.9th percentiles of the same answers (how far the slowest stands from the rest). */
  p99Ms: number;
  p999Ms: number;
  slowestCase: string;
  delayedExcluded: number;
  /** The child's peak resident memory (VmRSS), MiB. */
  peakRssMiB: number;
  journal: JoinCounts;
  recordDir: string | null;
}

export const TARGET_MS = 250;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const script = options.script ?? process.env.FUZZ_MAIN ?? MAIN;
  const bodyLimit = DEFAULT_BODY_LIMIT;
  const recordDir = options.recordDir === undefined ? artifactsDir() : options.recordDir;
  const writer = recordDir === null ? undefined : new RecordWriter(recordDir, `fuzz-${process.pid}-${options.seed}.jsonl`);
  const waveSize = options.waveSize ?? 200;
  const report: FuzzReport = {
    requests: 0,
    seconds: 0,
    statuses: {},
    verdicts: { ok: 0, injected: 0, 'parser-rejected': 0, 'unexpected-5xx': 0, 'non-envelope': 0, 'no-answer': 0 },
    crashes: 0,
    crashDetails: [],
    prototypeClean: false,
    healthyAfter: false,
    examples: [],
    serverErrors: [],
    serverErrorCount: 0,
    slowestMs: 0,
    p99Ms: 0,
    p999Ms: 0,
    slowestCase: '-',
    delayedExcluded: 0,
    peakRssMiB: 0,
    journal: { joined: 0, evicted: 0, notJournaled: 0, slowestServerMs: 0 },
    recordDir,
  };

  const children: EmulatorChild[] = [];
  let restarts = 0;
  let gaveUp = false;
  let live: Promise<{ child: EmulatorChild; agent: http.Agent }>;
  const start = (): Promise<{ child: EmulatorChild; agent: http.Agent }> =>
    EmulatorChild.start({ script, seed: options.seed, args: options.args }, onCrash).then((child) => {
      children.push(child);
      return { child, agent: new http.Agent({ keepAlive: true, maxSockets: options.concurrency }) };
    });
  function onCrash(child: EmulatorChild): void {
    report.crashes++;
    report.crashDetails.push(`the child exited with ${child.exit?.code ?? child.exit?.signal} while serving:\n    ${child.exit?.tail.slice(-12).join('\n    ')}`);
    if (restarts >= (options.maxRestarts ?? 3)) {
      gaveUp = true;
      return;
    }
    restarts++;
    live = start();
  }
  live = start();
  await live;

  const answerMs: number[] = [];
  const rand = seeded(options.seed);
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  let issued = 0;
  while (issued < options.requests && Date.now() < deadline && !gaveUp) {
    const quota = Math.min(waveSize, options.requests - issued);
    let taken = 0;
    const wave: SentCase[] = [];
    const worker = async (): Promise<void> => {
      while (taken < quota && Date.now() < deadline && !gaveUp) {
        taken++;
        const index = issued++;
        // Cases are drawn in order from one seeded stream, whichever worker sends them.
        const c = nextCase(rand, bodyLimit);
        const running = await live.catch(() => undefined);
        if (!running) {
          gaveUp = true; // a restart failed: nothing left to send to
          break;
        }
        const { child, agent } = running;
        const answer = await send(agent, child.port, c);
        const verdict = judge(c, answer);
        report.requests++;
        report.verdicts[verdict]++;
        const key = answer.status === undefined ? 'none' : String(answer.status);
        report.statuses[key] = (report.statuses[key] ?? 0) + 1;
        if (!c.delayed && answer.ms !== undefined) answerMs.push(answer.ms);
        if (c.delayed) report.delayedExcluded++;
        else if (answer.ms !== undefined && answer.ms > report.slowestMs) {
          report.slowestMs = answer.ms;
          report.slowestCase = `${c.kind} ${c.method} ${c.path.slice(0, 100)} (${c.body?.length ?? c.raw?.length ?? 0} bytes) -> ${answer.status}`;
        }
        if (!['ok', 'injected', 'parser-rejected'].includes(verdict) && report.examples.length < 10) {
          // A reset while a body past the limit was still being written: the emulator answered early and
          // closed the connection without reading the rest, so the client never saw its answer.
          const early = answer.status === undefined && (c.body?.length ?? 0) > bodyLimit ? ' (connection closed while the body past the limit was still being sent)' : '';
          report.examples.push(`${verdict}: #${index} ${c.kind} ${c.method} ${c.path.slice(0, 120)} (${c.body?.length ?? 0} bytes) -> ${answer.status ?? answer.error}${early} ${answer.body?.toString('utf8').slice(0, 160) ?? ''}`);
        }
        wave.push({ index, c, answer });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
    if (writer) {
      const { child } = await live;
      const journal = child.exit ? new Map() : await readJournal(child.url, wave).catch(() => new Map());
      recordWave(writer, wave, journal, options.seed, report.journal);
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  answerMs.sort((x, y) => x - y);
  const percentile = (p: number): number => answerMs[Math.min(answerMs.length - 1, Math.floor(p * answerMs.length))] ?? 0;
  report.p99Ms = percentile(0.99);
  report.p999Ms = percentile(0.999);

  const { child, agent } = await live.catch(() => ({ child: undefined, agent: undefined }));
  if (child && !child.exit) {
    try {
      report.healthyAfter = (await fetch(`${child.url}/_emulator/health`, { signal: AbortSignal.timeout(5000) })).status === 200;
    } catch {
      report.healthyAfter = false;
    }
    agent?.destroy();
    const exit = await child.stop();
    if (exit.code !== 0) {
      report.crashes++;
      report.crashDetails.push(`SIGTERM did not stop the child cleanly: exit ${exit.code ?? exit.signal}\n    ${exit.tail.slice(-12).join('\n    ')}`);
    }
    report.prototypeClean = child.prototypeReport === 'clean';
  }
  for (const c of children) {
    if (c.uncaughtOutput > 0 && c.exit?.expected) {
      report.crashes++;
      report.crashDetails.push(`uncaught-exception output while it kept running (${c.uncaughtOutput} lines)`);
    }
    if (c.prototypeReport !== undefined && c.prototypeReport !== 'clean') report.prototypeClean = false;
    report.serverErrorCount += c.errorCount;
    report.serverErrors.push(...c.errorLines);
    report.peakRssMiB = Math.max(report.peakRssMiB, c.peakRssKb / 1024);
  }
  return report;
}

/** The one summary line the issue asks for. */
export function summary(r: FuzzReport): string {
  const statuses = Object.entries(r.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}:${n}`)
    .join(' ');
  const v = r.verdicts;
  return (
    `fuzz: ${r.requests} requests in ${r.seconds.toFixed(1)}s (${Math.round(r.requests / Math.max(r.seconds, 0.001))}/s) at shipped defaults (child process); statuses ${statuses}; ` +
    `unexpected 5xx ${v['unexpected-5xx']}, crashes ${r.crashes}, logged server errors ${r.serverErrorCount}, non-envelope errors ${v['non-envelope']}, no answer ${v['no-answer']}; ` +
    `parser-rejected ${v['parser-rejected']}, injected ${v.injected}; slowest answer ${r.slowestMs.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)} ms, p99.9 ${r.p999Ms.toFixed(1)} ms; ${r.delayedExcluded} injected-delay requests excluded; slowest the emulator itself reported ${r.journal.slowestServerMs.toFixed(1)} ms); ` +
    `peak RSS ${r.peakRssMiB.toFixed(1)} MiB; prototype ${r.prototypeClean ? 'clean' : 'POLLUTED or not reported'}; healthy after ${r.healthyAfter}; ` +
    `journal joined ${r.journal.joined}, evicted ${r.journal.evicted}, control calls not journaled ${r.journal.notJournaled}`
  );
}

/** The latency target's line, as `npm run fuzz` prints it. */
export function targetLine(r: FuzzReport): string {
  const met = r.slowestMs <= TARGET_MS;
  return `target: no answer slower than ${TARGET_MS} ms at shipped defaults (requests that asked for an injected delay via x-emulator-fault excluded: ${r.delayedExcluded}): slowest ${r.slowestMs.toFixed(1)} ms [${r.slowestCase}] (p99 ${r.p99Ms.toFixed(1)} ms) -> ${met ? 'met' : 'MISSED'}`;
}

export function reportFile(dir: string): string {
  return join(dir, 'fuzz-report.json');
}
