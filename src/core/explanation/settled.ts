// Whether a recorded value can be kept by reference and serialized only when someone reads it: a small value
// that nothing can change any more (primitives, and objects and arrays frozen all the way down).

/** Values visited at most: a settled value is a small record, so anything larger is serialized at once. */
const SETTLED_NODES = 64;

/**
 * The characters a settled value holds (its strings and keys, plus a few per value), or undefined when some
 * object in it is not frozen, it holds a Map or a Set, or it has more than SETTLED_NODES values.
 */
export function settledSize(root: unknown): number | undefined {
  let nodes = 0;
  let size = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (++nodes > SETTLED_NODES) return undefined;
    if (typeof value === 'string') size += value.length + 2;
    else if (typeof value !== 'object' || value === null) size += 8;
    else {
      if (!Object.isFrozen(value) || value instanceof Map || value instanceof Set) return undefined;
      size += 2;
      if (Array.isArray(value)) for (const item of value) stack.push(item);
      else
        for (const key in value) {
          size += key.length + 4;
          stack.push((value as Record<string, unknown>)[key]);
        }
    }
  }
  return size;
}
