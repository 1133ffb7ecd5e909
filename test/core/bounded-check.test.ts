// The bounded schema check of a coercing API: the exact-first pass says whether a valid body was coerced, except
// under keywords where coercion may read a document differently (read then as the coercing vendor reads it);
// an invalid body lists every violation while small.
import type { JsonSchema, OpenApiDocument } from '../../src/core/spec/openapi';
import { BoundedCheck, VIOLATION_LIMITS } from '../../src/core/validation/bounded-check';
import { SchemaCompiler } from '../../src/core/validation/schema-compiler';
import type { Violation } from '../../src/core/validation/violation';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      OneOfTwo: {
        type: 'object',
        oneOf: [
          { properties: { a: { type: 'boolean' } }, required: ['a'] },
          { properties: { b: { type: 'string' } }, required: ['b'] },
        ],
      },
    },
  },
} as unknown as OpenApiDocument;
const coercing = new SchemaCompiler('t', doc, { coerceTypes: true });
const exact = new SchemaCompiler('t', doc, { coerceTypes: false });

function run(schema: JsonSchema, data: unknown): { outcome: string; data: unknown; violations: Violation[] } {
  const violations: Violation[] = [];
  const outcome = new BoundedCheck(coercing, schema, exact).check(data, 'body', violations);
  return { outcome, data, violations };
}

test('a body valid as sent is exact; one valid once coerced is coerced, in place', () => {
  const schema = { type: 'object', properties: { on: { type: 'boolean' }, n: { type: 'integer' } } };
  expect(run(schema, { on: true, n: 1 })).toMatchObject({ outcome: 'exact', data: { on: true, n: 1 } });
  expect(run(schema, { on: 'true', n: '1' })).toMatchObject({ outcome: 'coerced', data: { on: true, n: 1 } });
});

test('under oneOf (here through a component ref) the coercing reading wins, though the body is valid as sent', () => {
  // As sent, only the second branch matches; coerced, "true" makes the first match too, so oneOf fails.
  const schema = { type: 'object', properties: { x: { $ref: '#/components/schemas/OneOfTwo' } } };
  expect(run(schema, { x: { a: 'true', b: 's' } }).outcome).toBe('rejected');
  expect(run({ type: 'object', not: { properties: { a: { type: 'boolean' } }, required: ['a'] } }, { a: 'true' }).outcome).toBe('rejected');
});

test('a property named like a keyword does not turn the exact-first pass off', () => {
  const schema = { type: 'object', properties: { not: { type: 'boolean' } } };
  expect(run(schema, { not: false }).outcome).toBe('exact');
});

test('an invalid body lists every violation while small, and its first beyond the node limit', () => {
  const schema = { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } };
  expect(run(schema, [{}, {}, {}]).violations).toHaveLength(3);
  const large = Array.from({ length: VIOLATION_LIMITS.fullCheckNodes + 1 }, () => ({}));
  expect(run(schema, large)).toMatchObject({ outcome: 'rejected', violations: [expect.anything()] });
});
