// What both ceilings do per request, in one place so they do the same work: read the body, JSON.parse it,
// answer 204 (a GET gets a fixed 200 JSON). No routing, no validation, no state.
import type { IncomingMessage, ServerResponse } from 'node:http';

const fixed = JSON.stringify({ ok: true });

export function readAndAnswer(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (chunks.length > 0) {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // the ceiling answers the same either way
      }
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) });
      res.end(fixed);
    } else {
      res.statusCode = 204;
      res.end();
    }
  });
}
