// What ships: the Dockerfile's shape (multi-stage, non-root, port, health check, labels, only runtime
// files), the compose example the README quotes, and the npm package fields. The image itself is built and
// run by ../shared/tools/image-check (started, healthy, non-root, nothing written outside the state volume,
// stopped by SIGTERM) and the npm tarball by scripts/pack-check.sh, both from .ci/run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  const runtimeLines = runtime.split('\n');
  const pkg = JSON.parse(read('package.json')) as { version: string; engines: { node: string } };

  // The base image itself is not pinned here: .ci/run builds and runs the image (image-check), which is
  // what shows that it starts, answers, is healthy, stops on SIGTERM and runs as non-root.
  test('every stage starts from the one NODE_IMAGE argument, a Debian node image whose major engines allows', () => {
    expect(lines.filter((l) => l.startsWith('FROM '))).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS deps', 'FROM ${NODE_IMAGE} AS runtime']);
    const image = /^ARG NODE_IMAGE=node:(\d+)-(\S+)$/m.exec(dockerfile);
    expect(image).not.toBeNull();
    expect(image?.[2]).not.toMatch(/alpine/);
    const oldest = Number(/^>=(\d+)$/.exec(pkg.engines.node)?.[1]);
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(oldest);
  });

  test('the runtime runs as a non-root user, on 4010, bound to 0.0.0.0, with production dependencies only', () => {
    const user = runtimeLines.filter((l) => l.startsWith('USER '));
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^USER (root|0)(:|$)/);
    expect(runtime).toMatch(/^EXPOSE 4010$/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
    expect(runtime).toMatch(/NODE_ENV=production/);
    const deps = dockerfile.slice(dockerfile.indexOf('AS deps'), dockerfile.indexOf('AS runtime'));
    expect(deps).toMatch(/^RUN npm ci --omit=dev /m);
  });

  test('the runtime stage copies only the manifest, production node_modules, dist, specs and fixtures', () => {
    const copies = runtimeLines.filter((l) => l.startsWith('COPY '));
    expect(copies).toEqual([
      'COPY package.json ./',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'COPY specs ./specs',
      'COPY fixtures ./fixtures',
    ]);
  });

  test('the one writable folder, /data, belongs to the runtime user (read-only root filesystem, state on a volume)', () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(runtime).toMatch(new RegExp(`^RUN mkdir /data && chown ${user} /data$`, 'm'));
  });

  test('OCI labels: version (package.json by default), created, source, licenses', () => {
    expect(runtime).toMatch(new RegExp(`^ARG VERSION=${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
    expect(runtime).toMatch(/^ARG CREATED=\S+$/m);
    for (const [key, value] of [
      ['version', '"${VERSION}"'],
      ['created', '"${CREATED}"'],
      ['source', '"${SOURCE}"'],
      ['licenses', `"${(JSON.parse(read('package.json')) as { license: string }).license}"`],
    ]) {
      expect(runtime).toContain(`org.opencontainers.image.${key}=${value}`);
    }
  });

  test('a HEALTHCHECK with the image own node, and the server as CMD', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .* CMD \["node", "dist\/healthcheck\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  test('.dockerignore keeps tests, node_modules, git and test artifacts out', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'test', '.git', 'dist', '.artifacts']) expect(ignored).toContain(entry);
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

test('package.json: engines name the oldest supported Node, and @types/node is the image major', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };
  expect(pkg.engines.node).toMatch(/^>=\d+$/);
  const imageMajor = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(read('Dockerfile'))?.[1];
  expect(/^[\^~]?(\d+)\./.exec(pkg.devDependencies['@types/node'] ?? '')?.[1]).toBe(imageMajor);
});
