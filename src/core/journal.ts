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
  /** ISO time: entries at or after it. */
  since?: string;
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
  private entries: (JournalEntry | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.entries = new Array<JournalEntry | undefined>(Math.max(0, capacity));
  }

  record(exchange: Exchange): void {
    if (this.capacity === 0) return;
    const body = exchange.requestBody ?? Buffer.alloc(0);
    const requestBody = body.length > JOURNAL_BODY_LIMIT ? Buffer.from(body.subarray(0, JOURNAL_BODY_LIMIT)) : body;
    const responseText = exchange.responseText.length > JOURNAL_BODY_LIMIT ? exchange.responseText.slice(0, JOURNAL_BODY_LIMIT) : exchange.responseText;
    this.entries[this.next] = { exchange, requestBody, responseText, truncated: requestBody !== body || responseText !== exchange.responseText };
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Matching entries, oldest first. */
  query(filter: JournalFilter): JournalEntry[] {
    const method = filter.method?.toUpperCase();
    const matches = this.ordered().filter(({ exchange: e }) => {
      if (e.namespace !== filter.namespace) return false;
      if (filter.vendor !== undefined && e.vendor !== filter.vendor) return false;
      if (filter.operationId !== undefined && e.operationId !== filter.operationId) return false;
      if (method !== undefined && e.method !== method) return false;
      if (filter.status !== undefined && e.status !== filter.status) return false;
      if (filter.since !== undefined && e.time < filter.since) return false;
      return true;
    });
    return filter.limit === undefined ? matches : matches.slice(Math.max(0, matches.length - filter.limit));
  }

  /** Drops the entries of a namespace (optionally of one vendor only). */
  clear(namespace: string, vendor?: string): void {
    const kept = this.ordered().filter(({ exchange: e }) => e.namespace !== namespace || (vendor !== undefined && e.vendor !== vendor));
    this.entries = new Array<JournalEntry | undefined>(this.capacity);
    kept.forEach((entry, i) => (this.entries[i] = entry));
    this.count = kept.length;
    this.next = kept.length % Math.max(1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  private ordered(): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = this.count < this.capacity ? 0 : this.next;
    for (let i = 0; i < this.count; i++) {
      const entry = this.entries[(start + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }
}
