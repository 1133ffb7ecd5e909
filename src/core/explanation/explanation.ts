// Why an exchange got its answer: facts recorded as the request goes through the pipeline and the vendor's
// auth and handlers (which credential, which rule, which record), capped so an entry stays small.

/** A value shown in an explanation: short scalars only, so recording one costs no copying of documents. */
export type Fact = string | number | boolean | null;

/**
 * One permission rule evaluated, in the vendor's terms. Read-only: a passed check is shared by the requests that
 * pass the same rule on the same facts (recorder.ts).
 */
export interface RuleCheck {
  readonly rule: string;
  readonly passed: boolean;
  /** The facts it looked at, e.g. { createdBy: 7, caller: 9 }. */
  readonly inputs?: Readonly<Record<string, Fact>>;
  /** A sentence saying why it failed, used as the summary when this rule decided the answer. */
  readonly because?: string;
}

export interface CredentialRead {
  /** Where it travelled. */
  location: 'header' | 'query' | 'body';
  /** The header, query parameter or body field name. */
  name: string;
  /** The value, masked: only a non-secret prefix is kept. */
  value: string;
}

export interface StateChange {
  change: 'created' | 'replaced' | 'deleted';
  /** What record, in the vendor's words, e.g. `share settings of dashboard 5f0…`. */
  record: string;
  /** JSON text of the record before and after, each cut at DIFF_TEXT_LIMIT characters. */
  before?: string;
  after?: string;
}

export interface LookupMiss {
  lookup: string;
  key: string;
  tenant?: string;
}

export interface RouteFacts {
  method: string;
  /** The operation chosen, its path template and (RPC style) the action that selected it. */
  operationId?: string;
  template?: string;
  action?: string;
  /** When nothing matched: the nearest path templates, the allowed methods, or the known actions. */
  nearestPaths?: string[];
  allowedMethods?: string[];
  knownActions?: string[];
}

export interface ValidationFacts {
  outcome: 'passed' | 'rejected';
  violations: { in: string; pointer: string; keyword: string; message: string }[];
  /** Where the emulator read the request more leniently than the schema says ([A] readings). */
  lenientReadings: string[];
}

export interface Explanation {
  summary: string;
  route: RouteFacts;
  auth?: { credential?: CredentialRead; principal?: string; tenant?: string; rules: RuleCheck[] };
  validation?: ValidationFacts;
  state?: { changes: StateChange[]; missed?: LookupMiss };
  fault?: { source: 'rule' | 'header'; rule?: string; action: string };
}

/** What vendor code records; every call is a few field writes, so it can stay on the request's path. */
export interface Explainer {
  /** `publicPart`: a prefix the vendor documents as not secret (a DESK token's id); by default 4 characters show. */
  credential(location: CredentialRead['location'], name: string, value: string, publicPart?: string): void;
  principal(principal: string, tenant?: string): void;
  /**
   * Records the rule and returns `passed`, so a check reads `if (!explain.rule(...))`. `because` is kept only
   * when the rule failed; a function builds it then, so a passing check costs no message.
   */
  rule(rule: string, passed: boolean, inputs?: Readonly<Record<string, Fact>>, because?: string | (() => string)): boolean;
  /**
   * A record changed. `before` and `after` are serialized at once, unless frozen all the way down (then they are
   * kept and serialized when the explanation is read: freezing a vendor's records makes recording them cheap).
   */
  changed(change: StateChange['change'], record: string, before?: unknown, after?: unknown): void;
  missed(lookup: string, key: string, tenant?: string): void;
  lenient(reading: string): void;
}

export const EXPLANATION_LIMITS = {
  rules: 20,
  changes: 20,
  lenientReadings: 20,
  violations: 20,
  /** Characters kept of a before/after JSON text, a fact or a violation message. */
  text: 1000,
} as const;

/** Keeps only what is not secret: the vendor's public prefix (`dt0c01.ABC.****`), else 4 characters of a long value. */
export function maskCredential(value: string, publicPart?: string): string {
  if (publicPart !== undefined && value.startsWith(publicPart) && publicPart.length < value.length) return `${publicPart}****`;
  return value.length > 8 ? `${value.slice(0, 4)}****` : '****';
}

export function capText(text: string, limit: number = EXPLANATION_LIMITS.text): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/**
 * An explanation as an exchange and the journal keep it: a request's is composed from its facts only when someone
 * reads it (most never are), so answering costs the recording of facts and not the sentences.
 */
export interface ExplanationSource {
  /** The explanation (composed anew from immutable facts on each read, so reading adds nothing to keep). */
  read(): Explanation;
  /** Approximately the characters it holds, for the journal's byte bound. */
  readonly bytes: number;
  /** JSON.stringify writes the explanation itself (the shared store copies journal records as JSON). */
  toJSON(): Explanation;
}

/** The source of an explanation already composed (the control plane's, a path nobody claims, another process's). */
export function composedExplanation(explanation: Explanation): ExplanationSource {
  // Sized when the journal keeps it (a record another process shared arrives with its size already counted).
  return {
    read: () => explanation,
    get bytes() {
      return explanationBytes(explanation);
    },
    toJSON: () => explanation,
  };
}

/** Approximately what an explanation holds, for the journal's byte bound (strings plus a fixed cost per part). */
function explanationBytes(e: Explanation): number {
  let n = 256 + e.summary.length;
  n += listBytes(e.route.nearestPaths) + listBytes(e.route.allowedMethods) + listBytes(e.route.knownActions) + listBytes(e.validation?.lenientReadings);
  n += rulesBytes(e.auth?.rules);
  for (const v of e.validation?.violations ?? []) n += 64 + v.pointer.length + v.message.length;
  for (const c of e.state?.changes ?? []) n += 64 + c.record.length + (c.before?.length ?? 0) + (c.after?.length ?? 0);
  return n;
}

/** What a list of short texts is counted as against the journal's byte bound. */
export function listBytes(list: readonly string[] | undefined): number {
  let n = 0;
  if (list) for (let i = 0; i < list.length; i++) n += (list[i] as string).length + 16;
  return n;
}

/** What the rules checked are counted as against the journal's byte bound. */
export function rulesBytes(rules: readonly RuleCheck[] | undefined): number {
  let n = 0;
  if (rules === undefined) return n;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as RuleCheck;
    n += 64 + r.rule.length + (r.because?.length ?? 0);
    for (const key in r.inputs) n += key.length + 24; // a short scalar each
  }
  return n;
}
