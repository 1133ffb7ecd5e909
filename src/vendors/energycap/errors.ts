// EnergyCAP's error body in one place: {"message": "<text>"} with Content-Type application/json for every
// 4xx/5xx [A]. Where no sample exists the texts are ASP.NET Web API's own defaults, the vendor's stack.
import type { EmulatorError, InjectedFault, Unavailable, MalformedBody, MethodNotAllowed, RouteNotFound, TooManyRequests, UnsupportedMediaType, ValidationFailed } from '../../core/errors';
import type { VendorResponse } from '../../core/vendor';
import type { Violation } from '../../core/validation/violation';
import { pathText } from '../../core/validation/violation';

export function ecError(status: number, message: string, headers?: Record<string, string>): VendorResponse {
  return headers ? { status, body: { message }, headers } : { status, body: { message } };
}

export const NOT_FOUND_TEXT = 'The requested resource was not found. Verify the ID or path is correct.';

export function renderEnergycapError(error: EmulatorError): VendorResponse {
  switch (error.kind) {
    case 'ValidationFailed':
      return ecError(400, `The request is invalid. ${(error as ValidationFailed).violations.map(describe).join(' ')}`);
    case 'MalformedBody': {
      const { position } = error as MalformedBody;
      return ecError(400, `The request is invalid. The body is not valid JSON (line ${position.line}, position ${position.column}).`);
    }
    case 'Unauthorized':
      return ecError(401, error.message);
    case 'Forbidden':
      return ecError(403, error.message);
    case 'NotFound':
    case 'TenantNotFound':
      return ecError(404, error.message || NOT_FOUND_TEXT);
    case 'BadRequest':
      return ecError(400, error.message);
    case 'RouteNotFound':
      return ecError(404, `No HTTP resource was found that matches the request URI '${(error as RouteNotFound).path}'.`);
    case 'MethodNotAllowed': {
      const e = error as MethodNotAllowed;
      return ecError(405, `The requested resource does not support http method '${e.method}'.`, { allow: e.allowed.join(', ') });
    }
    case 'UnsupportedMediaType':
      return ecError(415, `The request entity's media type '${(error as UnsupportedMediaType).contentType}' is not supported for this resource.`);
    case 'PayloadTooLarge':
      return ecError(413, error.message);
    case 'NotImplemented':
      return ecError(501, error.message);
    case 'InjectedFault':
    case 'Unavailable': {
      const fault = error as InjectedFault | Unavailable;
      return ecError(fault.status, fault.message, { ...fault.headers });
    }
    case 'TooManyRequests': // [A] no published limit: the message body and Retry-After in seconds
      return ecError(429, error.message, { 'retry-after': String((error as TooManyRequests).retryAfterSeconds) });
    default:
      return ecError(500, 'An error has occurred.');
  }
}

function describe(v: Violation): string {
  const where = v.in === 'body' ? pathText(v.path) : `${v.in === 'path' ? 'Path' : v.in === 'query' ? 'Query' : 'Header'} parameter ${String(v.path[0] ?? '')}`;
  const text = v.keyword === 'required' ? 'is required' : v.keyword === 'format' && v.params?.format === 'int32' ? 'must be a 32-bit integer' : v.message;
  return `${where || 'The body'} ${text}.`;
}
