// CORS for browser frontends: allowed origins are configured (CORS_ORIGINS); a preflight is answered here,
// before any vendor auth or validation, allowing what the vendor modules declare plus the emulator's own
// headers. The control plane holds every credential, so it is opened only to origins listed by name.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitTarget } from './exchange';
import type { VendorCors } from './vendor';

/** What every vendor call may carry and show besides the vendor's own: the emulator's headers. */
const EMULATOR_CORS: VendorCors = {
  methods: ['HEAD', 'OPTIONS'],
  requestHeaders: ['Content-Type', 'X-Emulator-Namespace', 'X-Emulator-Fault'],
  exposedHeaders: ['x-emulator-request-id', 'x-emulator-fault', 'Retry-After', 'Allow'],
};

export interface CorsOptions {
  origins: readonly string[];
  vendors: readonly VendorCors[];
  /** Paths of the control plane: answered cross-origin only for explicitly listed origins ('*' does not open them). */
  isControlPath(path: string): boolean;
}

const union = (lists: readonly (readonly string[])[]): string => [...new Set(lists.flat())].join(', ');

/** Returns true when it answered the request (a preflight); otherwise it only adds headers. */
export function createCors(options: CorsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const all = [EMULATOR_CORS, ...options.vendors];
  const methods = union(all.map((c) => c.methods));
  const requestHeaders = union(all.map((c) => c.requestHeaders));
  const exposedHeaders = union(all.map((c) => c.exposedHeaders));
  const any = options.origins.includes('*');
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    const listed = options.origins.includes(origin);
    if (!listed && (!any || options.isControlPath(splitTarget(req.url).path))) return false;
    res.setHeader('Access-Control-Allow-Origin', listed ? origin : '*');
    if (listed) res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? requestHeaders,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
    return false;
  };
}
