// SIGTERM during load: every request in flight completes with its normal response, new connections are
// refused, and the process exits 0. Requests are kept in flight with an injected delay.
import http from 'node:http';
import net from 'node:net';
import { freePort, spawnEmulator, waitForHealth } from '../support/process';
import { TOKENS } from '../desk/desk-fixtures';

jest.setTimeout(30000);

test('50 requests in flight at SIGTERM all complete normally; then the port refuses connections; exit 0', async () => {
  const port = await freePort();
  const proc = spawnEmulator([], { PORT: String(port), LOG_LEVEL: 'warn' });
  await waitForHealth(`http://127.0.0.1:${port}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const inFlight = Array.from(
    { length: 50 },
    (_, i) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(
          { host: '127.0.0.1', port, agent, path: `/api/config/v1/dashboards?owner=${i}`, headers: { authorization: `Api-Token ${TOKENS.readOnly}`, 'x-emulator-fault': 'delay=700' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
      }),
  );
  await new Promise((r) => setTimeout(r, 300));
  proc.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));
  const refused = await new Promise<string>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
  expect(refused).toBe('ECONNREFUSED');
  expect(await Promise.all(inFlight)).toEqual(Array(50).fill(200));
  expect(await proc.exited).toBe(0);
  agent.destroy();
});
