// Listening and graceful shutdown: stop accepting, let requests in flight finish with their normal
// response (marked Connection: close), close idle keep-alive sockets, and give up after a grace period.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  host: string;
  /** Graceful stop; resolves once every connection is closed (or the grace period ran out). */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_GRACE_MS = 8000;

export function listen(handler: RequestListener, port: number, host: string): Promise<RunningServer> {
  const server = createServer(handler);
  let draining = false;
  // Once draining, every response closes its connection so keep-alive clients cannot hold the server open.
  server.prependListener('request', (_req, res) => {
    if (draining) res.setHeader('connection', 'close');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: address.port,
        host,
        url: `http://${shownHost}:${address.port}`,
        close(graceMs = DEFAULT_GRACE_MS) {
          closing ??= new Promise<void>((done) => {
            draining = true;
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            timer.unref();
            // Sockets whose last response was already under way when draining began become idle later.
            const sweep = setInterval(() => server.closeIdleConnections(), 50);
            server.close(() => {
              clearTimeout(timer);
              clearInterval(sweep);
              done();
            });
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}
