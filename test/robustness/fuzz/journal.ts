// The emulator's own decision about each fuzz request, read back from the child's journal between waves
// (GET /_emulator/requests, per namespace), joined to the exchange by x-emulator-request-id, and each
// exchange written as the client sent and received it for the prism judge (test/support/exchange-record.ts).
import type { Decision, ExchangeRecord, RecordWriter } from '../../support/exchange-record';
import { withBodies } from '../../support/exchange-record';
import type { FuzzCase } from './cases';
import type { Answer } from './transport';
import { vendorOf } from './verdict';

export const NAMESPACE_HEADER = 'x-emulator-namespace';
const NAMESPACE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** What a journal entry says about an exchange (GET /_emulator/requests). */
export interface JournalEntry {
  id: string;
  vendor: string | null;
  operationId: string | null;
  fault?: string;
  path: string;
  query: string;
  /** How long the emulator itself took (from the request's arrival to the end of its answer). */
  durationMs?: number;
  /** passed | rejected, absent when validation did not run. */
  validation?: string;
  /** Present when validation rejected the request (older builds carry only this). */
  violations?: unknown[];
}

export interface SentCase {
  index: number;
  c: FuzzCase;
  answer: Answer;
}

export interface JoinCounts {
  /** Vendor exchanges whose journal entry was found. */
  joined: number;
  /** Vendor exchanges with a request id but no entry any more (evicted, or the child was restarted). */
  evicted: number;
  /** Control-plane calls: never journaled, so the emulator's decision is unknown. */
  notJournaled: number;
  /** The longest time the emulator itself reported for a joined exchange (its journal's durationMs). */
  slowestServerMs: number;
}

/** The namespace a vendor request lands in: the header's when it is a valid name, else the default one. */
export function namespaceOf(c: FuzzCase): string {
  const header = c.headers[NAMESPACE_HEADER];
  return header !== undefined && NAMESPACE_NAME.test(header) ? header : 'default';
}

/** Reads the newest entries of each namespace the wave used (as many as it sent there, and a margin). */
export async function readJournal(url: string, wave: readonly SentCase[]): Promise<Map<string, JournalEntry>> {
  const perNamespace = new Map<string, number>();
  for (const { c } of wave) {
    if (vendorOf(c.path) === 'control') continue;
    const ns = namespaceOf(c);
    perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
  }
  const entries = new Map<string, JournalEntry>();
  for (const [ns, n] of perNamespace) {
    const headers: Record<string, string> = ns === 'default' ? {} : { [NAMESPACE_HEADER]: ns };
    const res = await fetch(`${url}/_emulator/requests?limit=${n + 16}`, { headers, signal: AbortSignal.timeout(30000) });
    if (res.status !== 200) throw new Error(`GET /_emulator/requests (${ns}) answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as { requests: JournalEntry[] };
    for (const entry of body.requests) entries.set(entry.id, entry);
  }
  return entries;
}

function decisionOf(entry: JournalEntry): Decision {
  if (entry.validation === 'passed' || entry.validation === 'rejected') return entry.validation;
  if (Array.isArray(entry.violations)) return 'rejected';
  return 'not-run';
}

/** One record per exchange of the wave, the emulator's decision joined from the journal where it is there. */
export function recordWave(writer: RecordWriter, wave: readonly SentCase[], journal: ReadonlyMap<string, JournalEntry>, seed: number, counts: JoinCounts): void {
  for (const { index, c, answer } of wave) {
    const id = answer.headers?.['x-emulator-request-id'] ?? null;
    const entry = id === null ? undefined : journal.get(id);
    const control = vendorOf(c.path) === 'control';
    const q = c.path.indexOf('?');
    // A raw request line can be malformed (a space in the target): Node's parser decided what the path
    // is, and the journal says what it decided. An HTTP client's request target is exact as it is.
    const target = answer.raw && entry ? { path: entry.path, query: entry.query } : { path: q < 0 ? c.path : c.path.slice(0, q), query: q < 0 ? '' : c.path.slice(q + 1) };
    if (entry) {
      counts.joined++;
      if (!c.delayed && (entry.durationMs ?? 0) > counts.slowestServerMs) counts.slowestServerMs = entry.durationMs ?? 0;
    }
    else if (control && id !== null) counts.notJournaled++;
    else if (id !== null) counts.evicted++;
    const record = withBodies(
      writer,
      {
        format: 2,
        source: 'fuzz',
        test: `fuzz seed ${seed} #${index} ${c.kind}`,
        id,
        // undefined: the judge routes the request itself (control calls, evicted entries).
        vendor: entry ? entry.vendor : undefined,
        operationId: entry ? entry.operationId : undefined,
        method: c.method,
        path: target.path,
        query: target.query,
        requestHeaders: answer.sentHeaders,
        decision: entry ? decisionOf(entry) : 'unknown',
        status: answer.status ?? null,
        responseHeaders: answer.headers ?? {},
        fault: entry?.fault ?? answer.headers?.['x-emulator-fault'] ?? null,
        dropped: false,
      },
      c.raw ? rawBody(c.raw) : (c.body ?? null),
      answer.body ?? null,
    );
    if (answer.status !== undefined && id === null) record.answeredBy = 'node-parser';
    // Not read by the judge: for looking into slow answers.
    (record as ExchangeRecord & { ms?: number }).ms = answer.ms === undefined ? undefined : Math.round(answer.ms * 10) / 10;
    writer.add(record);
  }
  writer.flush();
}

function rawBody(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4);
}
