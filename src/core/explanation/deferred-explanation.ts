// A request's explanation kept as the facts it was recorded from (all immutable once the exchange closed) and
// composed when read: the journal keeps a thousand and is asked for a few, so the sentences are made on demand.
import type { Explanation, ExplanationSource } from './explanation';
import { listBytes, rulesBytes } from './explanation';
import type { AnswerFacts } from './compose';
import { composeExplanation } from './compose';
import type { ExplanationRecorder, RecordedChange } from './recorder';

/**
 * The answer's facts are its own fields, not an object literal beside it: the journal keeps a thousand, and V8
 * deoptimizes the code around a literal whose objects live long (see journal.ts JournalEntry).
 */
export class DeferredExplanation implements ExplanationSource, AnswerFacts {
  readonly bytes: number;
  readonly status: AnswerFacts['status'];
  readonly error: AnswerFacts['error'];
  readonly api: string;
  readonly path: string;
  readonly fault: AnswerFacts['fault'];
  readonly validation: AnswerFacts['validation'];

  constructor(
    private readonly facts: ExplanationRecorder,
    answer: AnswerFacts,
  ) {
    this.status = answer.status;
    this.error = answer.error;
    this.api = answer.api;
    this.path = answer.path;
    this.fault = answer.fault;
    this.validation = answer.validation;
    this.bytes = factsBytes(facts, this);
  }

  read(): Explanation {
    return composeExplanation(this.facts, this);
  }

  toJSON(): Explanation {
    return this.read();
  }
}

/** The characters the facts hold, counted twice (the summary repeats some of them), plus a fixed cost per part. */
function factsBytes(facts: ExplanationRecorder, answer: AnswerFacts): number {
  const { route } = facts;
  let n = (route.operationId?.length ?? 0) + (route.template?.length ?? 0) + (route.action?.length ?? 0);
  n += listBytes(route.nearestPaths) + listBytes(route.allowedMethods) + listBytes(route.knownActions) + listBytes(facts.lenientReadings);
  if (facts.credentialRead) n += 64 + facts.credentialRead.name.length + facts.credentialRead.value.length;
  n += (facts.principalName?.length ?? 0) + (facts.tenant?.length ?? 0);
  n += rulesBytes(facts.rules);
  // Indexed loops and no `?? []`: on this per-request path an iterator or an empty list is an allocation.
  const changes = facts.changes;
  if (changes !== undefined) {
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i] as RecordedChange;
      n += 64 + c.record.length + c.size;
    }
  }
  if (facts.miss) n += 64 + facts.miss.lookup.length + facts.miss.key.length + (facts.miss.tenant?.length ?? 0);
  const violations = answer.validation?.violations;
  if (violations !== undefined) for (const v of violations) {
    // A path segment can be a rejected property name of almost the body's size.
    n += 64 + v.keyword.length + v.message.length;
    for (const segment of v.path) n += 8 + (typeof segment === 'string' ? segment.length : 8);
  }
  return 256 + 2 * n + (answer.error?.message.length ?? 0);
}
