// Before a test run: forget the exchanges a previous run recorded for the judge.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export default function globalSetup(): void {
  rmSync(join(__dirname, '..', '..', '.artifacts', 'exchanges'), { recursive: true, force: true });
}
