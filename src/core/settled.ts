// Whether a value can be kept by reference and its JSON text made once (an explanation's record, a response
// body served again): a small value that nothing can change any more (JSON scalars, and plain data objects and
// arrays frozen all the way down; a frozen object's getter could still answer differently later, so vendors
// freeze data properties only).

/** Values visited at most: a settled value is a small record, so anything larger is serialized at once. */
const SETTLED_NODES = 64;

/** Values the walk in progress may still visit (the walk is synchronous and calls nothing that could re-enter it). */
let budget = 0;

/**
 * The characters a settled value holds (its strings and keys, plus a few per value), or undefined when some
 * object in it is not frozen or not a plain object or array (a Map's entries cannot be frozen), or it has more
 * than SETTLED_NODES values.
 */
export function settledSize(root: unknown): number | undefined {
  if (root === lastRoot && root !== undefined) return lastSize;
  budget = SETTLED_NODES;
  const size = sizeOf(root);
  if (size < 0) return undefined;
  if (typeof root === 'object' && root !== null) {
    lastRoot = root;
    lastSize = size;
  }
  return size;
}

/**
 * The last settled object walked and its size: a settled value stays settled, and a change's `before` is usually
 * the `after` walked just before it (one record changed again and again). One entry, not a WeakMap: adding a key
 * a request to a weak table cost more (its rehashes) than the walks it saved.
 */
let lastRoot: object | undefined;
let lastSize = 0;

/** -1 when not settled. */
function sizeOf(value: unknown): number {
  if (--budget < 0) return -1;
  if (typeof value === 'string') return value.length + 2;
  // A function (a toJSON among them), a bigint or a symbol is not JSON data that serializes the same later.
  if (typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') return -1;
  if (typeof value !== 'object' || value === null) return 8;
  if (!Object.isFrozen(value)) return -1;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const n = childSize((value as unknown[])[i]);
      if (n < 0) return -1;
      size += n;
    }
    return size;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return -1;
  for (const key in value) {
    const n = childSize((value as Record<string, unknown>)[key]);
    if (n < 0) return -1;
    size += key.length + 4 + n;
  }
  return size;
}

/** sizeOf, with a string (most of a record's values) counted without the recursive call. */
function childSize(value: unknown): number {
  if (typeof value !== 'string') return sizeOf(value);
  return --budget < 0 ? -1 : value.length + 2;
}
