// Turns Ajv's error objects into the core's Violations: JSON path segments instead of pointers, and the
// missing or unexpected property name appended, so vendors can say "dashboardMetadata.owner may not be null".
import type { ErrorObject } from 'ajv';
import type { Violation, ViolationLocation } from './violation';

/** Appends the violations Ajv found to `out`, until `out` holds `limit` of them; returns `out`. */
export function toViolations(location: ViolationLocation, errors: readonly ErrorObject[] | null | undefined, data: unknown, out: Violation[] = [], limit = Infinity): Violation[] {
  if (!errors) return out;
  const seen = new Set<string>();
  for (const error of errors) {
    if (out.length >= limit) break;
    const path = pointerToPath(error.instancePath, data);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') path.push(params.missingProperty);
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') path.push(params.additionalProperty);
    if (error.keyword === 'unevaluatedProperties' && typeof params.unevaluatedProperty === 'string') path.push(params.unevaluatedProperty);
    // allErrors can report the same place twice (through $ref and directly); keep one.
    const key = `${error.keyword}|${path.join('\u0000')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ in: location, path, keyword: error.keyword, message: error.message ?? error.keyword, params });
  }
  return out;
}

/** JSON pointer -> path segments; a segment is a number only where the data at that point is an array. */
export function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path.push(index);
      node = node[index];
    } else {
      path.push(key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}
