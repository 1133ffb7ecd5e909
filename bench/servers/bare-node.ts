// The ceiling: bare node:http that reads and parses the same JSON body and answers 204 (a GET gets a fixed
// 200 JSON). No routing, no validation, no state: what the machine can do at all.
import http from 'node:http';

const fixed = JSON.stringify({ ok: true });

http
  .createServer((req, res) => {
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
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
