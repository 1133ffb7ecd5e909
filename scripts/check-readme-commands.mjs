// Runs every command the README shows, so the README cannot drift: `npm ci && npm start` starts the
// emulator, each curl runs against it; commands this machine cannot run as written are mapped to the
// CI step that covers them. A README command that no rule knows fails the check.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');

/** Every command of every ```sh block: continuation lines joined, trailing `# comments` dropped. */
function commands(markdown) {
  const out = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1].replace(/\\\n\s*/g, '');
    for (const line of joined.split('\n')) {
      const command = line.replace(/\s+#\s.*$/, '').trim();
      if (command !== '') out.push(command);
    }
  }
  return out;
}

const covered = (step) => () => {
  if (!ciRun.includes(step)) throw new Error(`.ci/run does not run ${step}`);
  return `covered by ${step} in .ci/run`;
};

const RULES = [
  [/^npm ci && npm start$/, () => 'started before the other commands'],
  [/^npm test$/, covered('npm test')],
  [/^docker (build|run) /, covered('image-check')],
  [/^npm install --save-dev share-emulator$/, covered('scripts/pack-check.sh')],
  [/^npx share-emulator /, covered('scripts/pack-check.sh')],
  [/^curl /, (command) => {
    const run = spawnSync('bash', ['-c', `${command} -f -o /dev/null -w '%{http_code}'`], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr || run.stdout}`);
    return `HTTP ${run.stdout}`;
  }],
];

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

const list = commands(readme);
const unknown = list.filter((c) => !RULES.some(([pattern]) => pattern.test(c)));
if (unknown.length > 0) {
  console.log(`readme: no rule for these README commands (add one to scripts/check-readme-commands.mjs):\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
if (!list.includes('npm ci && npm start')) {
  console.log('readme: the quick start must start the emulator with `npm ci && npm start`');
  process.exit(1);
}

console.log('readme: npm ci && npm start');
const server = spawn('bash', ['-c', 'npm ci --no-audit --no-fund >/dev/null && LOG_LEVEL=warn npm start'], { cwd: root, detached: true, stdio: 'inherit' });
let failed = 0;
try {
  await waitForHealth('http://127.0.0.1:4010/_emulator/health', 180000);
  for (const command of list) {
    const rule = RULES.find(([pattern]) => pattern.test(command));
    try {
      console.log(`readme: ok   ${command.slice(0, 110)}  (${rule[1](command)})`);
    } catch (error) {
      console.log(`readme: FAIL ${command}\n      ${error.message}`);
      failed++;
    }
  }
} finally {
  process.kill(-server.pid, 'SIGTERM');
}
process.exit(failed === 0 ? 0 : 1);
