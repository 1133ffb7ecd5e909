// What the console's browser tests share: Debian's chromium driven by playwright-core (no browser download),
// an emulator listening on a free port with the contract check on, and a page that records console errors.
// Without chromium the tests fail in CI (CI=true) and are skipped, saying so, on a developer's machine. Chromium
// runs without its sandbox (CI runs as root) and without /dev/shm (small in containers).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { EmulatorOptions } from '../../src/emulator';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUILT_PAGE = join(__dirname, '..', '..', 'dist', 'console', 'index.html');

/** describe, or describe.skip with a message when chromium is missing outside CI. */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM) || process.env.CI) {
    describe(name, body);
    return;
  }
  console.warn(`${name}: skipped, no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); CI runs these`);
  describe.skip(name, body);
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: .ci/run installs Debian's chromium (apt-get install -y chromium)`);
  if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run npm run build (npm test does it first)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface Served {
  url: string;
  server: RunningServer;
}

export async function serve(options: EmulatorOptions = {}): Promise<Served> {
  const emulator = testEmulator({ eventStream: { keepAliveMs: 1000 }, ...options });
  const server = await listen(emulator.app, 0, '127.0.0.1');
  return { url: server.url, server };
}

export interface ConsolePage {
  page: Page;
  /** Console errors and uncaught exceptions the page has had so far. */
  errors: string[];
}

export async function openConsole(browser: Browser, url: string): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/_emulator/ui/`);
  return { page, errors };
}
