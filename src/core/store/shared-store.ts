// State shared by several emulator processes through Redis (--store redis://...). Each process keeps its
// NamespaceRegistry as a cache; a request runs as a transaction on one namespace: take the namespace's local
// lock, bring the parts it touches up to date (one script call: versions, and documents only where they
// changed), run, and if a part's text changed, commit it with a compare-and-set on the versions read. When
// another process committed first, the cache is dropped and the request runs again on the new state.
// So a write acknowledged by any process is what every later read sees, and no update is lost or torn.
import { BadRequest, Unavailable } from '../errors';
import type { NamespaceRegistry } from '../namespaces';
import { DEFAULT_NAMESPACE } from '../namespaces';
import { KeyedLock } from './keyed-lock';
import type { StoreRedis } from './redis-connection';
import { StateParts } from './state-parts';

/** A request that lost this many races in a row is answered 503 rather than retried forever. */
const MAX_ATTEMPTS = 50;

interface CachedPart {
  version: string;
  text: string;
}

export class SharedStore {
  readonly parts: StateParts;
  private readonly locks = new KeyedLock();
  private readonly cache = new Map<string, Map<string, CachedPart>>();
  private readonly evictionListeners: ((name: string) => void)[] = [];
  /** Times this process ran a transaction again because another process committed first (a metric). */
  racesLost = 0;

  constructor(
    private readonly redis: StoreRedis,
    private readonly registry: NamespaceRegistry,
    readonly url: string,
    private readonly prefix = 'se:',
  ) {
    this.parts = new StateParts(registry);
  }

  /** Whether Redis answers now (health reports `degraded` otherwise). */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Called with each namespace the shared MAX_NAMESPACES bound evicted (in any process). */
  onEvicted(listener: (name: string) => void): void {
    this.evictionListeners.push(listener);
  }

  /**
   * Runs `work` on the namespace's current parts and commits what it changed, atomically. `work` may run more
   * than once (after losing a race), so it must do nothing but read and change the namespace's state.
   * `readOnly` parts are not compared afterwards (a GET's vendor state: exporting it costs more than the read).
   */
  transact<T>(namespace: string, parts: readonly string[], work: () => T | Promise<T>, readOnly: readonly string[] = []): Promise<T> {
    return this.locks.run(namespace, async () => {
      for (let attempt = 1; ; attempt++) {
        const read = await this.sync(namespace, parts);
        let result: T;
        try {
          result = await work();
        } catch (error) {
          // Work that failed half-way must not leave its changes in the cache.
          if (parts.some((part) => this.parts.text(namespace, part) !== read.get(part)?.text)) this.cache.delete(namespace);
          throw error;
        }
        const writes: (string | number)[] = [];
        const texts = new Map<string, string>();
        for (const part of parts) {
          const before = read.get(part) as CachedPart;
          // A part never written is committed by its first request, read-only or not: see sync().
          if (before.version !== '0' && readOnly.includes(part)) continue;
          const text = this.parts.text(namespace, part);
          if (text === before.text) continue;
          writes.push(part, before.version, text);
          texts.set(part, text);
        }
        if (texts.size === 0) return result;
        const version = await this.call(() => this.redis.seCommit(this.nsKey(namespace), `${this.prefix}seq`, `${this.prefix}namespaces`, namespace, Date.now(), ...writes));
        if (version !== 0) {
          const cached = this.cache.get(namespace);
          for (const [part, text] of texts) cached?.set(part, { version: String(version), text });
          return result;
        }
        this.cache.delete(namespace);
        if (attempt >= MAX_ATTEMPTS) throw new Unavailable(`namespace ${namespace} changed under this request ${MAX_ATTEMPTS} times in a row; try again`);
        this.racesLost += 1;
      }
    });
  }

  /** Brings every namespace of the store into this process (for listings) without marking any of them used. */
  async refresh(): Promise<void> {
    const names = await this.call(() => this.redis.zrange(`${this.prefix}namespaces`, 0, -1));
    for (const name of this.registry.names()) if (name !== DEFAULT_NAMESPACE && !names.includes(name)) this.forgetLocally(name);
    for (const name of names) await this.locks.run(name, () => this.sync(name, this.parts.all(), false));
  }

  /** Removes a namespace from the store (and this process); whether it existed. */
  async drop(name: string): Promise<boolean> {
    if (name === DEFAULT_NAMESPACE) throw new BadRequest('The default namespace cannot be dropped; reset it instead');
    return this.locks.run(name, async () => {
      const [[, removed]] = (await this.call(() => this.redis.multi().zrem(`${this.prefix}namespaces`, name).del(this.nsKey(name)).exec())) as [[unknown, number]];
      this.forgetLocally(name);
      return removed === 1;
    });
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private forgetLocally(name: string): void {
    this.cache.delete(name);
    if (this.registry.peek(name)) this.registry.drop(name);
  }

  /** Brings the parts up to date in this process; returns what was read (the baseline of a commit). */
  private async sync(namespace: string, parts: readonly string[], touch = true): Promise<Map<string, CachedPart>> {
    // A namespace the local registry forgot (its own bound) has no valid cache either.
    if (!this.registry.peek(namespace)) this.cache.delete(namespace);
    let cached = this.cache.get(namespace);
    if (!cached) {
      cached = new Map();
      this.cache.set(namespace, cached);
    }
    const args: (string | number)[] = [namespace, touch ? Date.now() : '', this.registry.maxNamespaces, `${this.prefix}ns:`];
    for (const part of parts) args.push(part, cached.get(part)?.version ?? '-');
    const reply = await this.call(() => this.redis.seLoad(this.nsKey(namespace), `${this.prefix}namespaces`, ...args));
    const evicted = reply.pop() as string[];
    for (const name of evicted) {
      this.forgetLocally(name);
      for (const listener of this.evictionListeners) listener(name);
    }
    this.registry.get(namespace); // exists locally now (the script created it in the store)
    parts.forEach((part, i) => {
      const [version, doc] = reply[i] as [string, string | null];
      if (cached.get(part)?.version === version) return;
      if (version === '0') {
        // Never written: this process's fixtures, with a baseline no text equals, so the first request commits
        // them and every process then serves the same build (fixtures stamped with the time they were built).
        this.parts.adopt(namespace, part, null);
        cached.set(part, { version, text: '' });
      } else {
        this.parts.adopt(namespace, part, doc);
        cached.set(part, { version, text: doc as string });
      }
    });
    return new Map(parts.map((part) => [part, cached.get(part) as CachedPart]));
  }

  private nsKey(namespace: string): string {
    return `${this.prefix}ns:${namespace}`;
  }

  /** A Redis call; any failure of the store is the vendor's 503, never a 500. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new Unavailable(`the shared store ${this.url} is unavailable (${(error as Error).message}); the emulator retries on its own`);
    }
  }
}
