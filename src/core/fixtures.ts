// Loads each vendor's state document from `<dir>/<vendor>/state.json`. A vendor missing from a custom
// folder falls back to the built-in fixture, so a mounted folder may replace one vendor at a time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './log';
import { parseJsonText } from './http/json-text';

export class FixtureError extends Error {}

export function loadFixtures(vendors: readonly string[], dir: string, builtInDir: string, logger: Logger): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const vendor of vendors) {
    let file = join(dir, vendor, 'state.json');
    if (!existsSync(file)) {
      const builtIn = join(builtInDir, vendor, 'state.json');
      if (dir === builtInDir || !existsSync(builtIn)) throw new FixtureError(`No fixture for ${vendor}: ${file} does not exist`);
      logger.info(`fixtures: ${file} not found, using the built-in ${vendor} fixture`);
      file = builtIn;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new FixtureError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      out.set(vendor, parseJsonText(text));
    } catch (error) {
      throw new FixtureError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return out;
}
