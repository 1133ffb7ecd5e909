// Typed errors thrown by the core and by vendor handlers. Only a vendor's error module turns them into
// a status, headers and a body, so no envelope is ever decided here.
import type { Violation } from './validation/violation';

export abstract class EmulatorError extends Error {
  abstract readonly kind: string;
}

/** The path is claimed by a vendor but matches none of its operations. */
export class RouteNotFound extends EmulatorError {
  readonly kind = 'RouteNotFound';
  constructor(readonly method: string, readonly path: string) {
    super(`No route for ${method} ${path}`);
  }
}

/** The path matches an operation, but not with this method. */
export class MethodNotAllowed extends EmulatorError {
  readonly kind = 'MethodNotAllowed';
  constructor(readonly method: string, readonly allowed: readonly string[]) {
    super(`Method ${method} is not allowed; allowed: ${allowed.join(', ')}`);
  }
}

/** An RPC-style request whose selector (e.g. `body.action`) names no operation; `value` as sent. */
export class UnknownOperation extends EmulatorError {
  readonly kind = 'UnknownOperation';
  constructor(readonly value: unknown) {
    super(`No operation for ${String(value)}`);
  }
}

/** A tenant named in the request (an environment, a datasource) does not exist. */
export class TenantNotFound extends EmulatorError {
  readonly kind = 'TenantNotFound';
  constructor(readonly tenant: string, message?: string) {
    super(message ?? `Unknown tenant ${tenant}`);
  }
}

/** No credential, or one the vendor does not know. `reason` lets the vendor pick its own wording. */
export class Unauthorized extends EmulatorError {
  readonly kind = 'Unauthorized';
  constructor(message: string, readonly reason: 'missing' | 'invalid' = 'invalid') {
    super(message);
  }
}

/** A known caller without the right to do this. */
export class Forbidden extends EmulatorError {
  readonly kind = 'Forbidden';
}

export class NotFound extends EmulatorError {
  readonly kind = 'NotFound';
}

/** A request the vendor rejects with a plain bad-request message and no structured violations. */
export class BadRequest extends EmulatorError {
  readonly kind = 'BadRequest';
  constructor(
    message: string,
    /** Itemized problems, for envelopes that can list them (the control plane's). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Schema or rule violations; every one found, not just the first. */
export class ValidationFailed extends EmulatorError {
  readonly kind = 'ValidationFailed';
  constructor(readonly violations: readonly Violation[], message = 'Request validation failed') {
    super(message);
  }
}

/** Where in the raw text a body stopped being readable JSON. */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
  /** JSON path segments of the value being read at that point. */
  path: readonly (string | number)[];
}

/** The body is not JSON (or not of the shape a JSON parser can map), with the place it went wrong. */
export class MalformedBody extends EmulatorError {
  readonly kind = 'MalformedBody';
  constructor(readonly position: TextPosition, detail: string) {
    super(detail);
  }
}

export class UnsupportedMediaType extends EmulatorError {
  readonly kind = 'UnsupportedMediaType';
  constructor(readonly contentType: string) {
    super(`Unsupported media type ${contentType}`);
  }
}

export class PayloadTooLarge extends EmulatorError {
  /** Closed after the answer, as the vendors' 413 is: a body refused unread must not be parsed as the next request. */
  static readonly answerHeaders: Readonly<Record<string, string>> = { connection: 'close' };
  readonly kind = 'PayloadTooLarge';
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
  }
}

/** The spec documents the operation, but this emulator does not serve it (yet). */
export class NotImplemented extends EmulatorError {
  readonly kind = 'NotImplemented';
  constructor(readonly operationId: string, reason?: string) {
    super(reason ?? `Operation ${operationId} is not implemented by the emulator`);
  }
}

/** A status injected on purpose (a fault rule or a rate limit), rendered in the vendor's envelope. */
export class InjectedFault extends EmulatorError {
  readonly kind = 'InjectedFault';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * A caller over its rate limit. The message is the human reason ("token dt0c01.abc12345.**** made 201 calls in
 * 1 s; ..."); `retryAfterSeconds` until one more call is allowed, `fullAtMs` when the whole burst is back.
 */
export class TooManyRequests extends EmulatorError {
  readonly kind = 'TooManyRequests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly limit: { perSecond: number; burst: number },
    readonly fullAtMs: number,
  ) {
    super(message);
  }
}

/**
 * The emulator cannot answer now through no fault of the caller (the shared store is unreachable or too
 * busy): the vendor's 503, with Retry-After, as the real service answers when a dependency is down.
 */
export class Unavailable extends EmulatorError {
  readonly kind = 'Unavailable';
  readonly status = 503;
  readonly headers: Readonly<Record<string, string>> = { 'retry-after': '1' };
}

/** Anything unexpected. It is a bug in the emulator and is logged with the request id. */
export class InternalError extends EmulatorError {
  readonly kind = 'InternalError';
  constructor(readonly original: unknown) {
    super('Internal server error');
  }
}

export function asEmulatorError(error: unknown): EmulatorError {
  return error instanceof EmulatorError ? error : new InternalError(error);
}
