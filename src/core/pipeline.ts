// The way a vendor request goes: route -> read body -> authenticate -> validate -> dispatch -> respond.
// Every failure is a typed error rendered by the vendor's own error module; anything untyped is an
// emulator bug, answered as the vendor's 500 and logged with the request id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Exchange } from './exchange';
import { recordResponse } from './exchange';
import type { EmulatorError } from './errors';
import { InjectedFault, InternalError, NotImplemented, PayloadTooLarge, Unavailable, asEmulatorError } from './errors';
import { readBody } from './http/body';
import { parseQuery } from './http/query';
import { writeResponse } from './http/respond';
import type { IdSource } from './ids';
import type { Logger } from './log';
import { FAULT_HEADER, FAULT_RESPONSE_HEADER, parseFaultHeader } from './faults/fault-header';
import { applyFault } from './faults/apply-fault';
import type { FaultAction } from './faults/fault-rules';
import type { NamespaceRegistry } from './namespaces';
import { NAMESPACE_HEADER, namespaceOf } from './namespaces';
import type { Operation } from './spec/operation-table';
import type { RateLimiter } from './rate-limits/rate-limiter';
import type { RuntimeServices, VendorRequest, VendorResponse } from './vendor';
import { IncomingVendorRequest } from './vendor-request';
import { validateStage } from './validation/validate-stage';
import { ExplanationRecorder, SILENT_EXPLAINER } from './explanation/recorder';
import { explainExchange, noteBodyReadings, noteRouteMiss } from './explanation/explain-exchange';
import type { VendorRuntime } from './vendor-runtime';
import type { SharedStore } from './store/shared-store';
import { FAULTS_PART } from './store/state-parts';

export interface PipelineDeps {
  namespaces: NamespaceRegistry;
  ids: IdSource;
  services: RuntimeServices;
  logger: Logger;
  bodyLimit: number;
  /** Opt-in vendor rate limits; absent when no vendor has them on. */
  rateLimits?: RateLimiter;
  /** Whether exchanges get an explanation (vendor code then records into a silent Explainer). */
  explanations: boolean;
  /** The state shared with other emulator processes (--store); absent: this process's memory only. */
  store?: SharedStore;
}

/** The journal's `fault` of an answer the shared store's outage decided. */
export const STORE_UNAVAILABLE_FAULT = 'store-unavailable';

export async function serveVendorRequest(
  runtime: VendorRuntime,
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  exchange: Exchange,
): Promise<void> {
  const { module } = runtime;
  let request: IncomingVendorRequest | undefined;
  let response: VendorResponse;
  const explain = deps.explanations ? new ExplanationRecorder(exchange.method) : undefined;
  let routed: Operation | undefined;
  let fault: FaultAction | undefined;
  let failure: EmulatorError | undefined;
  try {
    // The path and query were cut from one request target ('?' counted even when absent: an upper bound).
    const match = runtime.router.match(exchange.method, exchange.path, exchange.path.length + 1 + exchange.rawQuery.length);
    const { pathParams, serverParams } = match;
    routed = match.operation;
    exchange.operationId = match.operation.operationId;
    if (explain && match.operation.dispatch) {
      explain.route.operationId = exchange.operationId;
      explain.route.template = match.template;
    } else if (explain) explain.routed(match.operation, exchange.operationId, match.template);
    exchange.namespace = namespaceOf(req.headers[NAMESPACE_HEADER]);
    const reading = readBody(req, deps.bodyLimit);
    const rawBody = reading instanceof Promise ? await reading : reading;
    exchange.requestBody = rawBody;
    const query = parseQuery(exchange.rawQuery);
    const incoming = new IncomingVendorRequest(exchange.id, exchange.method, exchange.path, query, req.headers, match.operation, serverParams, pathParams, rawBody, module.bodyParsing.maxJsonDepth, explain ?? SILENT_EXPLAINER);
    request = incoming;
    const serve = (): VendorResponse | Promise<VendorResponse> => {
      const state = deps.namespaces.state(exchange.namespace, module.name);
      const { store: records, principal } = module.authenticate(incoming, state, runtime.settings);
      deps.rateLimits?.admit(exchange.namespace, module, principal); // opt-in (RATE_LIMITS): authenticated calls only
      // RPC-style vendors: the routed operation only dispatches; the body names the real one.
      const operation = runtime.select(match.operation, match.operation.dispatch ? incoming.json() : undefined);
      incoming.operation = operation;
      exchange.operationId = operation.operationId;
      if (explain && match.operation.dispatch) {
        explain.route.operationId = operation.operationId;
        explain.route.action = String((incoming.json() as Record<string, unknown>)[match.operation.dispatch.property]);
      }
      const validator = runtime.validators.get(operation.operationId);
      if (!validator) throw new Error(`No validator for ${operation.operationId}`);
      if (explain) noteBodyReadings(explain, exchange, validator.acceptsBody);
      const input = validateStage(validator, incoming, exchange);
      const handler = module.handlers[operation.operationId];
      if (!handler) throw new NotImplemented(operation.operationId, module.notImplemented?.[operation.operationId]);
      return handler({ clock: deps.services.clock, random: deps.services.random, operation, request: incoming, input, store: records, principal, settings: runtime.settings });
    };
    // Faults fire before authentication, so an injected outage does not depend on the caller's credentials.
    const header = req.headers[FAULT_HEADER];
    const { store } = deps;
    let served: VendorResponse | undefined;
    if (!store) {
      fault = pickFault(runtime, deps.namespaces, exchange, header, match.operation, incoming);
    } else {
      // With a shared store the request is a transaction, run again after a lost race: the fault rules and the
      // vendor's state are read in one step, and a fault that fires is committed (times: 1 fires once anywhere).
      const outcome = await transact(store, exchange, header === undefined ? [FAULTS_PART, module.name] : [module.name], module.name, explain, async () => {
        exchange.fault = undefined; // a rule that fired in a lost run did not answer
        const picked = pickFault(runtime, deps.namespaces, exchange, header, match.operation, incoming);
        return picked ? { fault: picked } : { response: await serve() };
      });
      fault = outcome.fault;
      served = outcome.response;
    }
    // Applied outside any transaction, so an injected delay holds no namespace's turn.
    if (fault && (await applyFault(fault, req)) === 'dropped') {
      exchange.dropped = true;
      if (explain) explainExchange(exchange, explain, runtime, undefined, fault);
      return;
    }
    if (served !== undefined) response = served;
    else if (store) response = await transact(store, exchange, [module.name], module.name, explain, serve);
    else {
      // Most handlers answer synchronously: awaiting only a promise saves a microtask turn per request.
      const answer = serve();
      response = answer instanceof Promise ? await answer : answer;
    }
  } catch (caught) {
    const error = asEmulatorError(caught);
    failure = error;
    if (explain) noteRouteMiss(explain, error, runtime, exchange.path, routed);
    if (error instanceof InternalError) {
      exchange.internalError = error.original;
      deps.logger.error(`${exchange.id} unexpected error in ${module.name} ${exchange.method} ${exchange.path}: ${describe(error.original)}`);
    }
    response = renderSafely(runtime, error, request, deps.logger, exchange.id);
    if (error instanceof PayloadTooLarge) response.headers = { ...response.headers, ...PayloadTooLarge.answerHeaders };
    // Not the vendor's doing: the journal marks it as the emulator's own outage (judges skip it like an injected one).
    if (error instanceof Unavailable) exchange.fault = STORE_UNAVAILABLE_FAULT;
    // Say which fault answered, so a test (or a person) can tell an injected outage from a real one.
    if (error instanceof InjectedFault && exchange.fault !== undefined) response.headers = { ...response.headers, [FAULT_RESPONSE_HEADER]: exchange.fault };
  }
  let written;
  try {
    written = writeResponse(res, response, module.jsonContentType, exchange.id);
  } catch (error) {
    // A body that cannot be serialized is an emulator bug, answered as the vendor's 500 rather than a reset.
    exchange.internalError = error;
    deps.logger.error(`${exchange.id} could not serialize the ${module.name} response to ${exchange.method} ${exchange.path}: ${describe(error)}`);
    written = writeResponse(res, renderSafely(runtime, new InternalError(error), request, deps.logger, exchange.id), module.jsonContentType, exchange.id);
  }
  recordResponse(exchange, written);
  exchange.requestText = request?.decodedText;
  if (explain) explainExchange(exchange, explain, runtime, failure, fault);
}

/**
 * One transaction on the shared store over `parts` (each run starts the explanation and the validation afresh,
 * since a lost race runs it again); a GET or HEAD only reads the vendor's part.
 */
function transact<T>(store: SharedStore, exchange: Exchange, parts: string[], vendor: string, explain: ExplanationRecorder | undefined, run: () => T | Promise<T>): Promise<T> {
  const readOnly = exchange.method === 'GET' || exchange.method === 'HEAD' ? [vendor] : [];
  return store.transact(exchange.namespace, parts, () => {
    explain?.restart();
    exchange.validation = undefined;
    return run();
  }, readOnly);
}

/** The header's fault, or the first matching rule of the namespace (matched on routed and selected operation). */
function pickFault(
  runtime: VendorRuntime,
  namespaces: NamespaceRegistry,
  exchange: Exchange,
  header: string | string[] | undefined,
  routed: Operation,
  request: IncomingVendorRequest,
): FaultAction | undefined {
  if (header !== undefined) {
    exchange.fault = 'header';
    return parseFaultHeader(Array.isArray(header) ? header.join(';') : header);
  }
  const faults = namespaces.get(exchange.namespace).faults;
  if (faults.size === 0) return undefined;
  const operationIds = [routed.operationId];
  if (routed.dispatch) {
    try {
      operationIds.push(runtime.select(routed, request.json()).operationId);
    } catch {
      // An unreadable body or unknown action selects nothing; rules on the routed operation still match.
    }
  }
  const rule = faults.fire({ vendor: runtime.name, operationIds, method: exchange.method, path: exchange.path });
  if (rule) exchange.fault = rule.id;
  return rule?.action;
}

/** A broken error renderer must still produce an answer: the vendor's 500 if it can, a bare one if not. */
function renderSafely(runtime: VendorRuntime, error: EmulatorError, request: VendorRequest | undefined, logger: Logger, id: string): VendorResponse {
  try {
    return runtime.module.renderError(error, request, runtime.settings);
  } catch (renderError) {
    logger.error(`${id} ${runtime.name} error renderer failed: ${describe(renderError)}`);
    try {
      return runtime.module.renderError(new InternalError(renderError), request, runtime.settings);
    } catch {
      return { status: 500, text: 'Internal Server Error' };
    }
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
