// Console subscribers for the stream-cost cell: clients reading GET /_emulator/events the way the console's
// page does (everything read as it comes), connected before the load starts and closed after it.
import type { ClientRequest } from 'node:http';
import { get } from 'node:http';

/** Opens `count` event streams on the server; resolves once each answered 200, to the way to close them. */
export async function connectConsoles(port: number, count: number): Promise<() => void> {
  const open = (): Promise<ClientRequest> =>
    new Promise((resolve, reject) => {
      const request = get({ host: '127.0.0.1', port, path: '/_emulator/events?replay=500', headers: { accept: 'text/event-stream' } }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`GET /_emulator/events answered ${response.statusCode}`));
        response.on('data', () => undefined);
        response.on('error', () => undefined);
        resolve(request);
      });
      request.on('error', reject);
    });
  const requests = await Promise.all(Array.from({ length: count }, open));
  return () => {
    for (const request of requests) request.destroy();
  };
}
