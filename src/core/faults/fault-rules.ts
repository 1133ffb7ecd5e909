// Fault rules of one namespace: what they match (vendor, operationId, method, path) and what they do
// (a status in the vendor's envelope, a 429 with Retry-After, a delay, a dropped connection), N times
// or until removed. The first matching rule fires. Path patterns run on RE2's linear-time engine (re2js):
// a backtracking RegExp let one pattern like `(a+)+$` hold the event loop for seconds per request.
import { RE2JS } from 're2js';

/** Longest accepted pathPattern, and longest path a pattern is run against (longer paths never match one). */
export const PATTERN_LIMITS = { patternLength: 1000, pathLength: 16 * 1024 } as const;

/** Compiles a pathPattern (RE2 syntax: no backreferences or lookaround); throws with the reason if it cannot. */
export function compilePathPattern(pattern: string): RE2JS {
  if (pattern.length > PATTERN_LIMITS.patternLength) throw new Error(`longer than ${PATTERN_LIMITS.patternLength} characters`);
  return RE2JS.compile(pattern);
}

export interface FaultMatch {
  vendor?: string;
  operationId?: string;
  method?: string;
  /** Exact request path (without the query string). */
  path?: string;
  /** A regular expression (RE2 syntax) the request path must match somewhere. */
  pathPattern?: string;
}

export interface FaultAction {
  /** Answer this status in the vendor's error envelope. */
  status?: number;
  message?: string;
  /** Adds Retry-After (seconds); without a status it means 429. */
  retryAfter?: number;
  /** Wait this long first; alone, the request then proceeds normally. */
  delayMs?: number;
  /** Close the connection without answering (clients see a socket error). */
  drop?: boolean;
}

export interface FaultRule {
  id: string;
  match: FaultMatch;
  action: FaultAction;
  /** Fire at most this many times (absent: until removed). */
  times?: number;
  fired: number;
  createdAt: string;
}

export interface FaultTarget {
  vendor: string;
  /** The routed operation and, for RPC vendors, the one the body selects. */
  operationIds: readonly string[];
  method: string;
  path: string;
}

export class FaultSet {
  private rules: FaultRule[] = [];
  private patterns = new Map<string, RE2JS>();

  add(rule: FaultRule): FaultRule {
    if (rule.match.pathPattern !== undefined) this.patterns.set(rule.id, compilePathPattern(rule.match.pathPattern));
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  get size(): number {
    return this.rules.length;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    this.patterns.delete(id);
    return this.rules.length < before;
  }

  clear(vendor?: string): void {
    this.rules = vendor === undefined ? [] : this.rules.filter((r) => r.match.vendor !== undefined && r.match.vendor !== vendor);
    for (const id of [...this.patterns.keys()]) if (!this.rules.some((r) => r.id === id)) this.patterns.delete(id);
  }

  /** The first rule matching the request; counts the firing and retires a rule whose times are used up. */
  fire(target: FaultTarget): FaultRule | undefined {
    const rule = this.rules.find((r) => this.matches(r, target));
    if (!rule) return undefined;
    rule.fired += 1;
    if (rule.times !== undefined && rule.fired >= rule.times) this.remove(rule.id);
    return rule;
  }

  private matches(rule: FaultRule, t: FaultTarget): boolean {
    const m = rule.match;
    if (m.vendor !== undefined && m.vendor !== t.vendor) return false;
    if (m.operationId !== undefined && !t.operationIds.includes(m.operationId)) return false;
    if (m.method !== undefined && m.method.toUpperCase() !== t.method) return false;
    if (m.path !== undefined && m.path !== t.path) return false;
    const pattern = this.patterns.get(rule.id);
    return pattern === undefined || (t.path.length <= PATTERN_LIMITS.pathLength && pattern.matcher(t.path).find());
  }
}
