// `npm run fuzz`: the long hostile-input run (100,000 requests unless FUZZ_REQUESTS says otherwise) against
// the built emulator in a child process at the shipped defaults, in its own artifact folder
// (.artifacts/runs/fuzz-...), then the prism judge on that folder (coverage is not required of a fuzz run).
// Prints the latency target and its verdict last, and exits non-zero when the run, the target or the judge fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.artifacts', 'runs', `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
mkdirSync(dir, { recursive: true });
console.log(`exchanges of this run: ${dir}`);
const env = {
  ...process.env,
  SHARE_EMULATOR_ARTIFACTS: dir,
  FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? '100000',
  FUZZ_SECONDS: process.env.FUZZ_SECONDS ?? '900',
  FUZZ_TARGET: '1',
};
const jest = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', 'test/robustness/fuzz.test.ts'], { cwd: root, env, stdio: 'inherit' });
const judge = spawnSync(process.execPath, [join(root, 'scripts', 'contract-judge.mjs'), dir, '--no-coverage'], { cwd: root, env, stdio: 'inherit' });
const reportPath = join(dir, 'fuzz-report.json');
if (existsSync(reportPath)) {
  const { summary, target } = JSON.parse(readFileSync(reportPath, 'utf8'));
  console.log(`\n${summary}\n${target}`);
} else {
  console.log('\nfuzz: no report was written (the run failed before its end)');
}
console.log(`fuzz run ${jest.status === 0 ? 'passed' : 'FAILED'} (target included); judge ${judge.status === 0 ? 'passed' : 'FAILED'}`);
process.exit(jest.status === 0 && judge.status === 0 ? 0 : 1);
