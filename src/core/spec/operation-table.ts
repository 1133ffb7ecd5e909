// Builds the operation table of one vendor from its spec: one entry per (path, method) with merged
// parameters, the request body schema, the documented responses and the security requirements.
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter, OpenApiRequestBody, OpenApiResponse } from './openapi';
import { HTTP_METHODS } from './openapi';
import { SpecError, isRecord, resolveLocalRef } from './load-spec';

export interface ResponseSpec {
  status: string;
  mediaTypes: string[];
  schema?: JsonSchema;
  headers: Record<string, { schema?: JsonSchema; required: boolean }>;
}

export interface RequestBodySpec {
  required: boolean;
  mediaTypes: string[];
  schema?: JsonSchema;
}

export interface Operation {
  vendor: string;
  operationId: string;
  /** The method the spec lists, upper case. */
  method: string;
  /** Every method routed to this operation: the spec's own plus `x-emulator-methods` (e.g. SEARCH, LINK). */
  methods: readonly string[];
  /** The spec's path template, relative to a server base. */
  path: string;
  parameters: readonly OpenApiParameter[];
  requestBody?: RequestBodySpec;
  responses: ReadonlyMap<string, ResponseSpec>;
  /** Alternatives, each a map of scheme name to required scopes (OpenAPI security requirement objects). */
  security: readonly Record<string, string[]>[];
  /** The raw spec object, for `x-` extensions the vendor reads. */
  source: OpenApiOperation;
  /** RPC style: the operation is chosen by a body property (x-emulator-dispatch); this one only routes. */
  dispatch?: Dispatch;
  /** For a dispatched operation: the routed operation it belongs to. */
  parent?: Operation;
}

export interface Dispatch {
  /** The body property whose value names the operation, e.g. `action`. */
  property: string;
  operations: ReadonlyMap<string, Operation>;
}

/** A server URL's path part, e.g. `/e/{environmentId}/api/config/v1`, with its variable names. */
export interface ServerBase {
  template: string;
  variables: readonly string[];
}

export interface OperationTable {
  vendor: string;
  operations: readonly Operation[];
  bases: readonly ServerBase[];
  byId: ReadonlyMap<string, Operation>;
}

export function buildOperationTable(vendor: string, doc: OpenApiDocument): OperationTable {
  const operations: Operation[] = [];
  const byId = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters ?? []).map((p) => resolveLocalRef<OpenApiParameter>(doc, p));
    for (const lower of HTTP_METHODS) {
      const op = item[lower];
      if (!op) continue;
      if (!op.operationId) throw new SpecError(`${vendor}: ${lower.toUpperCase()} ${path} has no operationId`);
      if (byId.has(op.operationId)) throw new SpecError(`${vendor}: duplicate operationId ${op.operationId}`);
      const operation = toOperation(vendor, doc, path, lower.toUpperCase(), op, shared);
      operations.push(operation);
      byId.set(operation.operationId, operation);
      for (const sub of operation.dispatch?.operations.values() ?? []) {
        if (byId.has(sub.operationId)) throw new SpecError(`${vendor}: duplicate operationId ${sub.operationId}`);
        byId.set(sub.operationId, sub);
      }
    }
  }
  return { vendor, operations, bases: serverBases(doc), byId };
}

function toOperation(
  vendor: string,
  doc: OpenApiDocument,
  path: string,
  method: string,
  op: OpenApiOperation,
  shared: OpenApiParameter[],
): Operation {
  const own = (op.parameters ?? []).map((p) => resolveLocalRef<OpenApiParameter>(doc, p));
  // Operation-level parameters override path-level ones with the same name and location.
  const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
  const extra = op['x-emulator-methods'];
  const methods = [method, ...(Array.isArray(extra) ? extra.map((m) => String(m).toUpperCase()) : [])];
  const operation: Operation = {
    vendor,
    operationId: op.operationId as string,
    method,
    methods: [...new Set(methods)],
    path,
    parameters,
    requestBody: op.requestBody ? toRequestBody(resolveLocalRef<OpenApiRequestBody>(doc, op.requestBody)) : undefined,
    responses: toResponses(doc, op),
    security: op.security ?? doc.security ?? [],
    source: op,
  };
  const dispatch = op['x-emulator-dispatch'];
  if (dispatch !== undefined) operation.dispatch = toDispatch(vendor, operation, dispatch);
  return operation;
}

/**
 * `x-emulator-dispatch: { property, operations: { <value>: { operationId, requestBody: <schema ref>,
 * responses: { <status>: <schema ref> } } } }`: one sub-operation per value, sharing the parent's path,
 * methods, parameters and security; its body schema and the listed response schemas are its own.
 */
function toDispatch(vendor: string, parent: Operation, raw: unknown): Dispatch {
  if (!isRecord(raw) || typeof raw.property !== 'string' || !isRecord(raw.operations)) {
    throw new SpecError(`${vendor}: x-emulator-dispatch of ${parent.operationId} needs a property and operations`);
  }
  const operations = new Map<string, Operation>();
  for (const [value, entry] of Object.entries(raw.operations)) {
    if (!isRecord(entry) || typeof entry.operationId !== 'string' || typeof entry.requestBody !== 'string') {
      throw new SpecError(`${vendor}: x-emulator-dispatch ${parent.operationId}.${value} needs operationId and requestBody`);
    }
    const responses = new Map(parent.responses);
    for (const [status, ref] of Object.entries(isRecord(entry.responses) ? entry.responses : {})) {
      const base = responses.get(status);
      if (!base || typeof ref !== 'string') throw new SpecError(`${vendor}: ${entry.operationId} overrides undocumented status ${status}`);
      responses.set(status, { ...base, schema: { $ref: ref } });
    }
    operations.set(value, {
      ...parent,
      operationId: entry.operationId,
      requestBody: { required: true, mediaTypes: parent.requestBody?.mediaTypes ?? ['application/json'], schema: { $ref: entry.requestBody } },
      responses,
      parent,
    });
  }
  return { property: raw.property, operations };
}

function toRequestBody(body: OpenApiRequestBody): RequestBodySpec {
  const content = body.content ?? {};
  const mediaTypes = Object.keys(content);
  const first = mediaTypes[0];
  return { required: body.required === true, mediaTypes, schema: first ? content[first]?.schema : undefined };
}

function toResponses(doc: OpenApiDocument, op: OpenApiOperation): Map<string, ResponseSpec> {
  const responses = new Map<string, ResponseSpec>();
  for (const [status, raw] of Object.entries(op.responses ?? {})) {
    const response = resolveLocalRef<OpenApiResponse>(doc, raw);
    const content = response.content ?? {};
    const mediaTypes = Object.keys(content);
    const first = mediaTypes[0];
    const headers: ResponseSpec['headers'] = {};
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const resolved = resolveLocalRef<{ schema?: JsonSchema; required?: boolean }>(doc, header);
      headers[name.toLowerCase()] = { schema: resolved.schema, required: resolved.required === true };
    }
    responses.set(status, { status, mediaTypes, schema: first ? content[first]?.schema : undefined, headers });
  }
  return responses;
}

function serverBases(doc: OpenApiDocument): ServerBase[] {
  const servers = doc.servers?.length ? doc.servers : [{ url: '/' }];
  return servers.map((server) => {
    const template = server.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/\/+$/, '');
    const variables = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    for (const name of variables) {
      if (!isRecord(server.variables?.[name])) {
        throw new SpecError(`Server ${server.url} uses {${name}} without declaring it in variables`);
      }
    }
    return { template, variables };
  });
}
