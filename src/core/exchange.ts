// One request/response pair as the emulator saw it, opened when a request arrives and closed once the
// response is written, when observers (the log line, the journal, the contract check) receive it.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Written } from './http/respond';
import type { Violation } from './validation/violation';
import type { Explanation, ExplanationSource } from './explanation/explanation';

export interface Exchange {
  id: string;
  /** Wall-clock start, epoch milliseconds (formatted only when someone reads the journal). */
  time: number;
  /** performance.now() at start, for the duration. */
  startedAt: number;
  namespace: string;
  method: string;
  /** Path without the query string, as received. */
  path: string;
  rawQuery: string;
  requestHeaders: IncomingHttpHeaders;
  /** The headers as received, name and value alternating: the journal sizes them from this list, since Node's
   * header object is a dictionary-mode object that is slow to walk. */
  readonly requestRawHeaders: readonly string[];
  vendor: string | null;
  operationId: string | null;
  requestBody?: Buffer;
  /** The body as text, when the vendor request decoded it (the journal and the lenient readings reuse it). */
  requestText?: string;
  status: number;
  responseHeaders: OutgoingHttpHeaders;
  /** The response body exactly as sent ('' for none). */
  responseText: string;
  durationMs: number;
  /** Set when the response is an unexpected 500 (an emulator bug). */
  internalError?: unknown;
  /** The fault rule id ('header' for X-Emulator-Fault) when the answer was injected. */
  fault?: string;
  /** True when a fault closed the connection without an answer. */
  dropped?: boolean;
  /** True when the journal had to cut a body longer than its limit. */
  truncated?: boolean;
  /** What request validation decided, with the body as the vendor read it (coerced, nulls dropped, ...). */
  validation?: {
    outcome: 'passed' | 'rejected';
    body: unknown;
    violations?: readonly Violation[];
  };
  /**
   * Set once a validation read the body otherwise than sent (unset: no lenient reading to look for). Ajv coerces the
   * parsed body in place, so a request run again after a lost store race re-reads a body already changed, and must
   * still look for lenient readings: the mark lives on the exchange, not on one run's validation.
   */
  bodyChanged?: true;
  /** Why it was answered so (vendor exchanges and the catch-all 404), composed from its source on each read. */
  readonly explanation?: Explanation;
  /** Where the explanation comes from: the journal keeps this and composes the explanation only when asked. */
  explanationSource?: ExplanationSource;
}

export type ExchangeObserver = (exchange: Exchange) => void;

/** A request target split at the first '?'. */
export interface RequestTarget {
  path: string;
  rawQuery: string;
}

export function splitTarget(url: string | undefined): RequestTarget {
  const target = url ?? '/';
  const q = target.indexOf('?');
  return q < 0 ? { path: target, rawQuery: '' } : { path: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** `id` comes from the emulator's IdSource; `target` is passed when the caller has already split the URL. */
export function openExchange(req: IncomingMessage, id: string, namespace: string, target: RequestTarget = splitTarget(req.url)): Exchange {
  return new OpenExchange(id, namespace, req.method ?? 'GET', target, req.headers, req.rawHeaders);
}

/** An Exchange whose `explanation` is read from its source, so observers see a plain Explanation. */
class OpenExchange implements Exchange {
  readonly time = Date.now();
  readonly startedAt = performance.now();
  readonly path: string;
  readonly rawQuery: string;
  vendor: string | null = null;
  operationId: string | null = null;
  requestBody?: Buffer;
  requestText?: string;
  status = 0;
  responseHeaders: OutgoingHttpHeaders = {};
  responseText = '';
  durationMs = 0;
  internalError?: unknown;
  fault?: string;
  dropped?: boolean;
  truncated?: boolean;
  validation?: Exchange['validation'];
  explanationSource?: ExplanationSource;

  constructor(
    readonly id: string,
    public namespace: string,
    readonly method: string,
    target: RequestTarget,
    readonly requestHeaders: IncomingHttpHeaders,
    readonly requestRawHeaders: readonly string[],
  ) {
    this.path = target.path;
    this.rawQuery = target.rawQuery;
  }

  get explanation(): Explanation | undefined {
    return this.explanationSource?.read();
  }
}

export function recordResponse(exchange: Exchange, written: Written): void {
  exchange.status = written.status;
  exchange.responseHeaders = written.headers;
  exchange.responseText = written.text;
}

export function closeExchange(exchange: Exchange, observers: readonly ExchangeObserver[]): void {
  exchange.durationMs = performance.now() - exchange.startedAt;
  for (let i = 0; i < observers.length; i++) (observers[i] as ExchangeObserver)(exchange);
}
