// The control plane under /_emulator, built from specs/emulator.openapi.yaml: routed by Express (one route per
// spec path), then the vendors' own stages (body read, validateStage), handlers keyed by operationId, answered in its own {"error"} envelope. Never
// journaled and never subject to faults; needs the admin token (but for health) when one is set.
import type { Request, RequestHandler, Response, Router } from 'express';
import type createExpress from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Forbidden, InternalError, MethodNotAllowed, RouteNotFound, Unauthorized, asEmulatorError } from '../core/errors';
import { readBody } from '../core/http/body';
import { STORABLE_JSON_DEPTH } from '../core/http/json-text';
import { parseQuery } from '../core/http/query';
import { REQUEST_ID_HEADER, writeResponse } from '../core/http/respond';
import type { Logger } from '../core/log';
import type { Exchange, ExchangeObserver } from '../core/exchange';
import { closeExchange, openExchange, recordResponse, splitTarget } from '../core/exchange';
import { DEFAULT_NAMESPACE, NAMESPACE_HEADER, namespaceOf } from '../core/namespaces';
import { describe } from '../core/pipeline';
import type { OpenApiDocument } from '../core/spec/openapi';
import type { CompiledSpec } from '../core/spec/compile-spec';
import type { Operation } from '../core/spec/operation-table';
import { compileSpec } from '../core/spec/compile-spec';
import type { RequestValidator } from '../core/validation/request-validator';
import { validateStage } from '../core/validation/validate-stage';
import { IncomingVendorRequest } from '../core/vendor-request';
import { SILENT_EXPLAINER } from '../core/explanation/recorder';
import type { ControlAnswer, ControlDeps, ControlHandler } from './context';
import { controlError, renderControlError } from './errors';
import { getConsole, getConsoleAsset } from './console-files';
import { addFault, clearFaults, deleteFault, listFaults } from './handlers/faults';
import { advanceClock } from './handlers/clock';
import { getHealth, getMetrics, getVendorSpec, listVendorOperations } from './handlers/info';
import { streamEvents } from './handlers/events';
import { clearRequests, getRequest, getRequests } from './handlers/journal';
import { dropNamespace, listNamespaces } from './handlers/namespaces';
import { getState, putState, resetState } from './handlers/state';
import { composedExplanation } from '../core/explanation/explanation';

export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler>> = {
  getHealth,
  resetState,
  getState,
  putState,
  getRequests,
  getRequest,
  clearRequests,
  listFaults,
  addFault,
  clearFaults,
  deleteFault,
  getVendorSpec,
  getMetrics,
  advanceClock,
  streamEvents,
  listNamespaces,
  dropNamespace,
  listVendorOperations,
  getConsole,
  getConsoleAsset,
};

/** Operations that read or change a namespace's state or fault rules: with a shared store, one transaction each. */
const NAMESPACE_STATE_OPERATIONS = new Set(['resetState', 'getState', 'putState', 'listFaults', 'addFault', 'clearFaults', 'deleteFault']);

/** Operations anyone may call even when an admin token is set. */
const OPEN_OPERATIONS = new Set(['getHealth', 'getConsole', 'getConsoleAsset']);

const compiled = new WeakMap<OpenApiDocument, CompiledSpec>();

function compileControl(spec: OpenApiDocument): CompiledSpec {
  let c = compiled.get(spec);
  if (c) return c;
  c = compileSpec('emulator', spec, { router: { caseInsensitive: false, claims: [] }, bodyCoerceTypes: false, dropReadOnly: false, body: { nullAsAbsent: false } });
  compiled.set(spec, c);
  return c;
}

/** The vendor name control exchanges carry, so observers can tell them from vendor calls. */
export const CONTROL_VENDOR = '_emulator';

/**
 * The control plane as an Express router, one route per spec path (Express does the routing; the spec still
 * says what exists): each operation's methods, then 405 with Allow for the path's other methods, then a 404
 * in the control plane's envelope for anything else under /_emulator. Other paths pass on to the catch-all.
 */
export function createControlPlane(spec: OpenApiDocument, deps: ControlDeps, observers: readonly ExchangeObserver[], logger: Logger, express: typeof createExpress): Router {
  const { router, table, validators } = compileControl(spec);
  const base = table.bases[0]?.template ?? '/_emulator';
  const routes = express.Router({ caseSensitive: true, strict: true });
  const byPath = new Map<string, Operation[]>();
  for (const operation of table.operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  for (const [path, operations] of byPath) {
    // OpenAPI's {name} is Express's :name; both stand for one whole path segment.
    const route = routes.route(`${base}${path.replace(/\{([^}]+)\}/g, ':$1')}`);
    for (const operation of operations) for (const method of operation.methods) route[method.toLowerCase() as 'get'](serve(() => operation));
    const allowed = operations.flatMap((o) => o.methods);
    route.all(
      serve((method) => {
        throw new MethodNotAllowed(method, allowed);
      }),
    );
  }
  routes.use(base, serve((method, path) => {
    throw new RouteNotFound(method, path);
  }));
  return routes;

  /** A route's handler: `pick` names the operation for this request or throws the control plane's 404/405. */
  function serve(pick: (method: string, path: string) => Operation): RequestHandler {
    return (req: Request, res: Response) => {
      const exchange = openExchange(req, deps.ids.request(), DEFAULT_NAMESPACE, splitTarget(req.originalUrl));
      exchange.vendor = CONTROL_VENDOR;
      answer(req, exchange, () => pick(exchange.method, exchange.path))
        .then((response) => {
          if ('stream' in response) {
            // The exchange holds the stream's opening (the replay) and closes, logged with the stream's
            // duration, when the stream ends.
            const opening = response.stream(res, { [REQUEST_ID_HEADER]: exchange.id });
            recordResponse(exchange, { status: 200, ...opening });
            res.on('close', () => closeExchange(exchange, observers));
            return;
          }
          const written = writeResponse(res, response, 'application/json; charset=utf-8', exchange.id);
          recordResponse(exchange, written);
          closeExchange(exchange, observers);
        })
        .catch((error: unknown) => {
          // answer() renders every error itself; reaching here means writing the answer failed.
          logger.error(`${exchange.id} control ${exchange.method} ${exchange.path}: could not answer: ${describe(error)}`);
          try {
            if (res.headersSent) res.destroy();
            else writeResponse(res, controlError(500, 'Internal Server Error'), 'application/json; charset=utf-8', exchange.id);
          } catch {
            res.destroy();
          }
        });
    };
  }

  async function answer(request: Request, exchange: Exchange, pick: () => Operation): Promise<ControlAnswer> {
    try {
      exchange.namespace = namespaceOf(request.headers[NAMESPACE_HEADER]);
      const operation = pick();
      // Every route parameter is a plain :name (one segment, decoded by Express), never a wildcard's list.
      const pathParams = { ...request.params } as Record<string, string>;
      exchange.operationId = operation.operationId;
      if (!OPEN_OPERATIONS.has(operation.operationId)) {
        checkOrigin(request.headers.origin, request.headers.host, deps.trustedOrigins);
        if (deps.adminToken !== undefined) checkAdminToken(request.headers.authorization, deps.adminToken);
      }
      // The same stages as a vendor request: the body read under the limit, then validateStage.
      const raw = await readBody(request, deps.bodyLimit);
      exchange.requestBody = raw;
      const incoming = new IncomingVendorRequest(exchange.id, exchange.method, exchange.path, parseQuery(exchange.rawQuery), request.headers, operation, {}, pathParams, raw, STORABLE_JSON_DEPTH, SILENT_EXPLAINER);
      const input = validateStage(validators.get(operation.operationId) as RequestValidator, incoming, exchange);
      const handler = CONTROL_HANDLERS[operation.operationId] as ControlHandler;
      const run = (): ControlAnswer | Promise<ControlAnswer> => handler({ deps, namespace: exchange.namespace, input });
      const { store } = deps;
      if (store && NAMESPACE_STATE_OPERATIONS.has(operation.operationId)) return await store.transact(exchange.namespace, store.parts.all(), run);
      return await run();
    } catch (caught) {
      const error = asEmulatorError(caught);
      if (error instanceof InternalError) {
        exchange.internalError = error.original;
        logger.error(`${exchange.id} control ${exchange.method} ${exchange.path} failed: ${describe(error.original)}`);
      }
      const nearest = error instanceof RouteNotFound ? router.nearestTemplates(exchange.path) : undefined;
      const rendered = renderControlError(error, nearest);
      // The control plane's own envelope already says why; the explanation carries it to the log line.
      const message = (rendered.body as { error: string }).error;
      exchange.explanationSource = composedExplanation({ summary: `${rendered.status}: ${message}${nearest ? `; nearest: ${nearest.join(', ')}` : ''}`, route: { method: exchange.method, ...(exchange.operationId ? { operationId: exchange.operationId } : {}), ...(nearest ? { nearestPaths: nearest } : {}) } });
      return rendered;
    }
  }
}

function checkAdminToken(header: string | undefined, token: string): void {
  const given = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  // Compared as digests with timingSafeEqual: equal lengths, and no early exit that times the first difference.
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  if (!timingSafeEqual(digest(given), digest(token)) || given === '') throw new Unauthorized('This control-plane call needs Authorization: Bearer <ADMIN_TOKEN>');
}

/**
 * A browser sends Origin with every cross-origin call, and a plain form or fetch can POST /_emulator/reset
 * without a preflight. So a call with an Origin is served only from the emulator's own origin (a console it
 * serves) or an origin listed by name in CORS_ORIGINS; tools that send no Origin (curl, tests) are unaffected.
 */
function checkOrigin(origin: string | undefined, host: string | undefined, trusted: readonly string[]): void {
  if (origin === undefined || trusted.includes(origin)) return;
  if (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)) return;
  throw new Forbidden(`Control-plane calls from the web origin ${origin} are refused; list it in CORS_ORIGINS to allow it`);
}
