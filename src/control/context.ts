// What control-plane handlers work with: the emulator's namespaces, journal and vendor runtimes, and the
// namespace and validated input of the call.
import type { RateLimiter } from '../core/rate-limits/rate-limiter';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock';
import type { IdSource } from '../core/ids';
import type { Metrics } from '../core/metrics';
import type { Journal } from '../core/journal';
import type { NamespaceRegistry } from '../core/namespaces';
import type { Random } from '../core/random';
import type { VendorResponse } from '../core/vendor';
import type { VendorRuntime } from '../core/vendor-runtime';
import type { ValidatedInput } from '../core/validation/request-validator';
import type { EventStreams } from './event-stream';
import type { SharedStore } from '../core/store/shared-store';

export interface ControlDeps {
  runtimes: readonly VendorRuntime[];
  namespaces: NamespaceRegistry;
  journal: Journal;
  /** Vendor name -> its spec's YAML text, as served by GET /specs/{vendor}. */
  specs: ReadonlyMap<string, string>;
  version: string;
  startedAt: number;
  clock: Clock;
  random: Random;
  ids: IdSource;
  /** Absent when metrics are off (METRICS=off). */
  metrics?: Metrics;
  /** When set, every call but health needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Origins (other than the emulator's own) whose pages may call the control plane: CORS_ORIGINS without '*'. */
  trustedOrigins: readonly string[];
  bodyLimit: number;
  /** Opt-in vendor rate limits (RATE_LIMITS); a reset forgets a namespace's counts. */
  rateLimits?: RateLimiter;
  /** The subscribers of GET /_emulator/events. */
  events: EventStreams;
  /** The state shared with other emulator processes (--store); absent: this process's memory only. */
  store?: SharedStore;
  /** Told when a namespace's state changed through the control plane (persistence listens). */
  onStateChanged(namespace: string): void;
}

export interface ControlContext {
  deps: ControlDeps;
  namespace: string;
  input: ValidatedInput;
}

/** An answer that takes the response over (the event stream) instead of a body written at once. */
export interface StreamAnswer {
  /** Writes the head (with these headers) and keeps writing; returns the head and the opening text it sent. */
  stream(res: ServerResponse, headers: Record<string, string>): { headers: OutgoingHttpHeaders; text: string };
}

export type ControlAnswer = VendorResponse | StreamAnswer;

export type ControlHandler = (ctx: ControlContext) => ControlAnswer | Promise<ControlAnswer>;
