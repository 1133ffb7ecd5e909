// The Explainer each request carries: collects facts into plain fields as they happen (no copies of
// documents but the capped before/after texts of a change) and hands them over once the answer is known.
import type { CredentialRead, Explainer, Fact, LookupMiss, RouteFacts, RuleCheck, StateChange } from './explanation';
import { EXPLANATION_LIMITS, capText, maskCredential } from './explanation';
import { cappedJson } from './capped-json';

export class ExplanationRecorder implements Explainer {
  route: RouteFacts;
  credentialRead?: CredentialRead;
  principalName?: string;
  tenant?: string;
  rules?: RuleCheck[];
  changes?: StateChange[];
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
    const entry: StateChange = { change, record };
    // Serialized now: the records are mutable and the journal must show them as they were.
    if (before !== undefined) entry.before = cappedJson(before);
    if (after !== undefined) entry.after = cappedJson(after);
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
