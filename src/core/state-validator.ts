// Checks a vendor state document against its schema in specs/emulator.openapi.yaml before the vendor
// builds state from it, so fixtures and PUT /_emulator/state fail with every problem named.
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './spec/openapi';
import { SchemaCompiler } from './validation/schema-compiler';
import { toViolations } from './validation/ajv-violations';
import { StateDocumentError } from './state-document';

export class StateValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(controlSpec: OpenApiDocument, schemaByVendor: ReadonlyMap<string, string>) {
    const compiler = new SchemaCompiler('emulator', controlSpec, { coerceTypes: false });
    for (const [vendor, schemaName] of schemaByVendor) {
      if (!controlSpec.components?.schemas?.[schemaName]) throw new Error(`specs/emulator.openapi.yaml has no schema ${schemaName}`);
      this.validators.set(vendor, compiler.compile({ $ref: `#/components/schemas/${schemaName}` }));
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
