// Everything one vendor needs at request time. The compiled part (spec, operation table, router, one
// request validator per operation) depends only on the module and its spec, so it is built once per
// process and shared by every emulator; settings are per emulator.
import { join } from 'node:path';
import { UnknownOperation } from './errors';
import type { Operation, OperationTable } from './spec/operation-table';
import type { AnyVendorModule } from './vendor';
import type { OpenApiDocument } from './spec/openapi';
import { loadSpec } from './spec/load-spec';
import type { CompiledSpec } from './spec/compile-spec';
import { compileSpec } from './spec/compile-spec';
import type { VendorRouter } from './routing/vendor-router';
import { PropertyCaseNormalizer } from './validation/property-case';
import type { RequestValidator } from './validation/request-validator';

export interface HandlerCoverage {
  /** Handlers whose key is not an operationId of the spec. */
  handlersWithoutOperation: string[];
  /** Operations with neither a handler nor a notImplemented entry. */
  operationsWithoutHandler: string[];
}

interface CompiledVendor extends CompiledSpec {
  spec: OpenApiDocument;
}

const compiled = new WeakMap<AnyVendorModule, Map<string, CompiledVendor>>();

function compileVendor(module: AnyVendorModule, specsDir: string): CompiledVendor {
  let bySpecsDir = compiled.get(module);
  if (!bySpecsDir) compiled.set(module, (bySpecsDir = new Map()));
  const cached = bySpecsDir.get(specsDir);
  if (cached) return cached;
  const spec = loadSpec(join(specsDir, module.specFile));
  const result = {
    spec,
    ...compileSpec(module.name, spec, {
      router: { caseInsensitive: module.caseInsensitivePaths === true, claims: module.claims ?? [] },
      bodyCoerceTypes: module.bodyParsing.coerceTypes,
      dropReadOnly: true,
      body: {
        nullAsAbsent: module.bodyParsing.nullAsAbsent,
        propertyCase: module.bodyParsing.caseInsensitiveProperties ? new PropertyCaseNormalizer(spec) : undefined,
      },
    }),
  };
  bySpecsDir.set(specsDir, result);
  return result;
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
    ({ spec: this.spec, table: this.table, router: this.router, validators: this.validators } = compileVendor(module, specsDir));
  }

  get name(): string {
    return this.module.name;
  }

  /** The operation a dispatching (RPC) operation selects from the request body; others are returned as is. */
  select(operation: Operation, body: unknown): Operation {
    if (!operation.dispatch) return operation;
    const value = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[operation.dispatch.property] : undefined;
    const selected = typeof value === 'string' ? operation.dispatch.operations.get(value) : undefined;
    if (!selected) throw new UnknownOperation(value);
    return selected;
  }

  /** Compiles every validator now (start-up compiles lazily); throws if a spec schema does not compile. */
  compileAll(): void {
    for (const validator of this.validators.values()) validator.compile(true);
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
