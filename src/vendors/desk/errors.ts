// DESK's ErrorEnvelope, in one place: {"error":{"code","message","constraintViolations":[{"path",
// "message","parameterLocation","location":null}]}} with keys in the order real responses use, and
// constraintViolations only on validation errors. [A] wordings are marked where no sample exists.
import type { EmulatorError } from '../../core/errors';
import type { MethodNotAllowed, ValidationFailed, MalformedBody, InjectedFault, Unavailable, PayloadTooLarge, TooManyRequests } from '../../core/errors';
import { firstPositionOf } from '../../core/http/json-text';
import type { VendorRequest, VendorResponse } from '../../core/vendor';
import type { Violation } from '../../core/validation/violation';
import { pathText } from '../../core/validation/violation';

type ParameterLocation = 'HEADER' | 'PATH' | 'PAYLOAD_BODY' | 'QUERY';

interface ConstraintViolation {
  path: string;
  message: string;
  parameterLocation: ParameterLocation;
  location: null;
}

const LOCATIONS: Readonly<Record<Violation['in'], ParameterLocation>> = {
  path: 'PATH',
  query: 'QUERY',
  header: 'HEADER',
  body: 'PAYLOAD_BODY',
};

/** Keywords the JSON mapper itself rejects (before bean validation): answered as "Could not map JSON". */
const MAPPING_KEYWORDS = new Set(['type', 'enum']);

export function envelope(code: number, message: string, violations?: ConstraintViolation[]): VendorResponse {
  const error = violations ? { code, message, constraintViolations: violations } : { code, message };
  return { status: code, body: { error } };
}

export function renderDeskError(error: EmulatorError, request: VendorRequest | undefined): VendorResponse {
  switch (error.kind) {
    case 'ValidationFailed':
      return renderViolations((error as ValidationFailed).violations, request);
    case 'MalformedBody': {
      const { position } = error as MalformedBody;
      return couldNotMap(position.path, position.line, position.column);
    }
    case 'TenantNotFound':
    case 'NotFound':
      return envelope(404, error.message);
    case 'Unauthorized':
      return envelope(401, error.message);
    case 'Forbidden':
      return envelope(403, error.message);
    case 'BadRequest':
      return envelope(400, error.message);
    case 'RouteNotFound':
      return envelope(404, 'HTTP 404 Not Found'); // [A] the JAX-RS default text
    case 'MethodNotAllowed': {
      const response = envelope(405, 'HTTP 405 Method Not Allowed'); // [A]
      response.headers = { allow: (error as MethodNotAllowed).allowed.join(', ') };
      return response;
    }
    case 'UnsupportedMediaType':
      return envelope(415, 'HTTP 415 Unsupported Media Type'); // [A]
    case 'PayloadTooLarge':
      return envelope(413, `Request entity too large. The payload limit is ${(error as PayloadTooLarge).limitBytes} bytes.`); // [A]
    case 'NotImplemented':
      return envelope(501, error.message);
    case 'InjectedFault':
    case 'Unavailable': {
      const fault = error as InjectedFault | Unavailable;
      return { ...envelope(fault.status, fault.message), headers: { ...fault.headers } };
    }
    case 'TooManyRequests':
      return { ...envelope(429, error.message), headers: rateLimitHeaders(error as TooManyRequests) };
    default:
      return envelope(500, 'Internal Server Error');
  }
}

/**
 * A mapping error (wrong JSON type, unknown enum constant) wins over constraint violations, as the JSON
 * mapper runs before bean validation; it names the first such value in the document.
 */
function renderViolations(violations: readonly Violation[], request: VendorRequest | undefined): VendorResponse {
  const text = request?.bodyText ?? '';
  const mapping = violations.filter((v) => v.in === 'body' && MAPPING_KEYWORDS.has(v.keyword));
  if (mapping.length > 0) {
    const first = firstPositionOf(text, mapping.map((v) => v.path));
    const v = mapping[first?.index ?? 0] as Violation;
    return couldNotMap(v.path, first?.position.line ?? 1, first?.position.column ?? 1);
  }
  return envelope(
    400,
    'Constraints violated.',
    violations.map((v) => ({ path: pathText(v.path), message: messageOf(v), parameterLocation: LOCATIONS[v.in], location: null })),
  );
}

function couldNotMap(path: readonly (string | number)[], line: number, column: number): VendorResponse {
  return envelope(400, `Could not map JSON at '${pathText(path)}' near line ${line} column ${column}`);
}

function messageOf(v: Violation): string {
  if (v.keyword === 'required') return 'may not be null';
  if (v.keyword === 'format' && v.params?.format === 'uuid') return 'Not a valid UUID.';
  return v.message;
}

/**
 * The headers the vendor documents for its throttled Managed Cluster API (the environment API stopped sending
 * them in 1.210): X-RateLimit-Limit per minute, X-RateLimit-Reset as a timestamp in microseconds
 * [doc: cluster-access-limit]; Retry-After in seconds [A], which Terraform's retry transport honours. Clients
 * read the reset differently (monaco's core library as Unix seconds), so a test sees what the vendor says.
 */
function rateLimitHeaders(error: TooManyRequests): Record<string, string> {
  return {
    'retry-after': String(error.retryAfterSeconds),
    'x-ratelimit-limit': String(Math.round(error.limit.perSecond * 60)),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': `${error.fullAtMs}000`,
  };
}
