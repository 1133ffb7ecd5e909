// Before a test run: make sure it has its own artifact folder for the judge. `npm test` and `npm run fuzz`
// pass one in SHARE_EMULATOR_ARTIFACTS; otherwise a fresh one is created here (Jest starts its workers
// after the global setup, so they inherit the variable). Nothing is deleted: another run may be using
// its folder right now.
import { ARTIFACTS_ENV, newRunDir } from './artifacts';

export default function globalSetup(): void {
  if (!process.env[ARTIFACTS_ENV]) process.env[ARTIFACTS_ENV] = newRunDir('jest');
}
