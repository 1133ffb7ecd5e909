// One exchange as the client sent and received it, in the format scripts/contract-judge.mjs reads: one JSON
// line per exchange in `<run folder>/*.jsonl`. Bodies larger than INLINE_LIMIT are stored once per content
// in `<run folder>/bodies/<sha256>.txt` (fuzz bodies repeat), and bodies larger than STORE_LIMIT are not
// stored at all (the judge then counts the exchange as "body not recorded" instead of judging its input).
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the record came from: a test's in-process emulator, startEmulator(), a CLI child's journal, the fuzz run. */
export type RecordSource = 'in-process' | 'api' | 'cli' | 'fuzz';

/**
 * What the emulator's own request validation decided: `not-run` when it did not validate (authentication
 * failed first, routing error, fault, unreadable body), `unknown` when the judge cannot know (a child's
 * journal entry was evicted, or the exchange is a control-plane call, which is never journaled).
 */
export type Decision = 'passed' | 'rejected' | 'not-run' | 'unknown';

export interface ExchangeRecord {
  format: 2;
  source: RecordSource;
  test: string;
  /** x-emulator-request-id, when the answer carried one. */
  id: string | null;
  /** null: no vendor claimed the path (the catch-all 404); undefined: not known (not journaled). */
  vendor?: string | null;
  /** null: routing failed (404/405); undefined: not known. */
  operationId?: string | null;
  method: string;
  /** Path as sent, without the query string. */
  path: string;
  query: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  requestBodyRef?: string;
  requestBodyBytes: number;
  decision: Decision;
  /** null: no answer. */
  status: number | null;
  responseHeaders: Record<string, string>;
  responseText: string | null;
  responseTextRef?: string;
  responseTextBytes: number;
  /** The fault rule id ('header' for X-Emulator-Fault) that answered, if any. */
  fault: string | null;
  dropped: boolean;
  /** The answer came from Node's HTTP parser (no x-emulator-request-id): the emulator never saw the request. */
  answeredBy?: 'node-parser';
}

/** Bodies up to this size are written inside the record. */
export const INLINE_LIMIT = 16 * 1024;
/** Bodies up to this size are written to bodies/<sha256>.txt; larger ones are not recorded. */
export const STORE_LIMIT = 4 * 1024 * 1024;

export function headersOf(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

/** Appends records to one file of a run folder; bodies go to the folder's bodies/ store. */
export class RecordWriter {
  private readonly pending: string[] = [];
  private readonly stored = new Set<string>();
  readonly file: string;

  constructor(
    readonly dir: string,
    fileName: string,
  ) {
    this.file = join(dir, fileName);
  }

  /** Inline text, a reference to the body store, or neither (too large), with the size in bytes. */
  text(value: string | Buffer | null | undefined): { text: string | null; ref?: string; bytes: number } {
    if (value === null || value === undefined) return { text: null, bytes: 0 };
    const bytes = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
    if (bytes > STORE_LIMIT) return { text: null, bytes };
    const text = typeof value === 'string' ? value : value.toString('utf8');
    if (bytes <= INLINE_LIMIT) return { text, bytes };
    const ref = createHash('sha256').update(text).digest('hex');
    if (!this.stored.has(ref)) {
      const bodies = join(this.dir, 'bodies');
      mkdirSync(bodies, { recursive: true });
      const path = join(bodies, `${ref}.txt`);
      if (!existsSync(path)) writeFileSync(path, text);
      this.stored.add(ref);
    }
    return { text: null, ref, bytes };
  }

  add(record: ExchangeRecord): void {
    this.pending.push(JSON.stringify(record));
  }

  flush(): void {
    if (this.pending.length === 0) return;
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.file, `${this.pending.join('\n')}\n`);
    this.pending.length = 0;
  }
}

/** Fills the body fields of a record from raw texts. */
export function withBodies(
  writer: RecordWriter,
  record: Omit<ExchangeRecord, 'requestBody' | 'requestBodyBytes' | 'responseText' | 'responseTextBytes'>,
  requestBody: string | Buffer | null | undefined,
  responseText: string | Buffer | null | undefined,
): ExchangeRecord {
  const req = writer.text(requestBody);
  const res = writer.text(responseText);
  const out: ExchangeRecord = { ...record, requestBody: req.text, requestBodyBytes: req.bytes, responseText: res.text, responseTextBytes: res.bytes };
  if (req.ref) out.requestBodyRef = req.ref;
  if (res.ref) out.responseTextRef = res.ref;
  return out;
}
