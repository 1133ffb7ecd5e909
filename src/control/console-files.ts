// The web console's files, built by `npm run build` into dist/console, answered by the control plane like any
// of its operations (so they are logged and checked against the spec): the page revalidated on every load
// with a strict CSP, since it needs nothing but its own origin; its content-hashed assets cached for good.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { NotFound } from '../core/errors';
import { PACKAGE_ROOT } from '../paths';
import type { ControlHandler } from './context';

export const CONSOLE_PATH = '/_emulator/ui';
const CONSOLE_DIR = join(PACKAGE_ROOT, 'dist', 'console');

const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
};
const ASSET_HEADERS = { 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' };
const ASSET_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>share-emulator console</title>' +
  '<p>The console is not built in this checkout: run <code>npm run build</code> and reload.</p></html>';

interface ConsoleFiles {
  page: string | undefined;
  assets: ReadonlyMap<string, string>;
}

let files: ConsoleFiles | undefined;

/** Read once, on the first request for the console: about 50 KB, and the files never change while running. */
function consoleFiles(): ConsoleFiles {
  if (files) return files;
  const page = join(CONSOLE_DIR, 'index.html');
  const assetsDir = join(CONSOLE_DIR, 'assets');
  files = {
    page: existsSync(page) ? readFileSync(page, 'utf8') : undefined,
    assets: new Map(existsSync(assetsDir) ? readdirSync(assetsDir).filter((f) => ASSET_TYPES[extname(f)]).map((f) => [f, readFileSync(join(assetsDir, f), 'utf8')]) : []),
  };
  return files;
}

export const getConsole: ControlHandler = () => {
  const { page } = consoleFiles();
  return { status: 200, text: page ?? NOT_BUILT_PAGE, contentType: 'text/html; charset=utf-8', headers: PAGE_HEADERS };
};

export const getConsoleAsset: ControlHandler = ({ input }) => {
  const name = input.path.file as string;
  const text = consoleFiles().assets.get(name);
  if (text === undefined) throw new NotFound(`No console asset ${name}`);
  return { status: 200, text, contentType: ASSET_TYPES[extname(name)] as string, headers: ASSET_HEADERS };
};
