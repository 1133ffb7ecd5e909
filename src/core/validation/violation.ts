// One broken rule of a request: where it is (location + JSON path), which rule, and a default message.
// Vendors render violations in their own words; the core only collects them.

export type ViolationLocation = 'path' | 'query' | 'header' | 'body';

export interface Violation {
  in: ViolationLocation;
  /** Segments into the input: for parameters [name, ...], for the body the JSON path ([] is the body itself). */
  path: readonly (string | number)[];
  /** The JSON Schema keyword that failed ('required', 'type', 'enum', 'format', ...) or 'rule' for handler checks. */
  keyword: string;
  message: string;
  params?: Readonly<Record<string, unknown>>;
}

/** A path as Java beans and most APIs print it: `permissions[0].id`; '' for the input itself. */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Handler-side rule violations use this helper so they read like schema ones. */
export function ruleViolation(location: ViolationLocation, path: readonly (string | number)[], message: string): Violation {
  return { in: location, path, keyword: 'rule', message };
}
