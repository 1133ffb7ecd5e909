// A deliberately bad stand-in for the emulator, started by the fuzz engine exactly as it starts
// dist/main.js (`--port N --host H --seed S --log-level L`), so the fuzz's own tests can show that each
// counter counts: it crashes once (an uncaught exception), logs an ERROR line, answers a 500, answers
// slowly, pollutes Object.prototype, gives no answer at all to requests Node's parser refuses, and keeps
// only the last few journal entries. Which request misbehaves is decided by the order of arrival.
import http from 'node:http';
import { existsSync, writeFileSync } from 'node:fs';
import { setImmediate, setInterval, setTimeout } from 'node:timers';

const args = process.argv.slice(2);
const arg = (name) => args[args.indexOf(name) + 1];
const port = Number(arg('--port'));
const host = arg('--host') ?? '127.0.0.1';
/** A file that exists once the one crash has happened (a restarted child does not crash again). */
const crashMarker = arg('--crash-marker');
const JOURNAL_KEPT = 10;

let count = 0;
const journal = [];

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/_emulator/health') return answer(res, 200, { status: 'ok' });
    if (req.url.startsWith('/_emulator/requests')) return answer(res, 200, { total: journal.length, requests: journal });
    count += 1;
    const id = `bad-${count}`;
    const [path, query = ''] = req.url.split('?');
    journal.push({ id, vendor: 'desk', operationId: 'getDashboards', validation: 'passed', path, query });
    if (journal.length > JOURNAL_KEPT) journal.shift();
    if (count === 5) process.stdout.write(`${new Date().toISOString()} ERROR ${id} something went wrong\n    at somewhere (bad-server.mjs:1:1)\n`);
    if (count === 7) return answer(res, 500, { error: { code: 500, message: 'Internal Server Error' } }, id);
    if (count === 9) Object.prototype.polluted = 'yes';
    if (count === 30 && crashMarker && !existsSync(crashMarker)) {
      writeFileSync(crashMarker, 'crashed');
      setImmediate(() => {
        throw new Error('deliberate crash');
      });
      return;
    }
    const delayed = /delay/.test(String(req.headers['x-emulator-fault'] ?? ''));
    const wait = delayed ? 2000 : count === 12 ? 400 : 0;
    setTimeout(() => answer(res, 200, { dashboards: [] }, id), wait);
  });
});

// Requests Node's parser refuses (bad bytes, unknown methods): no answer at all, the connection just closes.
server.on('clientError', (_error, socket) => socket.destroy());

function answer(res, status, body, id) {
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
  if (id) headers['x-emulator-request-id'] = id;
  res.writeHead(status, headers);
  res.end(text);
}

server.listen(port, host);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
setInterval(() => server.closeIdleConnections(), 1000).unref();
