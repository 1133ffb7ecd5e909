// The request journal: a ring of compact records of finished exchanges, shared by all namespaces and bounded
// twice, by entries and by (approximate) bytes, so that no mix of large bodies can grow memory without limit.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from './exchange';
import { pathText } from './validation/violation';
import type { ExplanationSource } from './explanation/explanation';

/** Bodies longer than this are stored truncated (the journal is for assertions, not archiving). */
export const JOURNAL_BODY_LIMIT = 64 * 1024;
/** Violations kept per entry, and characters kept per violation text. */
const VIOLATIONS_KEPT = 100;
const VIOLATION_TEXT_LIMIT = 300;
/** What one record costs besides its strings: the object, its fields and the header objects' overhead. */
const RECORD_OVERHEAD = 512;

/** Told of every new record, kept or not (the event stream); must not throw or mutate the record. */
export type JournalListener = (record: JournalRecord) => void;

export interface JournalFilter {
  /** Absent: every namespace (the event stream's replay). */
  namespace?: string;
  vendor?: string;
  operationId?: string;
  method?: string;
  status?: number;
  /** Epoch milliseconds: entries at or after it. */
  since?: number;
  /** The most recent N entries that match. */
  limit?: number;
}

/** One journal entry: copies of what was sent and answered, capped, never the live exchange. */
export interface JournalRecord {
  id: string;
  time: number;
  namespace: string;
  vendor: string | null;
  operationId: string | null;
  method: string;
  path: string;
  rawQuery: string;
  requestHeaders: IncomingHttpHeaders;
  requestText: string;
  status: number;
  responseHeaders: OutgoingHttpHeaders;
  responseText: string;
  durationMs: number;
  fault?: string;
  dropped?: boolean;
  truncated?: boolean;
  /** Whether request validation ran and how it ended. */
  validation?: 'passed' | 'rejected';
  /** When rejected: the first violations, in the emulator's words. */
  violations?: string[];
  /** Why it was answered so; immutable once the exchange closed, so the record shares it. */
  explanation?: ExplanationSource;
  /** What this record is counted as against the journal's byte bound. */
  bytes: number;
}

export interface JournalLimits {
  /** Entries kept (0 = journal off). */
  entries: number;
  /** Approximate bytes kept; the oldest entries are evicted first. */
  bytes: number;
}

export class Journal {
  private ring: (JournalRecord | undefined)[];
  private head = 0;
  private count = 0;
  private totalBytes = 0;
  private readonly listeners = new Set<JournalListener>();
  private readonly clearListeners: ((namespace: string, vendor?: string) => void)[] = [];

  constructor(readonly limits: JournalLimits) {
    this.ring = new Array<JournalRecord | undefined>(Math.max(0, limits.entries));
  }

  get capacity(): number {
    return this.limits.entries;
  }

  record(exchange: Exchange): void {
    if (this.limits.entries === 0 && this.listeners.size === 0) return;
    this.insert(compact(exchange));
  }

  /** Keeps a record made elsewhere (another emulator process's, through the shared store) as if made here. */
  insert(entry: JournalRecord): void {
    if (this.listeners.size > 0) for (const listener of this.listeners) listener(entry);
    if (this.limits.entries === 0) return;
    // A record larger than the whole bound is not kept at all (it could not be kept without evicting it).
    if (entry.bytes > this.limits.bytes) return;
    while (this.count > 0 && (this.count >= this.limits.entries || this.totalBytes + entry.bytes > this.limits.bytes)) this.evictOldest();
    this.ring[(this.head + this.count) % this.limits.entries] = entry;
    this.count += 1;
    this.totalBytes += entry.bytes;
  }

  /** Calls the listener with every record from now on; returns the way to stop. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Matching entries, oldest first. */
  query(filter: JournalFilter): JournalRecord[] {
    const method = filter.method?.toUpperCase();
    const matches = this.ordered().filter((e) => {
      if (filter.namespace !== undefined && e.namespace !== filter.namespace) return false;
      if (filter.vendor !== undefined && e.vendor !== filter.vendor) return false;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) return false;
      if (method !== undefined && e.method !== method) return false;
      if (filter.status !== undefined && e.status !== filter.status) return false;
      if (filter.since !== undefined && e.time < filter.since) return false;
      return true;
    });
    return filter.limit === undefined ? matches : matches.slice(Math.max(0, matches.length - filter.limit));
  }

  /** The entry with this request id in the namespace, if it is still kept. */
  find(namespace: string, id: string): JournalRecord | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const entry = this.ring[(this.head + i) % this.limits.entries];
      if (entry?.id === id) return entry.namespace === namespace ? entry : undefined;
    }
    return undefined;
  }

  /** Told of every clear made here (not of those `applyClear` applies for another process). */
  onClear(listener: (namespace: string, vendor?: string) => void): void {
    this.clearListeners.push(listener);
  }

  /** Drops the entries of a namespace (optionally of one vendor only) and tells the clear listeners. */
  clear(namespace: string, vendor?: string): void {
    for (const listener of this.clearListeners) listener(namespace, vendor);
    this.applyClear(namespace, vendor);
  }

  /** Drops the entries as `clear` does, without telling anyone: a clear another process made and shared. */
  applyClear(namespace: string, vendor?: string): void {
    const kept = this.ordered().filter((e) => e.namespace !== namespace || (vendor !== undefined && e.vendor !== vendor));
    this.ring = new Array<JournalRecord | undefined>(this.limits.entries);
    kept.forEach((entry, i) => (this.ring[i] = entry));
    this.head = 0;
    this.count = kept.length;
    this.totalBytes = kept.reduce((sum, e) => sum + e.bytes, 0);
  }

  get size(): number {
    return this.count;
  }

  /** The bytes the kept entries are counted as (always <= limits.bytes). */
  get bytes(): number {
    return this.totalBytes;
  }

  private evictOldest(): void {
    const oldest = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.limits.entries;
    this.count -= 1;
    this.totalBytes -= oldest?.bytes ?? 0;
  }

  private ordered(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = 0; i < this.count; i++) {
      const entry = this.ring[(this.head + i) % this.limits.entries];
      if (entry) out.push(entry);
    }
    return out;
  }
}

/**
 * A record as the journal makes it. A class, not an object literal: the journal keeps every record for a while, so
 * V8 soon decides a literal's allocation site is long-lived and throws away the optimized code of the function that
 * allocates there (a "tenuring changed" deopt), which then ran unoptimized for about 10,000 requests (node 24,
 * --trace-deopt). `new` of a class has no allocation site. Every field a request usually has is set here: one added
 * later would give each record a property array.
 */
class JournalEntry implements JournalRecord {
  readonly id: string;
  readonly time: number;
  readonly namespace: string;
  readonly vendor: string | null;
  readonly operationId: string | null;
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly requestHeaders: IncomingHttpHeaders;
  readonly requestText: string;
  readonly status: number;
  readonly responseHeaders: OutgoingHttpHeaders;
  readonly responseText: string;
  readonly durationMs: number;
  readonly validation: 'passed' | 'rejected' | undefined;
  readonly explanation: ExplanationSource | undefined;
  bytes = 0;
  declare fault?: string;
  declare dropped?: boolean;
  declare truncated?: boolean;
  declare violations?: string[];

  constructor(e: Exchange, requestText: string, responseText: string) {
    this.id = e.id;
    this.time = e.time;
    this.namespace = e.namespace;
    this.vendor = e.vendor;
    this.operationId = e.operationId;
    this.method = e.method;
    this.path = e.path;
    this.rawQuery = e.rawQuery;
    this.requestHeaders = e.requestHeaders;
    this.requestText = requestText;
    this.status = e.status;
    this.responseHeaders = e.responseHeaders;
    this.responseText = responseText;
    this.durationMs = e.durationMs;
    this.validation = e.validation?.outcome;
    this.explanation = e.explanationSource;
  }
}

function compact(e: Exchange): JournalRecord {
  let truncated = false;
  let requestText = '';
  if (e.requestBody !== undefined && e.requestBody.length > 0) {
    // A string of its own, so the record never pins the socket's read buffer or a request body of megabytes
    // (the text the request was read from is one, when the whole body fits).
    truncated = e.requestBody.length > JOURNAL_BODY_LIMIT;
    requestText = !truncated && e.requestText !== undefined ? e.requestText : e.requestBody.toString('utf8', 0, Math.min(e.requestBody.length, JOURNAL_BODY_LIMIT));
  }
  let responseText = e.responseText;
  if (responseText.length > JOURNAL_BODY_LIMIT) {
    truncated = true;
    responseText = Buffer.from(responseText.slice(0, JOURNAL_BODY_LIMIT), 'utf8').toString('utf8'); // flat copy, not a slice of the big one
  }
  const record = new JournalEntry(e, requestText, responseText);
  if (e.fault !== undefined) record.fault = e.fault;
  if (e.dropped) record.dropped = true;
  if (truncated) record.truncated = true;
  let violationBytes = e.explanationSource?.bytes ?? 0;
  if (e.validation?.outcome === 'rejected') {
    record.violations = (e.validation.violations ?? []).slice(0, VIOLATIONS_KEPT).map((v) => {
      const text = `${v.in} ${pathText(v.path) || '(body)'}: ${v.message}`;
      return text.length > VIOLATION_TEXT_LIMIT ? `${text.slice(0, VIOLATION_TEXT_LIMIT)}…` : text;
    });
    for (const v of record.violations) violationBytes += v.length;
  }
  record.bytes = RECORD_OVERHEAD + e.path.length + e.rawQuery.length + requestText.length + responseText.length + rawHeaderBytes(e.requestRawHeaders) + headerBytes(e.responseHeaders) + violationBytes;
  return record;
}

/** The characters of Node's raw header list (names and values alternate). */
function rawHeaderBytes(texts: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) n += (texts[i] as string).length;
  return n;
}

function headerBytes(headers: OutgoingHttpHeaders): number {
  let n = 0;
  for (const name in headers) {
    const value = headers[name];
    n += name.length + (typeof value === 'string' ? value.length : Array.isArray(value) ? value.join(', ').length : 8);
  }
  return n;
}
