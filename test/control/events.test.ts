// GET /_emulator/events at the protocol level, over a real socket: the head, the replay (to the new subscriber
// only), live entries, keep-alive comments, the namespace and vendor filters, a stalled reader's bounded queue
// and resync marker, and that a closed subscriber (or a stopping server) frees everything.
import { connect as connectTcp } from 'node:net';
import request from 'supertest';
import { startEmulator } from '../../src/api';
import { createEmulator } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base, shareBody } from '../desk/desk-fixtures';
import { KEYS, key } from '../energycap/energycap-fixtures';
import type { SseClient } from './events-client';
import { connect, parseEvents } from './events-client';

const sharePath = `${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`;
const servers: RunningServer[] = [];
const clients: SseClient[] = [];

async function serve(options: Parameters<typeof testEmulator>[0] = {}): Promise<{ url: string; app: ReturnType<typeof testEmulator>['app'] }> {
  const emulator = testEmulator(options);
  const server = await listen(emulator.app, 0, '127.0.0.1');
  servers.push(server);
  return { url: server.url, app: emulator.app };
}

async function subscribe(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await connect(url, headers);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

const deskPut = (url: string, namespace = 'default') =>
  request(url).put(sharePath).set(auth(TOKENS.readWrite)).set('x-emulator-namespace', namespace).send(shareBody(DASHBOARDS.backlog)).expect(204);
const requestEvents = (client: SseClient) => client.events().filter((e) => e.event === 'request');
const health = async (url: string) => (await request(url).get('/_emulator/health').expect(200)).body as { eventStreams: number };

test('connect: 200 text/event-stream, not cached, a retry hint, and a replayed marker even with an empty journal', async () => {
  const { url } = await serve();
  const client = await subscribe(`${url}/_emulator/events`);
  expect(client.response.statusCode).toBe(200);
  expect(client.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  expect(client.response.headers['cache-control']).toBe('no-store');
  expect(client.response.headers['x-emulator-request-id']).toEqual(expect.any(String));
  await client.waitFor((e) => e.event === 'replayed');
  expect(client.text().startsWith('retry: 2000\n\n')).toBe(true);
  expect(client.events()).toEqual([{ event: 'replayed', data: '{"count":0}' }]);
});

test('replay: the most recent entries, oldest first, to the new subscriber only', async () => {
  const { url } = await serve();
  const first = await subscribe(`${url}/_emulator/events`);
  await first.waitFor((e) => e.event === 'replayed');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await deskPut(url)).headers['x-emulator-request-id'] as string);
  await first.waitFor((e) => e.id === ids[2]);

  const second = await subscribe(`${url}/_emulator/events?replay=2`);
  await second.waitFor((e) => e.event === 'replayed');
  expect(second.events().map((e) => e.id ?? e.event)).toEqual([ids[1], ids[2], 'replayed']);
  expect(JSON.parse(second.events()[2]?.data ?? '')).toEqual({ count: 2 });
  // The first subscriber saw each entry once, live, and none of the second one's replay.
  await deskPut(url);
  await first.waitFor((e) => requestEvents(first).length === 4 && e.event === 'request');
  expect(requestEvents(first).map((e) => e.id).slice(0, 3)).toEqual(ids);
  expect(first.events().filter((e) => e.event === 'replayed')).toHaveLength(1);
});

test('live: a vendor call arrives as it is journaled, as the same entry GET /requests/{id} returns', async () => {
  const { url } = await serve();
  const client = await subscribe(`${url}/_emulator/events`);
  await client.waitFor((e) => e.event === 'replayed');
  const id = (await deskPut(url)).headers['x-emulator-request-id'] as string;
  const event = await client.waitFor((e) => e.event === 'request');
  expect(event.id).toBe(id);
  const entry = (await request(url).get(`/_emulator/requests/${id}`).expect(200)).body as Record<string, unknown>;
  expect(JSON.parse(event.data)).toEqual(entry);
  expect(entry).toMatchObject({ vendor: 'desk', operationId: 'updateDashboardShareSettings', status: 204 });
  // Credentials are masked in the stream as in the journal.
  expect(event.data).not.toContain(TOKENS.readWrite);
  // Control-plane calls are not journaled, so they are not streamed either.
  expect(requestEvents(client)).toHaveLength(1);
});

test('keep-alive: a comment line comes at the configured interval while nothing happens', async () => {
  const { url } = await serve({ eventStream: { keepAliveMs: 50 } });
  const client = await subscribe(`${url}/_emulator/events`);
  await client.waitForText(/\n: keep-alive\n\n(.|\n)*: keep-alive\n\n/, 2000);
  expect(requestEvents(client)).toHaveLength(0);
});

test('filters: namespace and vendor as query parameters; without namespace every namespace is streamed', async () => {
  const { url } = await serve();
  const onlyA = await subscribe(`${url}/_emulator/events?namespace=team-a&vendor=desk`);
  const all = await subscribe(`${url}/_emulator/events`);
  await Promise.all([onlyA, all].map((c) => c.waitFor((e) => e.event === 'replayed')));
  await deskPut(url, 'team-b');
  await request(url).get('/api/v3/dashboard/101').set('x-emulator-namespace', 'team-a').set(key(KEYS.sam)).expect(200);
  const wanted = (await deskPut(url, 'team-a')).headers['x-emulator-request-id'] as string;
  await all.waitFor((e) => e.id === wanted);
  await onlyA.waitFor((e) => e.id === wanted);
  expect(requestEvents(all).map((e) => (JSON.parse(e.data) as { namespace: string; vendor: string }).namespace)).toEqual(['team-b', 'team-a', 'team-a']);
  expect(requestEvents(onlyA).map((e) => e.id)).toEqual([wanted]);
});

test('with the journal off (journalSize 0) there is nothing to replay, but new entries are still streamed', async () => {
  const { url } = await serve({ journalSize: 0 });
  await deskPut(url);
  const client = await subscribe(`${url}/_emulator/events`);
  await client.waitFor((e) => e.event === 'replayed');
  const id = (await deskPut(url)).headers['x-emulator-request-id'] as string;
  await client.waitFor((e) => e.id === id);
  expect(requestEvents(client).map((e) => e.id)).toEqual([id]);
});

test('bad filters and a missing admin token are refused in the control plane envelope', async () => {
  const { url } = await serve({ adminToken: 'sekrit' });
  const admin = { authorization: 'Bearer sekrit' };
  await request(url).get('/_emulator/events').expect(401);
  expect((await request(url).get('/_emulator/events?vendor=nope').set(admin).expect(400)).body.error).toMatch(/Unknown vendor nope/);
  await request(url).get('/_emulator/events?namespace=bad%20name').set(admin).expect(400);
  await request(url).get('/_emulator/events?replay=5000').set(admin).expect(400);
  const client = await subscribe(`${url}/_emulator/events`, admin);
  expect(client.response.statusCode).toBe(200);
});

test('disconnect: a closed subscriber is forgotten at once, and a stopping server ends open streams', async () => {
  const { url } = await serve();
  const client = await subscribe(`${url}/_emulator/events`);
  await client.waitFor((e) => e.event === 'replayed');
  expect((await health(url)).eventStreams).toBe(1);
  client.close();
  for (let i = 0; i < 50 && (await health(url)).eventStreams > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect((await health(url)).eventStreams).toBe(0);
  await deskPut(url); // nobody listens: nothing to render or queue

  const running = await startEmulator({ logger: createLogger('silent') });
  const open = await subscribe(`${running.url}/_emulator/events`);
  await open.waitFor((e) => e.event === 'replayed');
  const started = Date.now();
  const ended = new Promise<boolean>((resolve) => {
    if (open.response.complete) resolve(true);
    open.response.once('end', () => resolve(true));
    setTimeout(() => resolve(false), 1000).unref();
  });
  open.response.resume();
  await running.close();
  expect(Date.now() - started).toBeLessThan(1000); // not the 8 s grace period
  // The stream was ended by the server, not cut: the client reads its end (the socket's end may take a tick
  // longer to reach it than close() takes to resolve).
  expect(await ended).toBe(true);
  expect(open.response.complete).toBe(true);
});

test('slow client: a stalled reader gets a bounded queue, then a resync marker, and live entries after it', async () => {
  const emulator = createEmulator({ logger: createLogger('silent'), eventStream: { queueEntries: 20, queueBytes: 256 * 1024 } });
  const server = await listen(emulator.app, 0, '127.0.0.1');
  servers.push(server);
  // A raw socket that asks for the stream and then stops reading.
  const socket = connectTcp(server.port, '127.0.0.1');
  let raw = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (raw += chunk));
  socket.write('GET /_emulator/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
  for (let i = 0; i < 100 && !raw.includes('event: replayed'); i++) await new Promise((r) => setTimeout(r, 10));
  socket.pause();

  // Each entry carries about 60 KB of request body: 300 of them (18 MB) outgrow any socket buffer.
  const big = { ...shareBody(DASHBOARDS.backlog), note: 'x'.repeat(60_000) };
  const agent = request.agent(server.url);
  const sent = 300;
  for (let i = 0; i < sent; i++) await agent.put(sharePath).set(auth(TOKENS.readWrite)).send(big);
  const heapWhileStalled = process.memoryUsage().heapUsed;

  socket.resume();
  const last = (await deskPut(server.url)).headers['x-emulator-request-id'] as string;
  for (let i = 0; i < 300 && !raw.includes(`id: ${last}\n`); i++) await new Promise((r) => setTimeout(r, 20));
  socket.destroy();
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/(^|\r\n)[0-9a-f]+\r\n/g, ''); // chunked framing out
  const events = parseEvents(body);
  // A reader that stalls more than once is told each time: every marker counts what it missed since the last.
  const resyncs = events.filter((e) => e.event === 'resync');
  expect(resyncs.length).toBeGreaterThan(0);
  const dropped = resyncs.reduce((sum, e) => sum + (JSON.parse(e.data) as { dropped: number }).dropped, 0);
  const delivered = events.filter((e) => e.event === 'request').length;
  expect(dropped).toBeGreaterThan(0);
  expect(delivered).toBeLessThan(sent);
  // Nothing was lost without being counted: every entry was either delivered or counted as dropped.
  expect(delivered + dropped).toBe(sent + 1);
  expect(events.at(-1)?.id).toBe(last);
  expect(heapWhileStalled).toBeLessThan(512 * 1024 * 1024);
  await emulator.close();
}, 60_000);

test('under load a batch carries only the newest entries (batchEntries), the rest counted in a resync marker before them', async () => {
  const { url } = await serve({ eventStream: { batchMs: 1000, batchEntries: 5 } });
  const client = await subscribe(`${url}/_emulator/events`);
  await client.waitFor((e) => e.event === 'replayed');
  const ids: string[] = [];
  // 20 calls inside one 1 s batch window.
  const sent = await Promise.all(Array.from({ length: 20 }, () => deskPut(url)));
  for (const res of sent) ids.push(res.headers['x-emulator-request-id'] as string);
  await client.waitFor((e) => e.event === 'request' && requestEvents(client).length >= 5);
  const after = client.events().slice(1);
  expect(after[0]).toEqual({ event: 'resync', data: '{"dropped":15}' });
  const delivered = after.slice(1).map((e) => e.id);
  expect(delivered).toHaveLength(5);
  // The newest five, in journal order.
  const { requests } = (await request(url).get('/_emulator/requests').expect(200)).body as { requests: { id: string }[] };
  expect(delivered).toEqual(requests.slice(-5).map((r) => r.id));
  expect(new Set(ids)).toEqual(new Set(requests.map((r) => r.id)));
});
