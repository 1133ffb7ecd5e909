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

/** Handler-side rule violations use this helper so they read like schema ones. */
export function ruleViolation(location: ViolationLocation, path: readonly (string | number)[], message: string): Violation {
  return { in: location, path, keyword: 'rule', message };
}
