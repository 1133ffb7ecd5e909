// Checks a response against the operation's documented responses: the status must be listed, a body must
// match its schema with no undeclared properties, and a body-less status must have no body. Used by the
// test suites on every response, so handler/spec drift fails a test instead of a user.
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from '../spec/openapi';
import type { Operation, OperationTable } from '../spec/operation-table';
import { SchemaCompiler } from './schema-compiler';
import { toViolations } from './ajv-violations';

export interface ObservedResponse {
  operationId: string;
  status: number;
  contentType: string | undefined;
  /** The body text as sent; '' when there was none. */
  text: string;
  /** Response header names as sent (any case). */
  headerNames?: readonly string[];
}

export class ResponseValidator {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly compiler: SchemaCompiler;

  constructor(
    vendor: string,
    doc: OpenApiDocument,
    private readonly table: OperationTable,
  ) {
    this.compiler = new SchemaCompiler(vendor, doc, { coerceTypes: false, closeObjects: true });
  }

  /** True when the operation lists this status (or its range, or a default). */
  documents(operationId: string, status: number): boolean {
    const responses = this.table.byId.get(operationId)?.responses;
    return responses !== undefined && (responses.has(String(status)) || responses.has(`${String(status)[0]}XX`) || responses.has('default'));
  }

  /** Every way the response breaks the spec; empty when it conforms. */
  check(response: ObservedResponse): string[] {
    const operation = this.table.byId.get(response.operationId);
    if (!operation) return [`unknown operation ${response.operationId}`];
    const spec = operation.responses.get(String(response.status)) ?? operation.responses.get(`${String(response.status)[0]}XX`) ?? operation.responses.get('default');
    if (!spec) return [`status ${response.status} is not documented for ${operation.operationId} (documented: ${[...operation.responses.keys()].join(', ')})`];
    const sent = new Set((response.headerNames ?? []).map((h) => h.toLowerCase()));
    const missingHeaders = Object.entries(spec.headers)
      .filter(([name, header]) => header.required && response.headerNames && !sent.has(name))
      .map(([name]) => `${operation.operationId} ${response.status} is missing the required header ${name}`);
    if (missingHeaders.length > 0) return missingHeaders;
    if (!spec.schema) return response.text === '' ? [] : [`status ${response.status} of ${operation.operationId} is documented without a body, but one was sent`];
    if (response.text === '') return [`status ${response.status} of ${operation.operationId} must have a body`];
    if (!response.contentType || !mediaTypeMatches(response.contentType, spec.mediaTypes)) {
      return [`content-type ${response.contentType ?? '(none)'} is not one of ${spec.mediaTypes.join(', ')}`];
    }
    if (!spec.mediaTypes.some((m) => m.includes('json'))) return [];
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`body of ${operation.operationId} ${response.status} is not JSON`];
    }
    const validate = this.validatorFor(operation, String(response.status), spec.schema);
    if (validate(body)) return [];
    return toViolations('body', validate.errors, body).map((v) => `${operation.operationId} ${response.status} at /${v.path.join('/')}: ${v.message}`);
  }

  private validatorFor(operation: Operation, status: string, schema: Record<string, unknown>): ValidateFunction {
    const key = `${operation.operationId} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.compiler.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

function mediaTypeMatches(contentType: string, documented: readonly string[]): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return documented.some((m) => m.split(';')[0]?.trim().toLowerCase() === type);
}
