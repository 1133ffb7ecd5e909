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

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>share-emulator console</title>' +
  '<p>The console is not built in this checkout: run <code>npm run build</code> and reload.</p></html>';

/** Reached only when the static handler found no page: the console was not built (a bare checkout). */
export const consoleNotBuilt: ControlHandler = () => ({ status: 200, text: NOT_BUILT_PAGE, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-cache' } });

/** Reached only when the static handler found no file: an asset the build did not write. */
export const consoleAssetMissing: ControlHandler = ({ input }) => {
  throw new NotFound(`No console asset ${input.path.file as string}`);
};
