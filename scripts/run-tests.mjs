// `npm test` after the build: one fresh artifact folder for this run (.artifacts/runs/test-...), given to
// Jest and its workers in SHARE_EMULATOR_ARTIFACTS, then to the judge. Runs beside it (npm run fuzz, a
// colleague's npm test) use their own folders, so the judge never reads another run's exchanges.
// Extra arguments go to Jest. Exits non-zero when Jest or the judge fails (both always run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = join(root, '.artifacts', 'runs');
mkdirSync(runs, { recursive: true });
// Folders of runs that ended days ago go; a run still going (this machine is shared) is never that old.
const STALE_MS = 3 * 24 * 3600 * 1000;
for (const name of readdirSync(runs, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
  if (Date.now() - statSync(join(runs, name)).mtimeMs > STALE_MS) rmSync(join(runs, name), { recursive: true, force: true });
}
const dir = join(runs, `test-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
mkdirSync(dir, { recursive: true });
console.log(`exchanges of this run: ${dir}`);
const env = { ...process.env, SHARE_EMULATOR_ARTIFACTS: dir };
const jest = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
const judge = spawnSync(process.execPath, [join(root, 'scripts', 'contract-judge.mjs'), dir], { cwd: root, env, stdio: 'inherit' });
process.exit(jest.status === 0 && judge.status === 0 ? 0 : 1);
