// Where the pipeline hands its facts over: route misses get their nearest candidates, the body's lenient
// readings are found, and the explanation (composed when read) is put on the exchange for the journal and the log.
import type { Exchange } from '../exchange';
import type { EmulatorError } from '../errors';
import { MethodNotAllowed, RouteNotFound, UnknownOperation } from '../errors';
import type { FaultAction } from '../faults/fault-rules';
import type { Operation } from '../spec/operation-table';
import type { VendorRuntime } from '../vendor-runtime';
import type { AnswerFacts } from './compose';
import { DeferredExplanation } from './deferred-explanation';
import { lenientReadings } from './lenient-readings';
import type { RouteFacts } from './explanation';
import { EXPLANATION_LIMITS, composedExplanation } from './explanation';
import { nearest, templateDistance } from './nearest';
import type { ExplanationRecorder } from './recorder';

/** Adds the candidates a caller probably meant when routing or RPC dispatch found nothing. */
export function noteRouteMiss(explain: ExplanationRecorder, error: EmulatorError, runtime: VendorRuntime, path: string, routed: Operation | undefined): void {
  if (error instanceof RouteNotFound) explain.route.nearestPaths = runtime.router.nearestTemplates(path);
  else if (error instanceof MethodNotAllowed) explain.route.allowedMethods = [...error.allowed];
  else if (error instanceof UnknownOperation && routed?.dispatch) explain.route.knownActions = [...routed.dispatch.operations.keys()];
}

/** The [A] readings the core itself applies before the vendor sees the body. */
export function noteBodyReadings(explain: ExplanationRecorder, exchange: Exchange, acceptsBody: boolean): void {
  const body = exchange.requestBody;
  if (body === undefined || body.length === 0) return;
  if (!acceptsBody) explain.lenient('a body was sent to an operation that takes none: ignored');
  else if (exchange.requestHeaders['content-type'] === undefined) explain.lenient('a body without Content-Type: read as JSON');
}

export function describeFault(action: FaultAction): string {
  const parts: string[] = [];
  if (action.drop) parts.push('connection dropped');
  if (action.status !== undefined) parts.push(`status ${action.status}`);
  if (action.retryAfter !== undefined) parts.push(`Retry-After ${action.retryAfter}`);
  if (action.delayMs !== undefined) parts.push(`delay ${action.delayMs} ms`);
  return parts.join(', ');
}

export function explainExchange(exchange: Exchange, explain: ExplanationRecorder, runtime: VendorRuntime, failure: EmulatorError | undefined, fault: FaultAction | undefined): void {
  const validation = exchange.validation;
  if (validation?.outcome === 'passed' && exchange.bodyChanged === true && validation.body !== undefined && exchange.requestBody !== undefined && exchange.requestBody.length > 0) {
    for (const reading of lenientReadings(exchange.requestText ?? exchange.requestBody.toString('utf8'), validation.body)) explain.lenient(reading);
  }
  // Only immutable facts are kept: what the summary reads of the error, the violations shown (not the body read).
  exchange.explanationSource = new DeferredExplanation(explain, {
    status: exchange.dropped ? 'dropped' : exchange.status,
    error: failure && { kind: failure.kind, message: failure.message },
    api: apiName(runtime),
    path: exchange.path,
    fault: exchange.fault === undefined || !fault ? undefined : { source: exchange.fault === 'header' ? 'header' : 'rule', ...(exchange.fault === 'header' ? {} : { rule: exchange.fault }), action: describeFault(fault) },
    // Of a violation only what the explanation shows: its params may hold a whole rejected property name again.
    validation: validation && (validation.outcome === 'passed' && validation.violations === undefined ? PASSED : { outcome: validation.outcome, violations: (validation.violations ?? []).slice(0, EXPLANATION_LIMITS.violations).map((v) => ({ in: v.in, path: v.path, keyword: v.keyword, message: v.message })), total: validation.violations?.length ?? 0 }),
  });
}

/** For a path no vendor claims: the vendors' base paths nearest to its first segments. */
export function explainUnclaimed(exchange: Exchange, runtimes: readonly VendorRuntime[]): void {
  const candidates = runtimes.flatMap((r) => r.table.bases.filter((b) => b.template !== '').map((b) => ({ api: apiName(r), base: b.template })));
  const segments = exchange.path.split('/');
  const near = nearest(candidates, (c) => templateDistance(c.base, segments.slice(0, c.base.split('/').length).join('/'), true), 2).map((c) => `${c.api} ${c.base}`);
  const route: RouteFacts = { method: exchange.method, nearestPaths: near };
  exchange.explanationSource = composedExplanation({ summary: `${exchange.status}: no emulated API serves ${exchange.method} ${exchange.path}; nearest base paths: ${near.join(', ')}`, route });
}

const apiNames = new WeakMap<VendorRuntime, string>();

/** 'DESK', 'Luzmo', 'EnergyCAP': the title's first word, found once per runtime. */
function apiName(runtime: VendorRuntime): string {
  let name = apiNames.get(runtime);
  if (name === undefined) {
    name = runtime.module.title.split(' ')[0] as string;
    apiNames.set(runtime, name);
  }
  return name;
}

/** What a passed validation leaves for its explanation: shared, since nothing changes it. */
const PASSED: NonNullable<AnswerFacts['validation']> = Object.freeze({ outcome: 'passed', violations: Object.freeze([]), total: 0 });
