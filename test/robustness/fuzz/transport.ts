// Sends a fuzz case: through a keep-alive agent when an HTTP client can express it, over a raw socket
// otherwise (bad methods, bytes an HTTP client refuses to put in a request line). Records what was sent
// (the headers as they went out) and how long the whole answer took to arrive.
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FuzzCase } from './cases';

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The connection ended without an answer (or the client could not finish). */
  error?: string;
  raw: boolean;
  /** Milliseconds from sending to the whole answer received (undefined without an answer). */
  ms?: number;
  /** The request headers as they went out (lower-case names). */
  sentHeaders: Record<string, string>;
}

export const TIMEOUT_MS = 15000;

export function send(agent: http.Agent, port: number, c: FuzzCase): Promise<Answer> {
  if (c.raw) return sendRaw(port, c.raw);
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    const started = performance.now();
    let sentHeaders: Record<string, string> = {};
    try {
      // Node's client does not frame a body on GET, HEAD, DELETE, OPTIONS or TRACE by itself: without a
      // Content-Length the bytes would arrive as the start of a garbage next request on the connection.
      const headers = c.body ? { ...c.headers, 'content-length': String(c.body.length) } : c.headers;
      req = http.request({ host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: flatten(res.headers), body: Buffer.concat(chunks), raw: false, ms: performance.now() - started, sentHeaders }));
        res.on('error', (e) => resolve({ error: e.message, raw: false, sentHeaders }));
      });
      sentHeaders = flatten(req.getHeaders() as http.IncomingHttpHeaders);
    } catch {
      // The client refuses to build it (e.g. a space in the path): send the same bytes raw.
      const head = `${c.method} ${c.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${c.body?.length ?? 0}\r\nConnection: close\r\n\r\n`;
      resolve(sendRaw(port, Buffer.concat([Buffer.from(head, 'latin1'), c.body ?? Buffer.alloc(0)])));
      return;
    }
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, raw: false, sentHeaders }));
    if (c.body) req.write(c.body);
    req.end();
  });
}

/** The header fields of a raw request's head. */
export function rawRequestHeaders(bytes: Buffer): Record<string, string> {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end < 0 ? text.length : end).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function sendRaw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const sentHeaders = rawRequestHeaders(bytes);
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let started = performance.now();
    let answeredMs: number | undefined;
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy());
    socket.on('connect', () => {
      started = performance.now();
      socket.write(bytes);
    });
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // The answer is complete once its head and Content-Length bytes of body are in.
      if (answeredMs === undefined && complete(Buffer.concat(chunks))) answeredMs = performance.now() - started;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks);
      const head = text.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!m) {
        resolve({ error: 'closed without an answer', raw: true, sentHeaders });
        return;
      }
      const end = head.indexOf('\r\n\r\n');
      const headers = rawResponseHeaders(head.slice(0, end < 0 ? head.length : end));
      const ms = answeredMs ?? performance.now() - started;
      resolve({ status: Number(m[1]), headers, body: end < 0 ? Buffer.alloc(0) : text.subarray(end + 4), raw: true, ms, sentHeaders });
    });
  });
}

function rawResponseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function complete(bytes: Buffer): boolean {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  // Without a length (Node's parser answers "400 Bad Request" and closes), the head is the whole answer;
  // a chunked body is complete at its last chunk.
  if (length === null) return !/\r\ntransfer-encoding:\s*chunked/i.test(head) || bytes.subarray(end + 4).includes('\r\n0\r\n\r\n');
  return bytes.length - (end + 4) >= Number(length[1]);
}

function flatten(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}
