// The Explainer each request carries: collects facts into plain fields as they happen (no copies of
// documents but the capped before/after texts of a mutable record) and hands them over once the answer is known.
import type { CredentialRead, Explainer, Fact, LookupMiss, RouteFacts, RuleCheck, StateChange } from './explanation';
import { EXPLANATION_LIMITS, capText, maskCredential } from './explanation';
import { cappedJson } from './capped-json';
import { settledSize } from '../settled';

/**
 * A change as recorded. Each side is its JSON text, made at once, or a settled value (see settled.ts), kept as it
 * is and serialized when the change is read; a mutable record is serialized at once because the journal must show
 * it as it was, whatever happens to it later.
 */
export class RecordedChange {
  before?: unknown;
  after?: unknown;
  beforeSettled = false;
  afterSettled = false;
  /** Characters the two sides hold. */
  size = 0;

  constructor(
    readonly change: StateChange['change'],
    readonly record: string,
    before: unknown,
    after: unknown,
  ) {
    if (before !== undefined) {
      const size = settledSize(before);
      this.beforeSettled = size !== undefined;
      this.before = size === undefined ? cappedJson(before) : before;
      this.size += size ?? (this.before as string).length;
    }
    if (after !== undefined) {
      const size = settledSize(after);
      this.afterSettled = size !== undefined;
      this.after = size === undefined ? cappedJson(after) : after;
      this.size += size ?? (this.after as string).length;
    }
  }

  /** The change as an explanation shows it. */
  shown(): StateChange {
    const shown: StateChange = { change: this.change, record: this.record };
    if (this.before !== undefined) shown.before = textOf(this.before, this.beforeSettled);
    if (this.after !== undefined) shown.after = textOf(this.after, this.afterSettled);
    return shown;
  }
}

/** A recorded side's JSON text: made now for a settled value, made when recorded otherwise. */
function textOf(side: unknown, settled: boolean): string {
  return settled ? cappedJson(side) : (side as string);
}

/**
 * The last credential read and what explanations show of it. A client sends one token again and again and the
 * journal keeps a thousand explanations, so those share one frozen record instead of holding one each.
 */
let lastCredential: { location: string; name: string; value: string; publicPart: string | undefined; read: CredentialRead } | undefined;

/** The last rule check passed: a client passes one rule on the same facts again and again, so those share it too. */
let lastPassed: RuleCheck | undefined;

/** The route facts of operations nothing adds to once routed (no RPC action), one frozen record per operation. */
const sharedRoutes = new WeakMap<object, RouteFacts>();

export class ExplanationRecorder implements Explainer {
  route: RouteFacts;
  credentialRead?: CredentialRead;
  principalName?: string;
  tenant?: string;
  rules?: RuleCheck[];
  changes?: RecordedChange[];
  miss?: LookupMiss;
  lenientReadings?: string[];

  constructor(method: string) {
    this.route = { method };
  }

  /** Forgets what a lost attempt recorded (the shared store runs a request again after a lost race); keeps the route. */
  restart(): void {
    this.credentialRead = undefined;
    this.principalName = undefined;
    this.tenant = undefined;
    this.rules = undefined;
    this.changes = undefined;
    this.miss = undefined;
    this.lenientReadings = undefined;
  }

  /** Routed to `operation`, which nothing will add to: its route facts are shared (frozen) by every request to it. */
  routed(operation: object, operationId: string, template: string): void {
    let route = sharedRoutes.get(operation);
    // HEAD is routed to GET's operation, and one operation has a template per server base (DESK's /e/{id}/…).
    if (route?.method !== this.route.method || route.operationId !== operationId || route.template !== template) {
      route = Object.freeze({ method: this.route.method, operationId, template });
      sharedRoutes.set(operation, route);
    }
    this.route = route;
  }

  credential(location: CredentialRead['location'], name: string, value: string, publicPart?: string): void {
    const last = lastCredential;
    if (last !== undefined && last.value === value && last.publicPart === publicPart && last.location === location && last.name === name) {
      this.credentialRead = last.read;
      return;
    }
    const read = Object.freeze({ location, name, value: maskCredential(value, publicPart) });
    lastCredential = { location, name, value, publicPart, read };
    this.credentialRead = read;
  }

  principal(principal: string, tenant?: string): void {
    this.principalName = principal;
    if (tenant !== undefined) this.tenant = tenant;
  }

  rule(rule: string, passed: boolean, inputs?: Readonly<Record<string, Fact>>, because?: string | (() => string)): boolean {
    if (this.rules === undefined || this.rules.length < EXPLANATION_LIMITS.rules) {
      let check: RuleCheck;
      if (passed && lastPassed !== undefined && lastPassed.rule === rule && lastPassed.inputs === inputs) {
        check = lastPassed;
      } else {
        // Every field at once, and a first list of exactly one: the journal keeps a thousand of these.
        check = Object.freeze({ rule, passed, inputs, because: because === undefined || passed ? undefined : typeof because === 'function' ? because() : because });
        if (passed) lastPassed = check;
      }
      if (this.rules === undefined) this.rules = [check];
      else this.rules.push(check);
    }
    return passed;
  }

  changed(change: StateChange['change'], record: string, before?: unknown, after?: unknown): void {
    if (this.changes === undefined) this.changes = [new RecordedChange(change, record, before, after)];
    else if (this.changes.length < EXPLANATION_LIMITS.changes) this.changes.push(new RecordedChange(change, record, before, after));
  }

  missed(lookup: string, key: string, tenant?: string): void {
    this.miss = tenant === undefined ? { lookup, key } : { lookup, key, tenant };
  }

  lenient(reading: string): void {
    if (this.lenientReadings === undefined) this.lenientReadings = [capText(reading)];
    else if (this.lenientReadings.length < EXPLANATION_LIMITS.lenientReadings) this.lenientReadings.push(capText(reading));
  }
}

/** What vendor code records into when explanations are off (EXPLANATIONS=off): nothing. */
export const SILENT_EXPLAINER: Explainer = {
  credential: () => undefined,
  principal: () => undefined,
  rule: (_rule, passed) => passed,
  changed: () => undefined,
  missed: () => undefined,
  lenient: () => undefined,
};
