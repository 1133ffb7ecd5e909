// What valgrind runs for `npm run bench:instructions`: one server (the built emulator as the command line
// builds it, logging at the shipped default to stdout, which the runner drains; or the bare ceiling) and a
// client in the same process sending N sequential keep-alive requests of one scenario, then exiting.
// Usage: node target.js emulator|ceiling N SCENARIO (one of bench/lib/instructions.ts INSTRUCTION_SCENARIOS)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SCENARIOS } from '../lib/scenarios';
import { readAndAnswer } from '../servers/read-and-answer';

const ROOT = join(__dirname, '..', '..', '..');

interface BuiltEmulator {
  createEmulator(options: object): { app: http.RequestListener; warmUp(): void; close(): Promise<void> };
}

async function main(): Promise<void> {
  const [server, count, scenarioName] = process.argv.slice(2);
  const scenario = SCENARIOS[scenarioName ?? ''];
  const n = Number(count);
  if (!scenario || !Number.isInteger(n) || n < 1 || (server !== 'emulator' && server !== 'ceiling')) throw new Error('usage: target.js emulator|ceiling N SCENARIO');
  let close = async (): Promise<void> => undefined;
  let listener: http.RequestListener = readAndAnswer;
  if (server === 'emulator') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createEmulator } = require(join(ROOT, 'dist', 'emulator.js')) as BuiltEmulator;
    const emulator = createEmulator({});
    emulator.warmUp();
    listener = emulator.app;
    close = () => emulator.close();
  }
  const httpServer = http.createServer(listener);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < n; i++) {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, agent, method: scenario.method, path: scenario.path, headers: scenario.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(scenario.bodies === undefined ? scenario.body : scenario.bodies[i % scenario.bodies.length]);
    });
    if (scenario.expect !== undefined && server === 'emulator' && status !== scenario.expect) throw new Error(`${scenario.name}: ${status}, expected ${scenario.expect}`);
  }
  agent.destroy();
  await close();
  httpServer.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
