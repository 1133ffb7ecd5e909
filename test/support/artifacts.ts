// Each test run writes its exchanges to its own folder, so that two runs side by side (npm test and
// npm run fuzz, or two engineers) never mix or wipe each other's records. `npm test` and `npm run fuzz`
// create the folder and pass it to Jest (and its workers) in SHARE_EMULATOR_ARTIFACTS; a bare `npx jest`
// gets one from the global setup. The judge reads the same folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS_ENV = 'SHARE_EMULATOR_ARTIFACTS';
export const RUNS_DIR = join(__dirname, '..', '..', '.artifacts', 'runs');

/** A new, empty run folder under .artifacts/runs, named after the run and when it started. */
export function newRunDir(label: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(RUNS_DIR, `${label}-${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** This run's folder; set before any test file runs. */
export function artifactsDir(): string {
  const dir = process.env[ARTIFACTS_ENV];
  if (!dir) throw new Error(`${ARTIFACTS_ENV} is not set: the Jest global setup (test/support/global-setup.ts) sets it`);
  return dir;
}
