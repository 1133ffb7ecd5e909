// The ceiling for an Express data plane: Express 5 with one route that ends every request with a fixed JSON.
import express from 'express';

const fixed = JSON.stringify({ ok: true });
const app = express();
app.all('/{*any}', (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(fixed);
});
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
