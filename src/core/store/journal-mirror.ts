// Every process's journal holds every process's exchanges: each record (and each clear) made here is
// appended to a capped Redis stream, and a reader on its own connection applies the others' entries to the
// local journal, which stays bounded by entries and bytes as before; the stream is capped at the same
// number of entries. A process that starts reads the stream's entries first, so a restart loses nothing kept.
import type Redis from 'ioredis';
import type { Journal, JournalRecord } from '../journal';
import type { Explanation } from '../explanation/explanation';
import { composedExplanation } from '../explanation/explanation';
import type { Logger } from '../log';

type StreamEntry = [id: string, fields: string[]];

export class JournalMirror {
  private readonly reader: Redis;
  private readonly applied = new WeakSet<JournalRecord>();
  private lastId = '0';
  private stopped = false;
  private publishFailed = false;
  private loop?: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly journal: Journal,
    private readonly origin: string,
    private readonly logger: Logger,
    private readonly key: string,
  ) {
    // XREAD BLOCK holds its connection, so the reader has one of its own.
    this.reader = redis.duplicate();
    this.reader.on('error', () => undefined); // the main connection reports Redis errors once
    journal.subscribe((record) => {
      if (!this.applied.has(record)) this.append(['o', origin, 'r', JSON.stringify(record)]);
    });
    journal.onClear((namespace, vendor) => this.append(['o', origin, 'c', JSON.stringify({ namespace, vendor })]));
  }

  /** Starts reading; resolves once the entries already in the stream are in the local journal. */
  start(): Promise<void> {
    let caughtUp!: () => void;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    this.loop = this.read(caughtUp);
    return done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader.disconnect();
    await this.loop;
  }

  private append(fields: string[]): void {
    if (this.journal.capacity === 0) return;
    this.redis.xadd(this.key, 'MAXLEN', '~', this.journal.capacity, '*', ...fields).then(
      () => (this.publishFailed = false),
      (error: Error) => {
        // Logged once per outage: the store's health already says degraded.
        if (!this.publishFailed) this.logger.warn(`journal entry not shared (the shared store is unavailable: ${error.message})`);
        this.publishFailed = true;
      },
    );
  }

  private async read(caughtUp: () => void): Promise<void> {
    let behind = true;
    while (!this.stopped) {
      try {
        // Without BLOCK until the stream has nothing more: that is when this process has caught up.
        const reply = (behind
          ? await this.reader.xread('COUNT', 1000, 'STREAMS', this.key, this.lastId)
          : await this.reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', this.key, this.lastId)) as [string, StreamEntry[]][] | null;
        if (reply === null && behind) {
          behind = false;
          caughtUp();
        }
        for (const [, entries] of reply ?? []) for (const entry of entries) this.apply(entry);
      } catch {
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 500)); // Redis away: the connection reconnects itself
      }
    }
  }

  private apply([id, fields]: StreamEntry): void {
    this.lastId = id;
    const value = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) value.set(fields[i] as string, fields[i + 1] as string);
    if (value.get('o') === this.origin) return;
    const record = value.get('r');
    const clear = value.get('c');
    if (record !== undefined) {
      // The record's explanation arrives composed (JSON.stringify wrote what its source read).
      const { explanation, ...fields } = JSON.parse(record) as Omit<JournalRecord, 'explanation'> & { explanation?: Explanation };
      const entry: JournalRecord = explanation === undefined ? fields : { ...fields, explanation: composedExplanation(explanation) };
      this.applied.add(entry);
      this.journal.insert(entry);
    } else if (clear !== undefined) {
      const { namespace, vendor } = JSON.parse(clear) as { namespace: string; vendor?: string };
      this.journal.applyClear(namespace, vendor);
    }
  }
}
