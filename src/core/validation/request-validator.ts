// Per-operation request validation, compiled on the operation's first request so start-up stays fast: path,
// query and header parameters and the JSON body are checked together, and violations are returned with
// bounded work whatever the body's size (see bounded-check.ts).
import type { ValidateFunction } from 'ajv';
import type { Operation } from '../spec/operation-table';
import type { JsonSchema, OpenApiParameter } from '../spec/openapi';
import type { PropertyCaseNormalizer } from './property-case';
import type { SchemaCompiler } from './schema-compiler';
import { toViolations } from './ajv-violations';
import { BoundedCheck, VIOLATION_LIMITS } from './bounded-check';
import type { Violation } from './violation';

export type ParameterValues = Record<string, unknown>;

/** The values of a location without parameters: one frozen object for every request (handlers only read input). */
const NO_VALUES: Readonly<ParameterValues> = Object.freeze({});

export interface ValidatedInput {
  // Read-only: a location's values may be shared by requests (see NO_VALUES and lastValidPath).
  path: Readonly<ParameterValues>;
  query: Readonly<ParameterValues>;
  headers: Readonly<ParameterValues>;
  body: unknown;
}

export interface RawInput {
  pathParams: Readonly<Record<string, string>>;
  query: ReadonlyMap<string, string[]>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
  /** The body's JSON text, when known: without a `null` in it there is no null property to look for. */
  bodyText?: string;
}

/** Which null-valued object properties count as absent: none, only the body's own fields, or at any depth. */
export type NullAsAbsent = false | 'top' | 'deep';

export interface BodyOptions {
  nullAsAbsent: NullAsAbsent;
  /** Renames differently cased keys to the declared property names before validation. */
  propertyCase?: PropertyCaseNormalizer;
}

type Location = 'path' | 'query' | 'header';


interface ParameterGroup {
  location: Location;
  params: readonly OpenApiParameter[];
  validate?: ValidateFunction;
}

export class RequestValidator {
  private compiled?: { groups: ParameterGroup[]; body?: BoundedCheck };
  private readonly bodyRequired: boolean;
  /**
   * The last path parameters found valid, and the values read from them. The router hands every request to a
   * path it resolved lately the same frozen parameters, so a path checked once is not checked again.
   */
  private lastValidPath?: { params: Readonly<Record<string, string>>; values: Readonly<ParameterValues> };

  /** `exactBodies`: when `bodies` coerces, the same schemas without coercion (see BoundedCheck). */
  constructor(
    readonly operation: Operation,
    private readonly params: SchemaCompiler,
    private readonly bodies: SchemaCompiler,
    private readonly bodyOptions: BodyOptions,
    private readonly exactBodies?: SchemaCompiler,
  ) {
    this.bodyRequired = operation.requestBody?.required === true;
  }

  /**
   * Compiles on first use (once per operation), so start-up does not pay for it; `everyViolation` also
   * compiles the body's every-violation pass (see warm-up.ts).
   */
  compile(everyViolation = false): { groups: ParameterGroup[]; body?: BoundedCheck } {
    if (this.compiled) {
      if (everyViolation) this.compiled.body?.compile(true);
      return this.compiled;
    }
    const groups = (['path', 'query', 'header'] as const).map((location) => {
      const list = this.operation.parameters.filter((p) => p.in === location);
      return { location, params: list, validate: list.length ? this.params.compile(objectSchemaOf(list, location)) : undefined };
    });
    const schema = this.operation.requestBody?.schema;
    const body = schema ? new BoundedCheck(this.bodies, schema, this.exactBodies) : undefined;
    body?.compile(everyViolation);
    this.compiled = { groups, body };
    return this.compiled;
  }

  get acceptsBody(): boolean {
    return this.operation.requestBody !== undefined;
  }

  /**
   * `bodyAsSent`: the body read is the JSON sent, unchanged (no null dropped, no key renamed, no value coerced),
   * so there is no lenient reading to look for.
   */
  validate(raw: RawInput): { input: ValidatedInput; violations: Violation[]; bodyAsSent: boolean } {
    const { groups, body: validateBody } = this.compile();
    const violations: Violation[] = [];
    const values: Record<Location, Readonly<ParameterValues>> = { path: NO_VALUES, query: NO_VALUES, header: NO_VALUES };
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as ParameterGroup;
      if (!group.validate) continue;
      if (group.location === 'path' && raw.pathParams === this.lastValidPath?.params) {
        values.path = this.lastValidPath.values;
        continue;
      }
      const data = collect(group, raw);
      if (!group.validate(data)) toViolations(group.location, group.validate.errors, data, violations, VIOLATION_LIMITS.maxViolations);
      else if (group.location === 'path' && Object.isFrozen(raw.pathParams)) this.lastValidPath = { params: raw.pathParams, values: Object.freeze(data) };
      values[group.location] = data;
    }
    let body = raw.body;
    let bodyAsSent = true;
    if (this.acceptsBody) {
      if (body !== undefined && body !== null && this.bodyOptions.nullAsAbsent && raw.bodyText?.includes('null') !== false) {
        body = dropNullProperties(body, this.bodyOptions.nullAsAbsent === 'deep');
        bodyAsSent = false; // a null may have been dropped
      }
      const schema = this.operation.requestBody?.schema;
      if (this.bodyOptions.propertyCase && schema && typeof body === 'object' && body !== null && this.bodyOptions.propertyCase.normalize(body, schema)) bodyAsSent = false;
      if (body === undefined || body === null) {
        if (this.bodyRequired) violations.push({ in: 'body', path: [], keyword: 'required', message: 'request body is required' });
      } else if (validateBody && validateBody.check(body, 'body', violations) !== 'exact') {
        // Ajv coerces in place, so `body` now holds the coerced values too.
        bodyAsSent = false;
      }
    }
    return { input: { path: values.path, query: values.query, headers: values.header, body }, violations, bodyAsSent };
  }
}

function objectSchemaOf(params: readonly OpenApiParameter[], location: Location): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of params) {
    const name = location === 'header' ? p.name.toLowerCase() : p.name;
    properties[name] = p.schema ?? {};
    if (p.required || location === 'path') required.push(name);
  }
  return { type: 'object', properties, required };
}

function collect(group: ParameterGroup, raw: RawInput): ParameterValues {
  const out: ParameterValues = {};
  for (let i = 0; i < group.params.length; i++) {
    const p = group.params[i] as OpenApiParameter;
    if (group.location === 'path') {
      const value = raw.pathParams[p.name];
      if (value !== undefined) out[p.name] = value;
    } else if (group.location === 'query') {
      const values = raw.query.get(p.name);
      if (values === undefined) continue;
      out[p.name] = p.schema?.type === 'array' ? [...values] : values[0];
    } else {
      const name = p.name.toLowerCase();
      const value = raw.headers[name];
      if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

/** Removes null-valued object properties (at any depth when `deep`), iteratively so nesting cannot overflow. */
export function dropNullProperties(root: unknown, deep: boolean): unknown {
  if (!deep) {
    if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
      const record = root as Record<string, unknown>;
      for (const key in record) if (record[key] === null) delete record[key];
    }
    return root;
  }
  // for...in rather than Object.keys: no array per object, which matters for bodies of 100,000s of objects.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (value === null) delete record[key];
        else if (typeof value === 'object') stack.push(value);
      }
    }
  }
  return root;
}
