// A spec compiled for serving: its operation table, router and one request validator per operation
// (each compiled on first use). Vendors and the control plane are built the same way; only options differ.
import type { Options } from 'ajv';
import { VendorRouter } from '../routing/vendor-router';
import type { VendorRouterOptions } from '../routing/vendor-router';
import type { BodyOptions } from '../validation/request-validator';
import { RequestValidator } from '../validation/request-validator';
import { SchemaCompiler } from '../validation/schema-compiler';
import type { OpenApiDocument } from './openapi';
import type { OperationTable } from './operation-table';
import { buildOperationTable } from './operation-table';

export interface CompiledSpec {
  table: OperationTable;
  router: VendorRouter;
  validators: ReadonlyMap<string, RequestValidator>;
}

export interface CompileOptions {
  router: VendorRouterOptions;
  /** Ajv coercion for bodies; parameters always coerce (strings to numbers, one value to an array). */
  bodyCoerceTypes: Options['coerceTypes'];
  /** Whether readOnly properties are left out of request schemas. */
  dropReadOnly: boolean;
  body: BodyOptions;
}

export function compileSpec(name: string, spec: OpenApiDocument, options: CompileOptions): CompiledSpec {
  const table = buildOperationTable(name, spec);
  const params = new SchemaCompiler(name, spec, { coerceTypes: 'array', dropReadOnly: options.dropReadOnly });
  const bodies = new SchemaCompiler(name, spec, { coerceTypes: options.bodyCoerceTypes, dropReadOnly: options.dropReadOnly });
  // Tried first where bodies coerce, so that a body needing no coercion is known to be read as sent.
  const exactBodies = !options.bodyCoerceTypes ? undefined : new SchemaCompiler(name, spec, { coerceTypes: false, dropReadOnly: options.dropReadOnly });
  const validators = new Map<string, RequestValidator>();
  for (const operation of table.byId.values()) {
    validators.set(operation.operationId, new RequestValidator(operation, params, bodies, options.body, exactBodies));
  }
  return { table, router: new VendorRouter(table, options.router), validators };
}
