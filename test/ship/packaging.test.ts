// What ships: the Dockerfile's shape (multi-stage, non-root, port, health check, only runtime files),
// the compose example the README quotes, and the npm package fields. The image itself is built and run
// by ../shared/tools/image-check and the npm tarball by scripts/pack-check.sh, both from .ci/run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));

  test('two stages on node:20-bookworm-slim; the runtime runs as node, on 4010, bound to 0.0.0.0', () => {
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(lines.filter((l) => l.startsWith('FROM '))).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime']);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^EXPOSE 4010$/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toMatch(/npm ci --omit=dev/);
  });

  test('the runtime stage copies only dist, specs and fixtures besides the manifests', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const copies = runtime.split('\n').filter((l) => l.startsWith('COPY '));
    expect(copies).toEqual(['COPY package.json package-lock.json ./', 'COPY --from=build /app/dist ./dist', 'COPY specs ./specs', 'COPY fixtures ./fixtures']);
  });

  test('a HEALTHCHECK with the image own node, and the server as CMD', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .* CMD \["node", "dist\/healthcheck\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  test('.dockerignore keeps tests, node_modules and git out', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'test', '.git', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('the compose example', () => {
  const text = read('examples/docker-compose.yml');
  const compose = load(text) as { services: Record<string, Record<string, unknown>> };

  test('the app waits for the emulator health check, which is the image own', () => {
    expect(compose.services.app?.depends_on).toEqual({ 'share-emulator': { condition: 'service_healthy' } });
    expect((compose.services['share-emulator']?.healthcheck as { test: string[] }).test).toEqual(['CMD', 'node', 'dist/healthcheck.js']);
  });

  test('the README quotes it exactly', () => {
    expect(read('README.md')).toContain(text.trimEnd());
  });
});

test('package.json: the share-emulator bin, and files limited to dist, specs and fixtures', () => {
  const pkg = JSON.parse(read('package.json')) as { name: string; bin: Record<string, string>; files: string[]; main: string };
  expect(pkg.name).toBe('share-emulator');
  expect(pkg.bin).toEqual({ 'share-emulator': 'dist/main.js' });
  expect(pkg.files).toEqual(['dist', 'specs', 'fixtures']);
  expect(read('src/main.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
});
