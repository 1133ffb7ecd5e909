// Checks a vendor state document against its schema in specs/emulator.openapi.yaml before the vendor
// builds state from it, so fixtures and PUT /_emulator/state fail with every problem named.
import type { OpenApiDocument } from './spec/openapi';
import { SchemaCompiler } from './validation/schema-compiler';
import { BoundedCheck } from './validation/bounded-check';
import type { Violation } from './validation/violation';
import { pathText } from './validation/violation';
import { StateDocumentError } from './state-document';

const compilers = new WeakMap<OpenApiDocument, { compiler: SchemaCompiler; bySchema: Map<string, BoundedCheck> }>();

export class StateValidator {
  /**
   * Compiled on the first check of each vendor (a state import, a custom fixture, a state file): the built-in
   * fixtures are checked by the test suite, so start-up does not pay for compiling these large schemas.
   * Compiled validators are kept per spec document, so emulators built from the same spec share them.
   */
  constructor(
    private readonly controlSpec: OpenApiDocument,
    private readonly schemaByVendor: ReadonlyMap<string, string>,
  ) {
    for (const schemaName of schemaByVendor.values()) {
      if (!controlSpec.components?.schemas?.[schemaName]) throw new Error(`specs/emulator.openapi.yaml has no schema ${schemaName}`);
    }
  }

  private validatorFor(vendor: string): BoundedCheck | undefined {
    const schemaName = this.schemaByVendor.get(vendor);
    if (schemaName === undefined) return undefined;
    let shared = compilers.get(this.controlSpec);
    if (!shared) compilers.set(this.controlSpec, (shared = { compiler: new SchemaCompiler('emulator', this.controlSpec, { coerceTypes: false }), bySchema: new Map() }));
    let validate = shared.bySchema.get(schemaName);
    if (!validate) shared.bySchema.set(schemaName, (validate = new BoundedCheck(shared.compiler, { $ref: `#/components/schemas/${schemaName}` })));
    return validate;
  }

  check(vendor: string, document: unknown): void {
    const validate = this.validatorFor(vendor);
    if (!validate) throw new StateDocumentError(vendor, [`unknown vendor ${vendor}`]);
    const violations: Violation[] = [];
    if (validate.check(document, 'body', violations) !== 'rejected') return;
    const problems = violations.map((v) => `${pathText(v.path) || '(document)'} ${v.message}`);
    throw new StateDocumentError(vendor, problems);
  }
}
