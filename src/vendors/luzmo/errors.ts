// Luzmo's error body in one place: {"type":{"code":N,"description":"<reason phrase>"},"message":"..."}
// with the same HTTP status; unknown routes, versions and resources answer a plain-text 404.
import { STATUS_CODES } from 'node:http';
import type { EmulatorError, InjectedFault, Unavailable, MalformedBody, TooManyRequests, UnknownOperation, ValidationFailed } from '../../core/errors';
import type { VendorResponse } from '../../core/vendor';
import type { Violation } from '../../core/validation/violation';
import { pathText } from '../../core/validation/violation';

export const ROUTE_NOT_FOUND_TEXT = 'Oops, this route does not exist (yet)!';

export function luzmoError(code: number, message: string, validation?: Record<string, string[]>): VendorResponse {
  const body: Record<string, unknown> = { type: { code, description: STATUS_CODES[code] ?? 'Error' }, message };
  if (validation) body.validation = validation;
  return { status: code, body };
}

export function renderLuzmoError(error: EmulatorError): VendorResponse {
  switch (error.kind) {
    case 'RouteNotFound':
    case 'MethodNotAllowed':
      return { status: 404, text: ROUTE_NOT_FOUND_TEXT, contentType: 'text/plain; charset=utf-8' };
    case 'UnknownOperation':
      return luzmoError(400, `Action '${String((error as UnknownOperation).value)}' not found`); // [A] status
    case 'ValidationFailed':
      return renderViolations((error as ValidationFailed).violations);
    case 'MalformedBody': {
      const { position } = error as MalformedBody;
      return luzmoError(400, `The request body is not valid JSON (near line ${position.line} column ${position.column}).`); // [A]
    }
    case 'Unauthorized':
      return luzmoError(401, error.message);
    case 'Forbidden':
      return luzmoError(403, error.message);
    case 'NotFound':
    case 'TenantNotFound':
      return luzmoError(404, error.message);
    case 'BadRequest':
      return luzmoError(400, error.message);
    case 'UnsupportedMediaType':
      return luzmoError(415, 'The request body must be JSON (Content-Type: application/json).'); // [A]
    case 'PayloadTooLarge':
      return luzmoError(413, error.message);
    case 'NotImplemented':
      return luzmoError(501, error.message);
    case 'InjectedFault':
    case 'Unavailable': {
      const fault = error as InjectedFault | Unavailable;
      return { ...luzmoError(fault.status, fault.message), headers: { ...fault.headers } };
    }
    case 'TooManyRequests':
      // [A] The guide documents the 429 only; Retry-After (seconds) is the standard hint a client can honour.
      return { ...luzmoError(429, error.message), headers: { 'retry-after': String((error as TooManyRequests).retryAfterSeconds) } };
    default:
      return luzmoError(500, 'Internal server error');
  }
}

/**
 * [A] Schema violations: a 400 whose message lists them and a `validation` map of field -> messages (the
 * Python SDK prints that map). Under an anyOf/oneOf failure, the branch-by-branch noise is dropped.
 */
function renderViolations(violations: readonly Violation[]): VendorResponse {
  const alternatives = violations.filter((v) => v.keyword === 'anyOf' || v.keyword === 'oneOf').map((v) => pathText(v.path));
  const kept = violations.filter((v) => {
    if (v.keyword === 'anyOf' || v.keyword === 'oneOf') return true;
    const field = pathText(v.path);
    return !alternatives.some((a) => field === a || field.startsWith(`${a}.`) || field.startsWith(`${a}[`));
  });
  const validation: Record<string, string[]> = {};
  for (const v of kept) {
    const field = pathText(v.path) || 'body';
    (validation[field] ??= []).push(messageOf(v));
  }
  const summary = Object.entries(validation)
    .map(([field, messages]) => `${field} ${messages.join(', ')}`)
    .join('; ');
  return luzmoError(400, `Invalid request: ${summary}.`, validation);
}

function messageOf(v: Violation): string {
  if (v.keyword === 'required') return 'is required';
  if (v.keyword === 'anyOf' || v.keyword === 'oneOf') return 'has an invalid value';
  if (v.keyword === 'const') return `must be ${JSON.stringify(v.params?.allowedValue)}`;
  if (v.keyword === 'enum') return `must be one of ${(v.params?.allowedValues as unknown[] | undefined)?.map((x) => JSON.stringify(x)).join(', ') ?? 'the allowed values'}`;
  return v.message;
}
