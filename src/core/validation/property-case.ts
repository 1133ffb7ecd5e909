// Case-insensitive JSON property names (ASP.NET model binding): body keys that differ from a declared
// property only in case are renamed to the declared spelling before validation. Walks body and schema
// together, iteratively, following component $refs and composition keywords.
import type { JsonSchema, OpenApiDocument } from '../spec/openapi';
import { isRecord } from '../spec/load-spec';

const COMPONENT_REF = '#/components/schemas/';

interface SchemaFacts {
  /** Declared property names by lower-case spelling, with their schemas. */
  declared: Map<string, [string, JsonSchema]>;
  /** The schema array items follow, if any. */
  items?: JsonSchema;
}

export class PropertyCaseNormalizer {
  /** Per schema object, computed once: a body of 100,000 array items must not expand the schema 100,000 times. */
  private readonly facts = new WeakMap<JsonSchema, SchemaFacts>();

  constructor(private readonly doc: OpenApiDocument) {}

  /** Returns whether any key was renamed. */
  normalize(data: unknown, schema: JsonSchema): boolean {
    let renamed = false;
    const stack: [unknown, JsonSchema][] = [[data, schema]];
    while (stack.length > 0) {
      const [node, rawSchema] = stack.pop() as [unknown, JsonSchema];
      if (typeof node !== 'object' || node === null) continue;
      const { declared, items } = this.factsOf(rawSchema);
      if (Array.isArray(node)) {
        // Only objects (and arrays of them) have property names to fix.
        if (items) for (const item of node) if (typeof item === 'object' && item !== null) stack.push([item, items]);
        continue;
      }
      if (!isRecord(node)) continue;
      for (const key of Object.keys(node)) {
        const match = declared.get(key.toLowerCase());
        if (!match) continue;
        const [name, sub] = match;
        // An exact spelling wins over a differently cased duplicate.
        if (key !== name && !(name in node)) {
          Object.defineProperty(node, name, { value: node[key], enumerable: true, writable: true, configurable: true });
          delete node[key];
          renamed = true;
        }
        stack.push([node[name], sub]);
      }
    }
    return renamed;
  }

  private factsOf(schema: JsonSchema): SchemaFacts {
    let facts = this.facts.get(schema);
    if (facts) return facts;
    const schemas = this.expand(schema);
    const declared = new Map<string, [string, JsonSchema]>();
    for (const s of schemas) {
      if (!isRecord(s.properties)) continue;
      for (const [name, sub] of Object.entries(s.properties)) declared.set(name.toLowerCase(), [name, isRecord(sub) ? sub : {}]);
    }
    const itemSchemas = schemas.map((s) => s.items).filter(isRecord);
    facts = { declared, items: itemSchemas.length === 0 ? undefined : itemSchemas.length === 1 ? itemSchemas[0] : { allOf: itemSchemas } };
    this.facts.set(schema, facts);
    return facts;
  }

  /** The schema and everything it stands for through $ref and allOf/anyOf/oneOf. */
  private expand(schema: JsonSchema): JsonSchema[] {
    const out: JsonSchema[] = [];
    const pending: JsonSchema[] = [schema];
    const seen = new Set<JsonSchema>();
    while (pending.length > 0) {
      const s = pending.pop() as JsonSchema;
      if (seen.has(s)) continue;
      seen.add(s);
      out.push(s);
      if (typeof s.$ref === 'string' && s.$ref.startsWith(COMPONENT_REF)) {
        const target = this.doc.components?.schemas?.[s.$ref.slice(COMPONENT_REF.length)];
        if (target) pending.push(target);
      }
      for (const key of ['allOf', 'anyOf', 'oneOf']) {
        const list = s[key];
        if (Array.isArray(list)) for (const member of list) if (isRecord(member)) pending.push(member);
      }
    }
    return out;
  }
}
