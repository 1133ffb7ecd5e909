// Counts the JSON values in a parsed document without recursion, stopping once the count reaches a limit,
// so deciding how much work a document deserves costs at most that limit.

/**
 * The number of values (objects, arrays and scalars) in `root`, or `limit` if there are at least that many.
 * A Map or a Set is not JSON data: one counts as `limit` (callers that size plain data then take their slow path).
 */
export function countNodesUpTo(root: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count < limit) {
    const node = stack.pop();
    count += 1;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && count + stack.length < limit; i++) stack.push(node[i]);
    } else if (typeof node === 'object' && node !== null) {
      if (node instanceof Map || node instanceof Set) return limit;
      for (const key in node) {
        if (count + stack.length >= limit) break;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return Math.min(limit, count + stack.length);
}
