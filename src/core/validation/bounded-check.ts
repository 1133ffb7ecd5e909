// A schema check whose cost stays bounded on any input: a first pass that stops at the first violation
// (as cheap as a valid document), then every violation only for documents small enough to afford it.
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from '../spec/openapi';
import { toViolations } from './ajv-violations';
import { countNodesUpTo } from './node-count';
import type { SchemaCompiler } from './schema-compiler';
import type { Violation, ViolationLocation } from './violation';

/**
 * [A] How much a rejected document is explained. No vendor documents a cap; these keep the work and the
 * error body bounded: every violation of a document of up to `fullCheckNodes` JSON values, at most
 * `maxViolations` of them; a larger rejected document is reported with the first violation found (finding
 * all of them in a 1 MiB body costs Ajv about a second).
 */
export const VIOLATION_LIMITS = { maxViolations: 100, fullCheckNodes: 10_000 } as const;

/** 'exact': valid as it is; 'coerced': valid once values were coerced (in place); 'rejected': violations appended. */
export type CheckOutcome = 'exact' | 'coerced' | 'rejected';

export class BoundedCheck {
  private exactFirst?: ValidateFunction;
  private first?: ValidateFunction;
  private all?: ValidateFunction;

  /**
   * `exact`: when `compiler` coerces, the same schema compiled without coercion, tried first: a document it accepts
   * needs no coercion (Ajv coerces a value of the wrong type), so the outcome says whether any was coerced. This holds
   * for schemas without `contains`, `oneOf` or `not`, where coercion can change or reject a document valid as sent;
   * DESK, the one vendor that coerces, uses none of them in its request bodies.
   */
  constructor(
    private readonly compiler: SchemaCompiler,
    private readonly schema: JsonSchema,
    private readonly exact?: SchemaCompiler,
  ) {}

  /** Compiles the first pass now, and with `everyViolation` the pass for rejected documents too (else on first use). */
  compile(everyViolation = false): void {
    if (this.exact) this.exactFirst ??= this.exact.compile(this.schema, 'first');
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (everyViolation) this.all ??= this.compiler.compile(this.schema, 'all');
  }

  /** Whether `data` is valid, and whether only once coerced; rejected: its violations are appended to `out`. */
  check(data: unknown, location: ViolationLocation, out: Violation[]): CheckOutcome {
    if (this.exact) {
      this.exactFirst ??= this.exact.compile(this.schema, 'first');
      if (this.exactFirst(data)) return 'exact';
    }
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (this.first(data)) return this.exact ? 'coerced' : 'exact';
    if (countNodesUpTo(data, VIOLATION_LIMITS.fullCheckNodes + 1) > VIOLATION_LIMITS.fullCheckNodes) {
      toViolations(location, this.first.errors, data, out, VIOLATION_LIMITS.maxViolations);
      return 'rejected';
    }
    this.all ??= this.compiler.compile(this.schema, 'all');
    this.all(data);
    toViolations(location, this.all.errors, data, out, VIOLATION_LIMITS.maxViolations);
    return 'rejected';
  }
}
