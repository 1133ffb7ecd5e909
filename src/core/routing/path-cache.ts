// What a request path resolved to, kept for the paths asked for again (a client polls one resource, a test
// suite replays its calls): one map lookup instead of regular expressions. Bounded in entries and in the length
// of the request target a path was cut from (V8 may keep a cut string's whole source alive), so in bytes; emptied
// when full rather than tracking use (a miss only costs the work again).

/** Paths kept at most. */
export const PATH_CACHE_ENTRIES = 512;
/** The longest request target whose path is kept (longer ones are resolved every time): with the entries, at most 128 KiB of keys. */
export const PATH_CACHE_LENGTH = 256;

export class PathCache<V> {
  private readonly entries = new Map<string, V>();

  get(path: string): V | undefined {
    return this.entries.get(path);
  }

  /** `targetLength`: the length of the request target the path was cut from (its query included). */
  set(path: string, value: V, targetLength: number): void {
    if (targetLength > PATH_CACHE_LENGTH) return;
    if (this.entries.size >= PATH_CACHE_ENTRIES) this.entries.clear();
    this.entries.set(path, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
