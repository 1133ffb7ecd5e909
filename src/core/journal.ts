// The request journal: one bounded ring buffer of finished exchanges, shared by all namespaces, so memory
// stays flat under load. Entries keep raw request/response data; redaction happens when they are read.
import type { Exchange } from './exchange';

/** Bodies longer than this are stored truncated (the journal is for assertions, not archiving). */
export const JOURNAL_BODY_LIMIT = 64 * 1024;

export interface JournalFilter {
  namespace: string;
  vendor?: string;
  operationId?: string;
  method?: string;
  status?: number;
  /** Epoch milliseconds: entries at or after it. */
  since?: number;
  /** The most recent N entries that match. */
  limit?: number;
}

export interface JournalEntry {
  exchange: Exchange;
  requestBody: Buffer;
  responseText: string;
  truncated: boolean;
}

export class Journal {
  // The exchanges themselves are the entries: no wrapper object per request on the hot path.
  private entries: (Exchange | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array<Exchange | undefined>(Math.max(0, capacity));
  }

  record(exchange: Exchange): void {
    if (this.capacity === 0) return;
    // Rare: a huge body is cut to a copy, so the journal never pins megabytes per entry.
    if (exchange.requestBody && exchange.requestBody.length > JOURNAL_BODY_LIMIT) {
      exchange.requestBody = Buffer.from(exchange.requestBody.subarray(0, JOURNAL_BODY_LIMIT));
      exchange.truncated = true;
    }
    if (exchange.responseText.length > JOURNAL_BODY_LIMIT) {
      exchange.responseText = exchange.responseText.slice(0, JOURNAL_BODY_LIMIT);
      exchange.truncated = true;
    }
    this.entries[this.next] = exchange;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Matching entries, oldest first. */
  query(filter: JournalFilter): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const matches = this.ordered().filter((e) => {
      if (e.namespace !== filter.namespace) return false;
      if (filter.vendor !== undefined && e.vendor !== filter.vendor) return false;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) return false;
      if (method !== undefined && e.method !== method) return false;
      if (filter.status !== undefined && e.status !== filter.status) return false;
      if (filter.since !== undefined && e.time < filter.since) return false;
      return true;
    });
    const kept = filter.limit === undefined ? matches : matches.slice(Math.max(0, matches.length - filter.limit));
    return kept.map((e) => ({ exchange: e, requestBody: e.requestBody ?? Buffer.alloc(0), responseText: e.responseText, truncated: e.truncated === true }));
  }

  /** Drops the entries of a namespace (optionally of one vendor only). */
  clear(namespace: string, vendor?: string): void {
    const kept = this.ordered().filter((e) => e.namespace !== namespace || (vendor !== undefined && e.vendor !== vendor));
    this.entries = new Array<Exchange | undefined>(this.capacity);
    kept.forEach((entry, i) => (this.entries[i] = entry));
    this.count = kept.length;
    this.next = kept.length % Math.max(1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  private ordered(): Exchange[] {
    const out: Exchange[] = [];
    const start = this.count < this.capacity ? 0 : this.next;
    for (let i = 0; i < this.count; i++) {
      const entry = this.entries[(start + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }
}
