// CORS for browser frontends: allowed origins are configured (CORS_ORIGINS); a preflight is answered
// here, before any vendor auth or validation, allowing the vendors' methods and auth headers.
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, SEARCH, LINK, UNLINK';
const ALLOWED_HEADERS = 'Authorization, Content-Type, ECI-ApiKey, X-Emulator-Namespace, X-Emulator-Fault, X-HTTP-Method-Override';
const EXPOSED_HEADERS = 'x-emulator-request-id, x-emulator-fault, PageNumber, PageSize, TotalNumberOfRecords, TotalPages, Retry-After, Allow';

/** Returns true when it answered the request (a preflight); otherwise it only adds headers. */
export function createCors(origins: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const any = origins.includes('*');
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin === undefined || (!any && !origins.includes(origin))) return false;
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (!any) res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return false;
  };
}
