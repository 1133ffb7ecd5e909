// CORS for browser frontends: allowed origins are configured (CORS_ORIGINS); a preflight is answered
// here, before any vendor auth or validation, allowing the vendors' methods and auth headers.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, SEARCH, LINK, UNLINK';
const ALLOWED_HEADERS = 'Authorization, Content-Type, ECI-ApiKey, X-Emulator-Namespace, X-Emulator-Fault, X-HTTP-Method-Override';
const EXPOSED_HEADERS = 'x-emulator-request-id, x-emulator-fault, PageNumber, PageSize, TotalNumberOfRecords, TotalPages, Retry-After, Allow';

export function createCors(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined || (!any && !origins.includes(origin))) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    if (!any) res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    next();
  };
}
