// The web console's files (built by `npm run build` into dist/console) served by Express's static handler:
// the page revalidated on every load, its content-hashed assets cached for good, and a strict CSP since the
// page needs nothing but its own origin.
import type { RequestHandler } from 'express';
import type createExpress from 'express';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { NotFound } from '../core/errors';
import { PACKAGE_ROOT } from '../paths';
import type { ControlHandler } from './context';

export const CONSOLE_PATH = '/_emulator/ui';
export const CONSOLE_DIR = join(PACKAGE_ROOT, 'dist', 'console');

export function serveConsole(express: typeof createExpress): RequestHandler {
  return express.static(CONSOLE_DIR, {
    index: 'index.html',
    // /_emulator/ui answers 301 to /_emulator/ui/, where the page is.
    redirect: true,
    setHeaders: (res: ServerResponse, path: string) => {
      if (path.includes(`${join('console', 'assets')}`)) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'");
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
}

/** Reached only when the static handler found no file: a path under /ui that the build did not write. */
export const consoleFileMissing: ControlHandler = ({ input }) => {
  const file = input.path.file as string | undefined;
  throw new NotFound(file === undefined ? 'The console is not built here: run npm run build' : `No console asset ${file}`);
};
