// Memory is bounded in bytes: the journal keeps capped copies, never the parsed bodies or every violation of
// an exchange, so large valid and invalid bodies leave the heap about where it was once collected.
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEmulator } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import { listen } from '../../src/server';
import { DASHBOARDS as DESK, TOKENS, base } from '../desk/desk-fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapMiB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function put(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path: `${base()}/dashboards/${DESK.backlog}/shareSettings`, headers: { authorization: `Api-Token ${TOKENS.readWrite}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('40 valid and 40 invalid ~1 MiB bodies leave the heap within 24 MiB of where it started', async () => {
  const emulator = createEmulator({ logger: createLogger('silent') });
  const server = await listen(emulator.app, 0, '127.0.0.1');
  try {
    const share = (permissions: unknown[]) => JSON.stringify({ id: DESK.backlog, enabled: true, permissions, publicAccess: { managementZoneIds: [] } });
    const valid = share(new Array(20_000).fill({ id: 'user-1', type: 'USER', permission: 'VIEW' }));
    const invalid = share(new Array(28_000).fill({ id: 'user-1', type: 'USER' }));
    // One of each first, so compiled validators and the stored share count in the baseline.
    expect(await put(server.port, valid)).toBe(204);
    expect(await put(server.port, invalid)).toBe(400);
    const before = heapMiB();
    for (let i = 0; i < 40; i++) {
      expect(await put(server.port, valid)).toBe(204);
      expect(await put(server.port, invalid)).toBe(400);
    }
    const growth = heapMiB() - before;
    process.stdout.write(`heap growth after 80 bodies of ~1 MiB: ${growth.toFixed(1)} MiB (journal counts ${(emulator.journal.bytes / 2 ** 20).toFixed(1)} MiB)\n`);
    expect(growth).toBeLessThan(24);
  } finally {
    await server.close();
  }
}, 60_000);
