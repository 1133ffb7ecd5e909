// The ceiling for an Express data plane: Express 5 with one route that does what the bare node:http
// ceiling does (bench/servers/bare-node.ts): reads and parses the JSON body, then answers 204, or a fixed
// 200 JSON to a GET. No routing beyond the catch-all, no validation, no state.
import express from 'express';

const fixed = JSON.stringify({ ok: true });
const app = express();
app.all('/{*any}', (req, res) => {
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
});
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
