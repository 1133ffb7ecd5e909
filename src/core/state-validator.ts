// Checks a vendor state document against its schema in specs/emulator.openapi.yaml before the vendor
// builds state from it, so fixtures and PUT /_emulator/state fail with every problem named.
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './spec/openapi';
import { SchemaCompiler } from './validation/schema-compiler';
import { toViolations } from './validation/ajv-violations';
import { StateDocumentError } from './state-document';

const compilers = new WeakMap<OpenApiDocument, { compiler: SchemaCompiler; bySchema: Map<string, ValidateFunction> }>();

export class StateValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  /** Compiled validators are kept per spec document, so emulators built from the same spec share them. */
  constructor(controlSpec: OpenApiDocument, schemaByVendor: ReadonlyMap<string, string>) {
    let shared = compilers.get(controlSpec);
    if (!shared) compilers.set(controlSpec, (shared = { compiler: new SchemaCompiler('emulator', controlSpec, { coerceTypes: false }), bySchema: new Map() }));
    for (const [vendor, schemaName] of schemaByVendor) {
      if (!controlSpec.components?.schemas?.[schemaName]) throw new Error(`specs/emulator.openapi.yaml has no schema ${schemaName}`);
      let validate = shared.bySchema.get(schemaName);
      if (!validate) shared.bySchema.set(schemaName, (validate = shared.compiler.compile({ $ref: `#/components/schemas/${schemaName}` })));
      this.validators.set(vendor, validate);
    }
  }

  check(vendor: string, document: unknown): void {
    const validate = this.validators.get(vendor);
    if (!validate) throw new StateDocumentError(vendor, [`unknown vendor ${vendor}`]);
    if (validate(document)) return;
    const problems = toViolations('body', validate.errors, document).map((v) => `${formatPath(v.path)} ${v.message}`);
    throw new StateDocumentError(vendor, problems);
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(document)' : path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}
