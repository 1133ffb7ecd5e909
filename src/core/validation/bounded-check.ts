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

export class BoundedCheck {
  private first?: ValidateFunction;
  private all?: ValidateFunction;

  constructor(
    private readonly compiler: SchemaCompiler,
    private readonly schema: JsonSchema,
  ) {}

  /** Compiles the first pass now, and with `everyViolation` the pass for rejected documents too (else on first use). */
  compile(everyViolation = false): void {
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (everyViolation) this.all ??= this.compiler.compile(this.schema, 'all');
  }

  /** True when `data` is valid; otherwise appends its violations to `out`. Coerces in place where the compiler does. */
  check(data: unknown, location: ViolationLocation, out: Violation[]): boolean {
    this.first ??= this.compiler.compile(this.schema, 'first');
    if (this.first(data)) return true;
    if (countNodesUpTo(data, VIOLATION_LIMITS.fullCheckNodes + 1) > VIOLATION_LIMITS.fullCheckNodes) {
      toViolations(location, this.first.errors, data, out, VIOLATION_LIMITS.maxViolations);
      return false;
    }
    this.all ??= this.compiler.compile(this.schema, 'all');
    this.all(data);
    toViolations(location, this.all.errors, data, out, VIOLATION_LIMITS.maxViolations);
    return false;
  }
}
