// The build of an older commit (the one before the shared store) to run beside the current one: its tree
// exported with `git archive` into the temp folder (no worktree, so nothing is left in the repository's .git),
// this checkout's node_modules linked in, `npm run build`. Kept for the next run, keyed by the full commit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/servers';

export interface OldBuild {
  sha: string;
  main: string;
  /** Seconds spent building now; 0 when a previous run's build was reused. */
  buildSeconds: number;
}

export function buildCommit(commit: string, log: (line: string) => void): OldBuild {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `se-before-${sha}`);
  const main = join(dir, 'dist', 'main.js');
  const marker = join(dir, '.bench-built');
  // The marker is written last, so a build that was interrupted is started over rather than reused.
  if (existsSync(marker) && existsSync(main)) return { sha, main, buildSeconds: 0 };
  const started = Date.now();
  log(`building ${sha.slice(0, 12)} in ${dir} (kept for later runs)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = `${dir}.tar`;
  execFileSync('git', ['archive', '--format=tar', '-o', tar, sha], { cwd: ROOT });
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  rmSync(tar, { force: true });
  // Its package.json differs from ours by ioredis only, which it does not import.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: 'inherit' });
  writeFileSync(marker, `${sha}\n`);
  return { sha, main, buildSeconds: (Date.now() - started) / 1000 };
}
