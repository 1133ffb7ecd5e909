// The servers one benchmark run compares, each started as users start it: the built emulator, Prism's
// mock on the same DESK spec (default logging), the two ceilings, and WireMock with plain stubs if Java is here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Scenario } from './load';
import { DESK_DASHBOARD } from './scenarios';

export const ROOT = join(__dirname, '..', '..', '..');

export interface ServerDef {
  name: string;
  command: string;
  args(port: number): string[];
  env(port: number): Record<string, string>;
  /** Answers 2xx once the server is ready (Prism: its first answer on a real path). */
  readyPath: string;
  readyHeaders?: Record<string, string>;
  /** The scenarios it serves, and the path it serves them on. */
  serves(scenario: Scenario): boolean;
  pathFor(path: string): string;
  /** Whether its statuses are checked (the ceilings and stubs answer the same whatever comes). */
  checksStatus: boolean;
}

const node = process.execPath;
const desk = (s: Scenario): boolean => s.name.startsWith('desk');

/** A ceiling: one of bench/servers/, built, answering the same whatever comes. */
function ceiling(name: string, script: string): ServerDef {
  return {
    name,
    command: node,
    args: () => [join(ROOT, 'build', 'bench', 'servers', script)],
    env: (port) => ({ PORT: String(port) }),
    readyPath: '/',
    serves: () => true,
    pathFor: (p) => p,
    checksStatus: false,
  };
}

export function javaAvailable(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function serverDefs(): ServerDef[] {
  const defs: ServerDef[] = [
    {
      name: 'emulator',
      command: node,
      args: () => [join(ROOT, 'dist', 'main.js')],
      env: (port) => ({ PORT: String(port) }),
      readyPath: '/_emulator/health',
      serves: () => true,
      pathFor: (p) => p,
      checksStatus: true,
    },
    {
      name: 'prism',
      command: node,
      args: (port) => [join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'), 'mock', join(ROOT, 'specs', 'desk.openapi.yaml'), '-p', String(port), '-h', '127.0.0.1'],
      env: () => ({}),
      readyPath: `/dashboards/${DESK_DASHBOARD}/shareSettings`,
      readyHeaders: { authorization: 'Api-Token x' },
      serves: desk,
      // Prism ignores the spec's relative server bases and serves the bare paths.
      pathFor: (p) => p.replace('/api/config/v1', ''),
      checksStatus: true,
    },
    ceiling('ceiling', 'bare-node.js'),
    ceiling('express', 'express-hello.js'),
  ];
  if (javaAvailable()) {
    defs.push({
      name: 'wiremock',
      command: 'java',
      args: (port) => ['-jar', join(ROOT, 'node_modules', 'wiremock', 'build', 'wiremock-standalone-3.13.2.jar'), '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', join(ROOT, 'bench', 'wiremock'), '--disable-banner'],
      env: () => ({}),
      readyPath: `/api/config/v1/dashboards/${DESK_DASHBOARD}/shareSettings`,
      serves: (s) => desk(s) && s.name !== 'desk PUT invalid',
      pathFor: (p) => p,
      checksStatus: false,
    });
  }
  return defs;
}
