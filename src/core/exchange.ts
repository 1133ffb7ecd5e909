// One request/response pair as the emulator saw it. The pipeline fills it in; observers (the log line,
// the journal, the test suite's contract check) receive it once the response has been written.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Violation } from './validation/violation';

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
  vendor: string | null;
  operationId: string | null;
  requestBody?: Buffer;
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
  validation?: { outcome: 'passed' | 'rejected'; body: unknown; violations?: readonly Violation[] };
}

export type ExchangeObserver = (exchange: Exchange) => void;
