// The Explainer each request carries: collects facts into plain fields as they happen (no copies of
// documents but the capped before/after texts of a mutable record) and hands them over once the answer is known.
import type { CredentialRead, Explainer, Fact, LookupMiss, RouteFacts, RuleCheck, StateChange } from './explanation';
import { EXPLANATION_LIMITS, capText, maskCredential } from './explanation';
import { cappedJson } from './capped-json';
import { settledSize } from './settled';

/** A value nothing can change any more (see settled.ts), kept as it is and serialized when the change is read. */
export class SettledValue {
  constructor(
    readonly value: unknown,
    readonly size: number,
  ) {}
}

/** A change as recorded: each side as JSON text made at once, or as a settled value. */
export interface RecordedChange {
  change: StateChange['change'];
  record: string;
  before?: string | SettledValue;
  after?: string | SettledValue;
}

/** The JSON text a recorded side shows. */
export function shownSide(side: string | SettledValue): string {
  return typeof side === 'string' ? side : cappedJson(side.value);
}

/** Characters a recorded side holds. */
export function sideSize(side: string | SettledValue | undefined): number {
  return side === undefined ? 0 : typeof side === 'string' ? side.length : side.size;
}

function recorded(value: unknown): string | SettledValue {
  const size = settledSize(value);
  // A mutable record is serialized now: the journal must show it as it was, whatever happens to it later.
  return size === undefined ? cappedJson(value) : new SettledValue(value, size);
}

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

  credential(location: CredentialRead['location'], name: string, value: string, publicPart?: string): void {
    this.credentialRead = { location, name, value: maskCredential(value, publicPart) };
  }

  principal(principal: string, tenant?: string): void {
    this.principalName = principal;
    if (tenant !== undefined) this.tenant = tenant;
  }

  rule(rule: string, passed: boolean, inputs?: Readonly<Record<string, Fact>>, because?: string | (() => string)): boolean {
    this.rules ??= [];
    if (this.rules.length < EXPLANATION_LIMITS.rules) {
      const check: RuleCheck = { rule, passed };
      if (inputs !== undefined) check.inputs = inputs;
      if (because !== undefined && !passed) check.because = typeof because === 'function' ? because() : because;
      this.rules.push(check);
    }
    return passed;
  }

  changed(change: StateChange['change'], record: string, before?: unknown, after?: unknown): void {
    this.changes ??= [];
    if (this.changes.length >= EXPLANATION_LIMITS.changes) return;
    const entry: RecordedChange = { change, record };
    if (before !== undefined) entry.before = recorded(before);
    if (after !== undefined) entry.after = recorded(after);
    this.changes.push(entry);
  }

  missed(lookup: string, key: string, tenant?: string): void {
    this.miss = tenant === undefined ? { lookup, key } : { lookup, key, tenant };
  }

  lenient(reading: string): void {
    this.lenientReadings ??= [];
    if (this.lenientReadings.length < EXPLANATION_LIMITS.lenientReadings) this.lenientReadings.push(capText(reading));
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
