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

/** 'exact': valid as it is; 'coerced': valid, values may have been coerced (in place); 'rejected': violations appended. */
export type CheckOutcome = 'exact' | 'coerced' | 'rejected';

/**
 * Keywords under which a coercing validator may read a document valid as sent differently (a branch that matches
 * only once coerced, coercion left behind by a failed branch) or reject it: no exact-first pass for those schemas.
 */
const COERCION_SENSITIVE = ['anyOf', 'oneOf', 'not', 'contains', 'if'];

export class BoundedCheck {
  private exactFirst?: ValidateFunction;
  private first?: ValidateFunction;
  private all?: ValidateFunction;
  private readonly coerces: boolean;
  private readonly exact?: SchemaCompiler;

  /**
   * `exact`: when `compiler` coerces, the same schema compiled without coercion, tried first: a document it accepts
   * needs no coercion (Ajv coerces a value of the wrong type only), so the outcome says whether any was coerced. A
   * schema using a COERCION_SENSITIVE keyword skips that pass and reports every valid document as 'coerced' (the
   * caller then compares the document with its text). DESK, the one vendor that coerces, uses none in its bodies.
   */
  constructor(
    private readonly compiler: SchemaCompiler,
    private readonly schema: JsonSchema,
    exact?: SchemaCompiler,
  ) {
    this.coerces = exact !== undefined;
    if (exact && !exact.uses(schema, COERCION_SENSITIVE)) this.exact = exact;
  }

  /**
   * Compiles now the passes a small document takes: the exact-first and the every-violation pass (a lenient
   * document's second) when there is an exact pass, else the first pass, and with `everyViolation` that one too.
   * The rest on first use.
   */
  compile(everyViolation = false): void {
    if (this.exact) {
      this.exactFirst ??= this.exact.compile(this.schema, 'first');
      this.all ??= this.compiler.compile(this.schema, 'all');
      return;
    }
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (everyViolation) this.all ??= this.compiler.compile(this.schema, 'all');
  }

  /** Whether `data` is valid, and whether only once coerced; rejected: its violations are appended to `out`. */
  check(data: unknown, location: ViolationLocation, out: Violation[]): CheckOutcome {
    let small: boolean | undefined;
    if (this.exact) {
      this.exactFirst ??= this.exact.compile(this.schema, 'first');
      if (this.exactFirst(data)) return 'exact';
      // Not valid as sent: a document small enough for every violation goes to that pass at once (it coerces
      // too, so a lenient document passes it), rather than to the first-violation pass and then to it.
      small = isSmall(data);
      if (small) return this.checkAll(data, location, out);
    }
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (this.first(data)) return this.coerces ? 'coerced' : 'exact';
    if (!(small ?? isSmall(data))) {
      toViolations(location, this.first.errors, data, out, VIOLATION_LIMITS.maxViolations);
      return 'rejected';
    }
    return this.checkAll(data, location, out);
  }

  private checkAll(data: unknown, location: ViolationLocation, out: Violation[]): CheckOutcome {
    this.all ??= this.compiler.compile(this.schema, 'all');
    if (this.all(data)) return this.coerces ? 'coerced' : 'exact';
    toViolations(location, this.all.errors, data, out, VIOLATION_LIMITS.maxViolations);
    return 'rejected';
  }
}

function isSmall(data: unknown): boolean {
  return countNodesUpTo(data, VIOLATION_LIMITS.fullCheckNodes + 1) <= VIOLATION_LIMITS.fullCheckNodes;
}
