// Turns a valid generated body into invalid ones: finds the places the schema constrains (required
// fields, declared types, enums) by walking body and schema together, then breaks one place at a time.
import type { JsonSchema } from '../../src/core/spec/openapi';

type Path = (string | number)[];
export type MutationKind = 'remove-required' | 'wrong-type' | 'outside-enum' | 'extra-nesting';

export interface Mutation {
  kind: MutationKind;
  path: Path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class MutationFinder {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    /** Paths the harness owns (credentials, dispatch keys): never mutated. */
    private readonly protectedKeys: readonly string[] = [],
  ) {}

  find(body: unknown, schema: JsonSchema): Mutation[] {
    const out: Mutation[] = [];
    const visit = (value: unknown, raw: JsonSchema, path: Path): void => {
      const s = this.flatten(raw);
      const owned = path.length === 1 && this.protectedKeys.includes(String(path[0]));
      if (path.length > 0 && !owned) {
        if (s.type !== undefined) out.push({ kind: 'wrong-type', path });
        if (Array.isArray(s.enum)) out.push({ kind: 'outside-enum', path });
        if (s.type !== undefined && !isObject(value) && !Array.isArray(value)) out.push({ kind: 'extra-nesting', path });
      }
      if (isObject(value) && isObject(s.properties)) {
        for (const name of (s.required as string[] | undefined) ?? []) {
          if (name in value && !(path.length === 0 && this.protectedKeys.includes(name))) out.push({ kind: 'remove-required', path: [...path, name] });
        }
        // readOnly properties are not part of a request (OpenAPI), so breaking them breaks nothing.
        for (const [name, sub] of Object.entries(s.properties)) if (name in value && isObject(sub) && sub.readOnly !== true) visit(value[name], sub, [...path, name]);
      } else if (Array.isArray(value) && isObject(s.items)) {
        value.forEach((item, i) => visit(item, s.items as JsonSchema, [...path, i]));
      }
    };
    visit(body, schema, []);
    return out;
  }

  /** $ref resolved and allOf members merged, as far as properties, required, type and enum go. */
  private flatten(schema: JsonSchema): JsonSchema {
    let s = schema;
    while (typeof s.$ref === 'string') s = this.components[s.$ref.replace('#/components/schemas/', '')] ?? {};
    if (!Array.isArray(s.allOf)) return s;
    const merged: JsonSchema = { ...s, properties: { ...(s.properties as object) }, required: [...((s.required as string[]) ?? [])] };
    for (const member of s.allOf as JsonSchema[]) {
      const m = this.flatten(member);
      Object.assign(merged.properties as object, m.properties);
      (merged.required as string[]).push(...((m.required as string[]) ?? []));
      if (m.type !== undefined) merged.type = m.type;
    }
    return merged;
  }
}

/** A deep copy of `body` with the mutation applied; values are chosen so no vendor's coercion can rescue them. */
export function mutate(body: unknown, mutation: Mutation): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  const parentPath = mutation.path.slice(0, -1);
  const key = mutation.path[mutation.path.length - 1] as string | number;
  const parent = parentPath.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const value = parent[key];
  switch (mutation.kind) {
    case 'remove-required':
      delete parent[key];
      break;
    case 'wrong-type':
      parent[key] = isObject(value) || Array.isArray(value) ? 'not-an-object-or-array' : { unexpected: true };
      break;
    case 'outside-enum':
      parent[key] = '__NOT_IN_THE_ENUM__';
      break;
    case 'extra-nesting':
      parent[key] = [[value]];
      break;
  }
  return copy;
}
