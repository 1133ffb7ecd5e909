// The servers one benchmark run compares, each started as users start it: the built emulator, Prism's
// mock on the same DESK spec (default logging), the two ceilings, and WireMock with plain stubs if Java is here.
// One readiness definition for all of them: a server is ready at its first correct answer to a vendor
// operation, the DESK GET shareSettings scenario as that server serves it (200 from every server).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { connectConsoles } from './consoles';
import type { Scenario } from './load';
import type { ReadyCheck } from './processes';
import { SCENARIOS } from './scenarios';

export const ROOT = join(__dirname, '..', '..', '..');

export interface ServerDef {
  name: string;
  command: string;
  args(port: number): string[];
  env(port: number): Record<string, string>;
  /** The scenarios it serves, and the path it serves them on. */
  serves(scenario: Scenario): boolean;
  pathFor(path: string): string;
  /** Whether its statuses are checked (the ceilings and stubs answer the same whatever comes). */
  checksStatus: boolean;
  /** Connects what must be there during its load cells (console subscribers); resolves to the way to close it. */
  attach?(port: number): Promise<() => void>;
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
      serves: () => true,
      pathFor: (p) => p,
      checksStatus: true,
    },
    {
      // The same build with METRICS=off, on the DESK share settings cells only: what metrics cost per request.
      name: 'metrics-off',
      command: node,
      args: () => [join(ROOT, 'dist', 'main.js')],
      env: (port) => ({ PORT: String(port), METRICS: 'off' }),
      serves: (s) => s.name === 'desk PUT shareSettings' || s.name === 'desk GET shareSettings',
      pathFor: (p) => p,
      checksStatus: true,
    },
    {
      // The same build with EXPLANATIONS=off, on the same cells: what recording explanations costs per request.
      name: 'explanations-off',
      command: node,
      args: () => [join(ROOT, 'dist', 'main.js')],
      env: (port) => ({ PORT: String(port), EXPLANATIONS: 'off' }),
      serves: (s) => s.name === 'desk PUT shareSettings' || s.name === 'desk GET shareSettings',
      pathFor: (p) => p,
      checksStatus: true,
    },
    {
      // The same build with five consoles reading the event stream, on the PUT cells: what the stream costs.
      name: 'consoles-5',
      command: node,
      args: () => [join(ROOT, 'dist', 'main.js')],
      env: (port) => ({ PORT: String(port) }),
      serves: (s) => s.name === 'desk PUT shareSettings',
      pathFor: (p) => p,
      checksStatus: true,
      attach: (port) => connectConsoles(port, 5),
    },
    {
      name: 'prism',
      command: node,
      args: (port) => [join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'), 'mock', join(ROOT, 'specs', 'desk.openapi.yaml'), '-p', String(port), '-h', '127.0.0.1'],
      env: () => ({}),
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
      serves: (s) => desk(s) && s.name !== 'desk PUT invalid',
      pathFor: (p) => p,
      checksStatus: false,
    });
  }
  return defs;
}

/** The scenario that decides readiness: a vendor read that needs routing, auth, state and (lazily) a validator. */
export const READY_SCENARIO = SCENARIOS['desk GET shareSettings'] as Scenario;

/** The ready request for a server: READY_SCENARIO on its path, answered with the scenario's status. */
export function readiness(server: ServerDef): ReadyCheck {
  const s = READY_SCENARIO;
  return { method: s.method, path: server.pathFor(s.path), headers: s.headers, body: s.body, status: s.expect as number };
}
