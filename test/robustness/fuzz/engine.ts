// The fuzz run: an emulator in this process on loopback, N workers sending seeded hostile requests until
// the count or the time runs out, then one summary. Crashes are uncaught errors or a server that stopped
// answering; Object.prototype is compared before and after.
import http from 'node:http';
import { createEmulator } from '../../../src/emulator';
import { createLogger } from '../../../src/core/log';
import { listen } from '../../../src/server';
import { seeded } from '../../support/prng';
import { nextCase } from './cases';
import type { FuzzCase } from './cases';
import { send } from './transport';
import { judge } from './verdict';
import type { Verdict } from './verdict';

export interface FuzzOptions {
  requests: number;
  seconds: number;
  seed: number;
  concurrency: number;
}

export interface FuzzReport {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  verdicts: Record<Verdict, number>;
  crashes: number;
  prototypeClean: boolean;
  healthyAfter: boolean;
  /** A few failing cases, to reproduce. */
  examples: string[];
  /** What the emulator logged as errors (each is a bug). */
  serverErrors: string[];
}

/** Small enough that oversized bodies are cheap to send, large enough for every valid case. */
export const FUZZ_BODY_LIMIT = 16 * 1024;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  let crashes = 0;
  const onCrash = (): void => {
    crashes++;
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const errors: string[] = [];
  const logger = createLogger('error', { write: (text: string) => errors.push(text) });
  const emulator = createEmulator({ logger, bodyLimitBytes: FUZZ_BODY_LIMIT, journalSize: 200, seed: options.seed });
  const server = await listen(emulator.app, 0, '127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const rand = seeded(options.seed);
  const report: FuzzReport = {
    requests: 0,
    seconds: 0,
    statuses: {},
    verdicts: { ok: 0, injected: 0, 'parser-rejected': 0, 'unexpected-5xx': 0, 'non-envelope': 0, 'no-answer': 0 },
    crashes: 0,
    prototypeClean: false,
    healthyAfter: false,
    examples: [],
    serverErrors: [],
  };
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < options.requests && Date.now() < deadline) {
      issued++;
      const c: FuzzCase = nextCase(rand, FUZZ_BODY_LIMIT);
      const answer = await send(agent, server.port, c);
      const verdict = judge(c, answer);
      report.requests++;
      report.verdicts[verdict]++;
      const key = answer.status === undefined ? 'none' : String(answer.status);
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      if (!['ok', 'injected', 'parser-rejected'].includes(verdict) && report.examples.length < 10) {
        report.examples.push(`${verdict}: ${c.kind} ${c.method} ${c.path.slice(0, 120)} -> ${answer.status ?? answer.error} ${answer.body?.toString('utf8').slice(0, 160) ?? ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  report.seconds = (Date.now() - started) / 1000;
  try {
    report.healthyAfter = (await fetch(`${server.url}/_emulator/health`)).status === 200;
  } catch {
    report.healthyAfter = false;
  }
  agent.destroy();
  await server.close(2000);
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  const probe: Record<string, unknown> = {};
  report.prototypeClean = Object.getOwnPropertyNames(Object.prototype).sort().join(',') === prototypeBefore && probe.polluted === undefined;
  report.crashes = crashes;
  logger.flush();
  report.serverErrors = errors.join('').split('\n').filter(Boolean);
  return report;
}

/** The one summary line the issue asks for. */
export function summary(r: FuzzReport): string {
  const statuses = Object.entries(r.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}:${n}`)
    .join(' ');
  const v = r.verdicts;
  return `fuzz: ${r.requests} requests in ${r.seconds.toFixed(1)}s (${Math.round(r.requests / Math.max(r.seconds, 0.001))}/s); statuses ${statuses}; unexpected 5xx ${v['unexpected-5xx']}, crashes ${r.crashes}, non-envelope errors ${v['non-envelope']}, no answer ${v['no-answer']}; parser-rejected ${v['parser-rejected']}, injected ${v.injected}; prototype ${r.prototypeClean ? 'clean' : 'POLLUTED'}; healthy after ${r.healthyAfter}`;
}
