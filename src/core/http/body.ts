// Reading a request body with a size limit, and deciding whether a Content-Type is JSON.
import type { IncomingMessage } from 'node:http';
import { PayloadTooLarge } from '../errors';

const EMPTY = Buffer.alloc(0);

/**
 * How much of a body past the limit is read and thrown away before the 413 is sent: closing the connection
 * while the client is still sending makes it fail with EPIPE/ECONNRESET before it reads the answer (RFC 9112
 * 9.6). Past this, the 413 goes out at once and the client may not see it.
 */
export const DISCARD_FACTOR = 4;

/**
 * Reads the whole body. Past `limit` bytes it rejects with PayloadTooLarge, once the rest of the body has
 * arrived (read and discarded), or throws it at once when the declared body is more than DISCARD_FACTOR times
 * the limit. A request without a body gets its empty body at once, not as a promise: awaiting one would cost
 * each GET a turn of the microtask queue.
 */
export function readBody(req: IncomingMessage, limit: number): Buffer | Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit * DISCARD_FACTOR) throw new PayloadTooLarge(limit);
  if (declared === 0 || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) return EMPTY;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error): void => {
      if (done) return;
      done = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        // Stop collecting; answer once the rest has arrived, or now if it is far too much.
        chunks.length = 0;
        if (size > limit * DISCARD_FACTOR) fail(new PayloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    // `on`, not `once`: `done` already answers at most once, and once's wrappers cost each request two allocations.
    req.on('end', () => {
      if (done) return;
      if (size > limit) {
        fail(new PayloadTooLarge(limit));
        return;
      }
      done = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new Error('request aborted')));
  });
}

/** True when the media type is JSON (application/json or any +json suffix); parameters are ignored. */
export function isJsonMediaType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
