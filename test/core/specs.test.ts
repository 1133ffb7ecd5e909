// Every spec under specs/ must load and every schema in it must compile under Ajv's strict mode (a YAML
// slip such as an unquoted comma in a flow mapping turns prose into an unknown keyword); validators
// compile lazily at run time, so this is where such a mistake fails CI.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec } from '../../src/core/spec/load-spec';
import { buildOperationTable } from '../../src/core/spec/operation-table';
import { SchemaCompiler } from '../../src/core/validation/schema-compiler';
import { BUILT_IN_SPECS } from '../../src/paths';

const files = readdirSync(BUILT_IN_SPECS).filter((f) => f.endsWith('.openapi.yaml'));

test('the specs folder has the three vendors and the control plane', () => {
  expect(files.sort()).toEqual(['desk.openapi.yaml', 'emulator.openapi.yaml', 'energycap.openapi.yaml', 'luzmo.openapi.yaml']);
});

describe.each(files)('%s', (file) => {
  const doc = loadSpec(join(BUILT_IN_SPECS, file));
  const name = file.replace('.openapi.yaml', '');

  test('every component schema compiles in strict mode, for requests and for responses', () => {
    for (const options of [{ coerceTypes: false as const, checkSchemas: true }, { coerceTypes: false as const, closeObjects: true, checkSchemas: true }]) {
      const compiler = new SchemaCompiler(name, doc, options);
      for (const schema of Object.keys(doc.components?.schemas ?? {})) {
        expect(() => compiler.compile({ $ref: `#/components/schemas/${schema}` })).not.toThrow();
      }
    }
  });

  test('every operation has a unique operationId and every response schema compiles', () => {
    const table = buildOperationTable(name, doc);
    const compiler = new SchemaCompiler(name, doc, { coerceTypes: false, closeObjects: true, checkSchemas: true });
    for (const operation of table.byId.values()) {
      for (const response of operation.responses.values()) {
        if (response.schema) expect(() => compiler.compile(response.schema as Record<string, unknown>)).not.toThrow();
      }
    }
  });
});
