// One Ajv (JSON Schema 2020-12) per vendor and purpose, with the spec's component schemas registered
// once under a URN so that operation schemas compile against them without re-reading the spec.
import Ajv2020 from 'ajv/dist/2020';
import type { Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from '../spec/openapi';
import { isRecord } from '../spec/load-spec';

const COMPONENT_REF = '#/components/schemas/';
// Keywords whose value is data, not schema: neither rewritten nor searched for keywords.
const LITERAL_KEYWORDS = new Set(['example', 'examples', 'enum', 'const', 'default']);

/** OpenAPI keywords that are not JSON Schema 2020-12 but may appear in the specs' schemas. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

export interface SchemaCompilerOptions {
  /** Ajv type coercion: false, true (scalars), or 'array' (also scalar -> one-item array). */
  coerceTypes: Options['coerceTypes'];
  /** Responses: reject object properties the spec does not declare, so handler/spec drift shows up. */
  closeObjects?: boolean;
  /** Requests: readOnly properties are not part of a request (OpenAPI), so they are neither checked nor required. */
  dropReadOnly?: boolean;
  /**
   * Check every schema against the JSON Schema meta-schema while compiling. The specs are fixed files checked
   * so by the test suite (test/core/specs.test.ts); serving skips it, which halves start-up's compile time.
   */
  checkSchemas?: boolean;
}

/** Ajv reports either the first violation it meets (cheap on any input) or every one (costs time per error). */
export type ErrorMode = 'first' | 'all';

export class SchemaCompiler {
  private readonly instances = new Map<ErrorMode, Ajv2020>();
  private readonly baseId: string;

  constructor(
    vendor: string,
    private readonly doc: OpenApiDocument,
    private readonly options: SchemaCompilerOptions,
  ) {
    this.baseId = `urn:share-emulator:${vendor}`;
  }

  compile(schema: JsonSchema, errors: ErrorMode = 'all'): ValidateFunction {
    return this.ajv(errors).compile(this.prepare(schema, `${this.baseId}#/$defs/`));
  }

  /** Built on first compile: an Ajv instance costs tens of milliseconds, and start-up needs few of them. */
  private ajv(errors: ErrorMode): Ajv2020 {
    const existing = this.instances.get(errors);
    if (existing) return existing;
    const ajv = new Ajv2020({ allErrors: errors === 'all', strict: true, validateSchema: this.options.checkSchemas === true, coerceTypes: this.options.coerceTypes, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addVocabulary(OPENAPI_ANNOTATIONS);
    const defs: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(this.doc.components?.schemas ?? {})) {
      defs[name] = this.prepare(schema, '#/$defs/');
    }
    ajv.addSchema({ $id: this.baseId, $defs: defs });
    this.instances.set(errors, ajv);
    return ajv;
  }

  /** Whether `schema`, or a component schema it refers to, uses any of `keywords` (property names are not keywords). */
  uses(schema: unknown, keywords: readonly string[]): boolean {
    const seen = new Set<string>();
    const visit = (node: unknown): boolean => {
      if (Array.isArray(node)) return node.some(visit);
      if (!isRecord(node)) return false;
      for (const [key, value] of Object.entries(node)) {
        if (keywords.includes(key)) return true;
        if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
          const name = value.slice(COMPONENT_REF.length);
          if (!seen.has(name) && (seen.add(name), visit(this.doc.components?.schemas?.[name]))) return true;
        } else if ((key === 'properties' || key === 'patternProperties' || key === '$defs') && isRecord(value)) {
          if (Object.values(value).some(visit)) return true;
        } else if (!LITERAL_KEYWORDS.has(key) && visit(value)) {
          return true;
        }
      }
      return false;
    };
    return visit(schema);
  }

  /** Rewrites component refs, drops `x-` extensions, and closes objects when asked; returns a copy. */
  private prepare(schema: unknown, refPrefix: string): JsonSchema {
    const close = this.options.closeObjects === true;
    const visit = (node: unknown, inComposition: boolean): unknown => {
      if (Array.isArray(node)) return node.map((item) => visit(item, inComposition));
      if (!isRecord(node)) return node;
      const out: Record<string, unknown> = {};
      const dropped: string[] = [];
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) continue;
        if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
          out.$ref = refPrefix + value.slice(COMPONENT_REF.length);
        } else if (key === 'properties' && isRecord(value)) {
          const entries = Object.entries(value);
          for (const [k, v] of entries) if (this.options.dropReadOnly === true && isRecord(v) && v.readOnly === true) dropped.push(k);
          out.properties = Object.fromEntries(entries.filter(([k]) => !dropped.includes(k)).map(([k, v]) => [k, visit(v, false)]));
        } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
          out[key] = visit(value, true);
        } else if (LITERAL_KEYWORDS.has(key)) {
          out[key] = value;
        } else {
          out[key] = visit(value, false);
        }
      }
      if (dropped.length > 0 && Array.isArray(out.required)) out.required = (out.required as string[]).filter((r) => !dropped.includes(r));
      // A member of allOf/anyOf/oneOf cannot be closed on its own without rejecting its siblings' properties.
      if (close && !inComposition && isRecord(out.properties) && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
        out.unevaluatedProperties = false;
      }
      return out;
    };
    return visit(schema, false) as JsonSchema;
  }
}
