// GET /_emulator/events: journal entries as server-sent events. Each subscriber gets a replay of recent entries
// (to it alone), then live ones, gathered and written once per batch interval (one write for many entries, not
// one per entry per subscriber); a subscriber that cannot keep up has a bounded queue, then loses entries and is
// told to resync; a closed one is forgotten at once.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Journal, JournalRecord } from '../core/journal';
import type { CredentialLocations } from '../core/redaction';
import { journalView } from './journal-view';

export interface StreamFilter {
  namespace?: string;
  vendor?: string;
  /** How many recent entries to replay on connect. */
  replay: number;
}

export interface EventStreamLimits {
  /** A comment line is sent this often so proxies and browsers keep an idle stream open. */
  keepAliveMs: number;
  /** Live entries are gathered this long and then written together (a person cannot read faster anyway). */
  batchMs: number;
  /**
   * Entries a batch carries at most: under load (thousands a second) only the newest are rendered and sent, the
   * rest counted in a resync marker, so a console costs the server a bounded amount whatever the request rate.
   */
  batchEntries: number;
  /** Entries and bytes a subscriber may have waiting before its queue is dropped for a resync marker. */
  queueEntries: number;
  queueBytes: number;
}

export const DEFAULT_STREAM_LIMITS: EventStreamLimits = { keepAliveMs: 15_000, batchMs: 50, batchEntries: 50, queueEntries: 1000, queueBytes: 4 * 1024 * 1024 };

interface Subscriber {
  res: ServerResponse;
  filter: StreamFilter;
  /** Events waiting while the socket is congested (res.write returned false). */
  queue: string[];
  queuedBytes: number;
  congested: boolean;
  /** Entries dropped since the last resync marker. */
  dropped: number;
}

export class EventStreams {
  private readonly subscribers = new Set<Subscriber>();
  private unsubscribe: (() => void) | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  /** Records journaled since the last batch went out. */
  private pending: JournalRecord[] = [];
  private batchTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly journal: Journal,
    private readonly credentials: ReadonlyMap<string, CredentialLocations>,
    private readonly limits: EventStreamLimits = DEFAULT_STREAM_LIMITS,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Starts the stream on res: headers, the replay, then live entries until either side closes. */
  open(res: ServerResponse, filter: StreamFilter, headers: Record<string, string>): { headers: OutgoingHttpHeaders; text: string } {
    const subscriber: Subscriber = { res, filter, queue: [], queuedBytes: 0, congested: false, dropped: 0 };
    const head = {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    };
    res.writeHead(200, head);
    const replayed = filter.replay === 0 ? [] : this.journal.query({ namespace: filter.namespace, vendor: filter.vendor, limit: filter.replay });
    let text = 'retry: 2000\n\n';
    for (const record of replayed) text += this.event(record);
    text += `event: replayed\ndata: ${JSON.stringify({ count: replayed.length })}\n\n`;
    this.subscribers.add(subscriber);
    this.send(subscriber, text);
    res.on('drain', () => this.flush(subscriber));
    res.on('close', () => this.forget(subscriber));
    this.unsubscribe ??= this.journal.subscribe((record) => this.gather(record));
    if (!this.keepAlive) {
      this.keepAlive = setInterval(() => this.ping(), this.limits.keepAliveMs);
      this.keepAlive.unref();
    }
    return { headers: head, text };
  }

  /** Ends every stream (a graceful stop must not wait on them). */
  closeAll(): void {
    for (const subscriber of [...this.subscribers]) subscriber.res.end();
  }

  /** On the request's path only a push: rendering and writing wait for the batch. */
  private gather(record: JournalRecord): void {
    this.pending.push(record);
    if (this.batchTimer === undefined) this.batchTimer = setTimeout(() => this.publish(), this.limits.batchMs);
  }

  private publish(): void {
    const records = this.pending;
    this.pending = [];
    this.batchTimer = undefined;
    const texts = new Map<JournalRecord, string>();
    for (const subscriber of this.subscribers) {
      const { namespace, vendor } = subscriber.filter;
      const wanted = records.filter((r) => (namespace === undefined || r.namespace === namespace) && (vendor === undefined || r.vendor === vendor));
      const skipped = wanted.length - this.limits.batchEntries;
      let batch = skipped > 0 ? resyncMarker(skipped) : '';
      for (const record of skipped > 0 ? wanted.slice(skipped) : wanted) {
        // Rendered once for every subscriber it goes to, and not at all when none wants it.
        let text = texts.get(record);
        if (text === undefined) {
          text = this.event(record);
          texts.set(record, text);
        }
        if (batch.length + text.length > this.limits.queueBytes) {
          // A batch never exceeds the queue's byte bound: past it, writes go through the bounded queue.
          this.send(subscriber, batch);
          batch = '';
        }
        if (subscriber.congested) this.send(subscriber, text);
        else batch += text;
      }
      if (batch !== '') this.send(subscriber, batch);
    }
  }

  private event(record: JournalRecord): string {
    const view = journalView(record, this.credentials.get(record.vendor ?? ''));
    // JSON.stringify never writes a raw newline, so the entry is one data line.
    return `id: ${record.id}\nevent: request\ndata: ${JSON.stringify(view)}\n\n`;
  }

  private send(subscriber: Subscriber, text: string): void {
    if (subscriber.congested) {
      if (subscriber.queue.length >= this.limits.queueEntries || subscriber.queuedBytes + text.length > this.limits.queueBytes) {
        // Past the bound the waiting entries go: the client is told how many it missed and refetches.
        subscriber.dropped += subscriber.queue.length + 1;
        subscriber.queue = [];
        subscriber.queuedBytes = 0;
        return;
      }
      subscriber.queue.push(text);
      subscriber.queuedBytes += text.length;
      return;
    }
    subscriber.congested = !subscriber.res.write(text);
  }

  private flush(subscriber: Subscriber): void {
    subscriber.congested = false;
    if (subscriber.dropped > 0) {
      const marker = resyncMarker(subscriber.dropped);
      subscriber.dropped = 0;
      subscriber.congested = !subscriber.res.write(marker);
    }
    while (!subscriber.congested && subscriber.queue.length > 0) {
      const text = subscriber.queue.shift() as string;
      subscriber.queuedBytes -= text.length;
      subscriber.congested = !subscriber.res.write(text);
    }
  }

  private ping(): void {
    for (const subscriber of this.subscribers) if (!subscriber.congested) subscriber.congested = !subscriber.res.write(': keep-alive\n\n');
  }

  private forget(subscriber: Subscriber): void {
    subscriber.queue = [];
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.pending = [];
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
  }
}

/** Tells a subscriber it missed `dropped` entries (it refetches GET /_emulator/requests). */
function resyncMarker(dropped: number): string {
  return `event: resync\ndata: ${JSON.stringify({ dropped })}\n\n`;
}
