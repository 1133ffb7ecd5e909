// The memory benchmark: the built emulator at its shipped defaults (only PORT set) receives 1,000 valid
// and then 1,000 invalid DESK PUT shareSettings bodies of just under 1 MiB (the body limit), one after
// another on one keep-alive connection. Its RSS (from /proc) is read once it is ready and settled, sampled
// every 100 ms for the peak, read again right after the last answer (the figure the target uses) and, for
// information, after 10 s more without requests. Target: growth <= the journal's byte
// bound (DEFAULT_JOURNAL_BYTES of the build, 32 MiB if the build has none) + 64 MiB. Every answer's status
// is counted, as are answers that never came; a run that cannot send every body in its time budget says so.
import http from 'node:http';
import { join } from 'node:path';
import { ask, freePort, rssMiB, start, stop } from './processes';
import { DESK_DASHBOARD, DESK_SHARE_PATH } from './scenarios';
import type { ServerDef } from './servers';
import { readiness, ROOT } from './servers';

export const MEMORY_BODY_LIMIT = 1024 * 1024;
/** The bodies' size: just under the 1 MiB body limit. */
export const MEMORY_BODY_BYTES = MEMORY_BODY_LIMIT - 16;
const FALLBACK_JOURNAL_BYTES = 32 * 1024 * 1024;
const SETTLE_MS = 10_000;

export interface MemoryKind {
  /** Bodies the bench meant to send, and those that got an answer. */
  planned: number;
  answered: number;
  /** Status -> count; requests with no answer (error, timeout, budget) are not in here. */
  statuses: Record<string, number>;
  expected: number;
  maxMs: number;
  seconds: number;
}

export interface MemoryResults {
  bodyBytes: number;
  journalBytes: number;
  /** Where journalBytes came from: the build's DEFAULT_JOURNAL_BYTES, or the 32 MiB fallback. */
  journalBytesSource: 'dist/emulator.js DEFAULT_JOURNAL_BYTES' | 'fallback';
  valid: MemoryKind;
  invalid: MemoryKind;
  beforeMiB: number;
  afterMiB: number;
  peakMiB: number;
  /** RSS after a further 10 s without requests (for information: V8 may have collected garbage by then). */
  settledMiB?: number;
  /** Whether the emulator was still running after the last request. */
  alive: boolean;
  /** Bytes the emulator wrote to stdout and stderr during the run (drained by the bench). */
  logBytes: number;
}

export function journalBytes(): { bytes: number; source: MemoryResults['journalBytesSource'] } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const built = require(join(ROOT, 'dist', 'emulator.js')) as { DEFAULT_JOURNAL_BYTES?: unknown };
    if (typeof built.DEFAULT_JOURNAL_BYTES === 'number') return { bytes: built.DEFAULT_JOURNAL_BYTES, source: 'dist/emulator.js DEFAULT_JOURNAL_BYTES' };
  } catch {
    // no build, or a build without the setting
  }
  return { bytes: FALLBACK_JOURNAL_BYTES, source: 'fallback' };
}

/** A shareSettings body of exactly `size` bytes whose permissions array is filled with `entry`. */
function filledBody(entry: (i: number) => string, size: number): string {
  const head = `{"id":"${DESK_DASHBOARD}","enabled":true,"permissions":[`;
  const tail = '],"publicAccess":{"managementZoneIds":["default"]}}';
  const parts: string[] = [];
  let length = head.length + tail.length;
  for (let i = 0; ; i++) {
    const next = (i === 0 ? '' : ',') + entry(i);
    if (length + next.length > size) break;
    parts.push(next);
    length += next.length;
  }
  // Pad with JSON whitespace so that both bodies have the same size.
  const body = head + parts.join('') + ' '.repeat(size - length) + tail;
  if (Buffer.byteLength(body) !== size) throw new Error('body size');
  return body;
}

/** Valid: USER permissions with ids. Invalid: the same size of empty objects (no permission, no type). */
export function memoryBodies(size = MEMORY_BODY_BYTES): { valid: string; invalid: string } {
  const valid = filledBody((i) => `{"id":"user-${String(i).padStart(6, '0')}","permission":"VIEW","type":"USER"}`, size);
  const invalid = filledBody(() => '{}', size);
  return { valid, invalid };
}

function put(agent: http.Agent, port: number, body: string, timeoutMs: number): Promise<number> {
  const headers = { authorization: 'Api-Token dt0c01.abc12345.readwrite', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  return ask(port, { method: 'PUT', path: DESK_SHARE_PATH, headers, body }, timeoutMs, agent);
}

async function send(agent: http.Agent, port: number, body: string, planned: number, expected: number, deadline: number, log: (line: string) => void, label: string): Promise<MemoryKind> {
  const kind: MemoryKind = { planned, answered: 0, statuses: {}, expected, maxMs: 0, seconds: 0 };
  const t0 = Date.now();
  for (let i = 0; i < planned && Date.now() < deadline; i++) {
    const started = Date.now();
    const status = await put(agent, port, body, Math.max(1000, deadline - started));
    kind.maxMs = Math.max(kind.maxMs, Date.now() - started);
    if (status !== 0) {
      kind.answered++;
      kind.statuses[status] = (kind.statuses[status] ?? 0) + 1;
    }
    if ((i + 1) % 250 === 0) log(`  ${label}: ${i + 1} sent in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  kind.seconds = (Date.now() - t0) / 1000;
  return kind;
}

/** Runs the memory benchmark against a fresh emulator process; `count` bodies of each kind. */
export async function measureMemory(emulator: ServerDef, count: number, budgetSeconds: number, log: (line: string) => void): Promise<MemoryResults> {
  const { bytes, source } = journalBytes();
  const bodies = memoryBodies();
  const port = await freePort();
  const started = await start(emulator.command, emulator.args(port), emulator.env(port), port, readiness(emulator));
  const { child } = started;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const beforeMiB = rssMiB(child.pid);
    let peakMiB = beforeMiB;
    const sampler = setInterval(() => {
      const now = rssMiB(child.pid);
      if (now > peakMiB) peakMiB = now;
    }, 100);
    const deadline = Date.now() + budgetSeconds * 1000;
    const logBefore = started.outputBytes();
    const valid = await send(agent, port, bodies.valid, count, 204, deadline, log, 'valid');
    const invalid = await send(agent, port, bodies.invalid, count, 400, deadline, log, 'invalid');
    clearInterval(sampler);
    const afterMiB = rssMiB(child.pid);
    peakMiB = Math.max(peakMiB, afterMiB);
    const alive = child.exitCode === null && child.signalCode === null;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const settledMiB = rssMiB(child.pid);
    return { bodyBytes: MEMORY_BODY_BYTES, journalBytes: bytes, journalBytesSource: source, valid, invalid, beforeMiB, afterMiB, peakMiB, settledMiB, alive, logBytes: started.outputBytes() - logBefore };
  } finally {
    agent.destroy();
    await stop(child);
  }
}
