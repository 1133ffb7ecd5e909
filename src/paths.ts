// Where the package's own specs and fixtures are: one level above both src/ (tests) and dist/ (built).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PACKAGE_ROOT = resolve(__dirname, '..');
export const BUILT_IN_SPECS = join(PACKAGE_ROOT, 'specs');
export const BUILT_IN_FIXTURES = join(PACKAGE_ROOT, 'fixtures');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
