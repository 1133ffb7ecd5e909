// Everything one vendor needs at request time, compiled once at start-up from its module and spec:
// the operation table, the router, and a request validator per operation.
import { join } from 'node:path';
import type { AnyVendorModule } from './vendor';
import type { OpenApiDocument } from './spec/openapi';
import { loadSpec } from './spec/load-spec';
import type { OperationTable } from './spec/operation-table';
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
    for (const operation of this.table.operations) {
      validators.set(operation.operationId, new RequestValidator(operation, params, bodies, { nullAsAbsent: module.bodyParsing.nullAsAbsent }));
    }
    this.validators = validators;
  }

  get name(): string {
    return this.module.name;
  }

  coverage(): HandlerCoverage {
    const handlers = Object.keys(this.module.handlers);
    const skipped = Object.keys(this.module.notImplemented ?? {});
    return {
      handlersWithoutOperation: [...handlers, ...skipped].filter((id) => !this.table.byId.has(id)),
      operationsWithoutHandler: this.table.operations
        .map((op) => op.operationId)
        .filter((id) => !handlers.includes(id) && !skipped.includes(id)),
    };
  }
}
