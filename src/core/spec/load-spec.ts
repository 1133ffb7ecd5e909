// Reads a hand-written OpenAPI 3.1 YAML file and resolves the component $refs that the operation
// table needs (parameters, request bodies, responses). Schemas keep their $refs: Ajv resolves those.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { OpenApiDocument } from './openapi';

export class SpecError extends Error {}

export function loadSpec(file: string): OpenApiDocument {
  let doc: unknown;
  try {
    doc = load(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpecError(`Cannot read OpenAPI spec ${file}: ${(error as Error).message}`);
  }
  if (!isRecord(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1')) {
    throw new SpecError(`${file} is not an OpenAPI 3.1 document`);
  }
  if (!isRecord(doc.paths)) throw new SpecError(`${file} has no paths`);
  return doc as unknown as OpenApiDocument;
}

/** Follows a local `#/components/...` reference of a non-schema object (parameter, response). */
export function resolveLocalRef<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; isRecord(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 16) throw new SpecError(`Reference cycle at ${String(current.$ref)}`);
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new SpecError(`Only local references are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), doc);
    if (current === undefined) throw new SpecError(`Unresolvable reference ${ref}`);
  }
  return current as T;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
