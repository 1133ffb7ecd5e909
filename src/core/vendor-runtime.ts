// Everything one vendor needs at request time, compiled once at start-up from its module and spec:
// the operation table, the router, and a request validator per operation.
import { join } from 'node:path';
import { UnknownOperation } from './errors';
import type { Operation, OperationTable } from './spec/operation-table';
import type { AnyVendorModule } from './vendor';
import type { OpenApiDocument } from './spec/openapi';
import { loadSpec } from './spec/load-spec';
import { buildOperationTable } from './spec/operation-table';
import { VendorRouter } from './routing/vendor-router';
import { SchemaCompiler } from './validation/schema-compiler';
import { RequestValidator } from './validation/request-validator';

export interface HandlerCoverage {
  /** Handlers whose key is not an operationId of the spec. */
  handlersWithoutOperation: string[];
  /** Operations with neither a handler nor a notImplemented entry. */
  operationsWithoutHandler: string[];
}

export class VendorRuntime {
  readonly spec: OpenApiDocument;
  readonly table: OperationTable;
  readonly router: VendorRouter;
  readonly validators: ReadonlyMap<string, RequestValidator>;

  constructor(
    readonly module: AnyVendorModule,
    specsDir: string,
    readonly settings: unknown,
  ) {
    this.spec = loadSpec(join(specsDir, module.specFile));
    this.table = buildOperationTable(module.name, this.spec);
    this.router = new VendorRouter(this.table, { caseInsensitive: module.caseInsensitivePaths === true, claims: module.claims ?? [] });
    const params = new SchemaCompiler(module.name, this.spec, { coerceTypes: 'array' });
    const bodies = new SchemaCompiler(module.name, this.spec, { coerceTypes: module.bodyParsing.coerceTypes });
    const validators = new Map<string, RequestValidator>();
    for (const operation of this.table.byId.values()) {
      validators.set(operation.operationId, new RequestValidator(operation, params, bodies, { nullAsAbsent: module.bodyParsing.nullAsAbsent }));
    }
    this.validators = validators;
  }

  /** The operation a dispatching (RPC) operation selects from the request body; others are returned as is. */
  select(operation: Operation, body: unknown): Operation {
    if (!operation.dispatch) return operation;
    const value = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[operation.dispatch.property] : undefined;
    const selected = typeof value === 'string' ? operation.dispatch.operations.get(value) : undefined;
    if (!selected) throw new UnknownOperation(value);
    return selected;
  }

  get name(): string {
    return this.module.name;
  }

  coverage(): HandlerCoverage {
    const handlers = Object.keys(this.module.handlers);
    const skipped = Object.keys(this.module.notImplemented ?? {});
    return {
      handlersWithoutOperation: [...handlers, ...skipped].filter((id) => !this.table.byId.has(id)),
      operationsWithoutHandler: [...this.table.byId.values()]
        .filter((op) => op.dispatch === undefined)
        .map((op) => op.operationId)
        .filter((id) => !handlers.includes(id) && !skipped.includes(id)),
    };
  }
}
