// Sends a fuzz case: through a keep-alive agent when an HTTP client can express it, over a raw socket
// otherwise (bad methods, bytes an HTTP client refuses to put in a request line).
import http from 'node:http';
import net from 'node:net';
import type { FuzzCase } from './cases';

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The connection ended without an answer (or the client could not finish). */
  error?: string;
  raw: boolean;
}

const TIMEOUT_MS = 15000;

export function send(agent: http.Agent, port: number, c: FuzzCase): Promise<Answer> {
  if (c.raw) return sendRaw(port, c.raw);
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      // Node's client does not frame a body on GET, HEAD, DELETE, OPTIONS or TRACE by itself: without a
      // Content-Length the bytes would arrive as the start of a garbage next request on the connection.
      const headers = c.body ? { ...c.headers, 'content-length': String(c.body.length) } : c.headers;
      req = http.request({ host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: flatten(res.headers), body: Buffer.concat(chunks), raw: false }));
        res.on('error', (e) => resolve({ error: e.message, raw: false }));
      });
    } catch {
      // The client refuses to build it (e.g. a space in the path): send the same bytes raw.
      const head = `${c.method} ${c.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${c.body?.length ?? 0}\r\nConnection: close\r\n\r\n`;
      resolve(sendRaw(port, Buffer.concat([Buffer.from(head, 'latin1'), c.body ?? Buffer.alloc(0)])));
      return;
    }
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, raw: false }));
    if (c.body) req.write(c.body);
    req.end();
  });
}

function sendRaw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy());
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks);
      const head = text.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!m) {
        resolve({ error: 'closed without an answer', raw: true });
        return;
      }
      const end = head.indexOf('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.slice(0, end < 0 ? head.length : end).split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(m[1]), headers, body: end < 0 ? Buffer.alloc(0) : text.subarray(end + 4), raw: true });
    });
  });
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}
