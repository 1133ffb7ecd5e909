// Several emulator processes on one real Redis (--store) act as one emulator: a write on one is read on the
// other for each vendor, concurrent conflicting writes leave exactly one of them whole (a request run again after
// a lost race still explains what it read leniently), concurrent creates are all kept, a times:1 fault fires once,
// each journal shows both processes' calls, namespaces are shared, and two workers' log lines share one stdout
// whole; a Redis outage is a 503 in the vendor's envelope (health degraded) until Redis is back, with nothing
// acknowledged lost; an emulator restart keeps it too. The exchanges are recorded for the judge.
import http from 'node:http';
import { DASHBOARDS, TOKENS } from '../desk/desk-fixtures';
import { recordJournal } from '../support/journal-records';
import type { EmulatorProcess } from '../support/process';
import { runCommand, startEmulatorProcess } from '../support/process';
import type { RedisServer } from '../support/redis';
import { describeWithRedis, startRedis } from '../support/redis';

jest.setTimeout(60000);

const desk = { authorization: `Api-Token ${TOKENS.readWrite}`, 'content-type': 'application/json' };
const ec = { 'ECI-ApiKey': 'eci.sam.key', 'content-type': 'application/json' };
const luzmo = { key: 'key-olivia', token: 'token-olivia', version: '0.1.0' };
const shareSettings = (url: string): string => `${url}/api/config/v1/dashboards/${DASHBOARDS.backlog}/shareSettings`;
const settingsFor = (user: string): unknown => ({ id: DASHBOARDS.backlog, enabled: true, permissions: [{ type: 'USER', id: user, permission: 'VIEW' }, { type: 'USER', id: `${user}-b`, permission: 'EDIT' }], publicAccess: { managementZoneIds: [] } });

describeWithRedis('two emulator processes on one Redis', () => {
  let redis: RedisServer;
  let a: EmulatorProcess;
  let b: EmulatorProcess;

  const start = (): Promise<EmulatorProcess> => startEmulatorProcess(['--port', '0', '--store', redis.url]);

  async function stop(proc: EmulatorProcess): Promise<void> {
    if (proc.child.exitCode !== null) return;
    proc.child.kill('SIGTERM');
    expect((await proc.exited).code).toBe(0);
  }

  async function luzmoShares(url: string, namespace?: string): Promise<{ count: number; rows: { id: string }[] }> {
    const res = await fetch(`${url}/0.1.0/share`, { method: 'SEARCH', headers: { 'content-type': 'application/json', ...(namespace ? { 'x-emulator-namespace': namespace } : {}) }, body: JSON.stringify({ action: 'get', find: {}, ...luzmo }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { count: number; rows: { id: string }[] };
  }

  /** One call on a connection of its own (fetch would reuse one, and so always reach the same worker). */
  function onNewConnection(url: string, method: string, body?: string): Promise<{ status: number; requestId: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers: desk, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-emulator-request-id']), body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([start(), start()]);
  });

  afterAll(async () => {
    for (const proc of [a, b]) if (proc) await stop(proc);
    await redis?.stop();
  });

  test('a write on one process is what a read on the other returns, for each vendor', async () => {
    expect((await fetch(shareSettings(a.url), { method: 'PUT', headers: desk, body: JSON.stringify(settingsFor('alice')) })).status).toBe(204);
    const deskRead = (await (await fetch(shareSettings(b.url), { headers: desk })).json()) as { permissions: { id: string }[] };
    expect(deskRead.permissions.map((p) => p.id).sort()).toEqual(['alice', 'alice-b']);

    const put = await fetch(`${b.url}/api/v3/dashboard/100/share`, { method: 'PUT', headers: ec, body: JSON.stringify({ sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [] }) });
    expect(put.status).toBe(200);
    const ecRead = (await (await fetch(`${a.url}/api/v3/dashboard/100/share`, { headers: ec })).json()) as { sharedUsers: { userId: number }[] };
    expect(ecRead.sharedUsers.map((u) => u.userId)).toEqual([4]);

    const before = await luzmoShares(b.url);
    const created = await fetch(`${a.url}/0.1.0/share`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'create', properties: {}, ...luzmo }) });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const after = await luzmoShares(b.url);
    expect(after.count).toBe(before.count + 1);
    expect(after.rows.map((r) => r.id)).toContain(id);
  });

  test('200 concurrent conflicting PUTs over both processes leave exactly one of them, whole', async () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const statuses = await Promise.all(users.map((user, i) => fetch(shareSettings(i % 2 ? a.url : b.url), { method: 'PUT', headers: desk, body: JSON.stringify(settingsFor(user)) }).then((r) => r.status)));
    expect(statuses.every((s) => s === 204)).toBe(true);
    const [fromA, fromB] = await Promise.all([a, b].map(async (p) => (await (await fetch(shareSettings(p.url), { headers: desk })).json()) as { permissions: { id: string }[] }));
    expect(fromA).toEqual(fromB);
    const ids = (fromA as { permissions: { id: string }[] }).permissions.map((p) => p.id).sort();
    const winner = ids[0] as string;
    expect(users).toContain(winner);
    expect(ids).toEqual([winner, `${winner}-b`]); // one PUT's body, not a mix of two
  });

  test('a PUT run again after a lost race still lists its lenient readings; the races lost are counted', async () => {
    const headers = { ...desk, 'x-emulator-namespace': 'lenient-races' };
    const racesLost = async (proc: EmulatorProcess): Promise<number> => Number(/^share_emulator_store_races_lost_total (\d+)$/m.exec(await (await fetch(`${proc.url}/_emulator/metrics`)).text())?.[1]);
    const lostBefore = (await racesLost(a)) + (await racesLost(b));
    const procs = Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b));
    const sent = await Promise.all(
      procs.map(async (proc, i) => {
        const res = await fetch(shareSettings(proc.url), { method: 'PUT', headers, body: JSON.stringify({ ...(settingsFor(`racer-${i}`) as object), enabled: 'true' }) });
        return { proc, status: res.status, id: res.headers.get('x-emulator-request-id') as string };
      }),
    );
    expect(sent.every((s) => s.status === 204)).toBe(true);
    const lost = (await racesLost(a)) + (await racesLost(b)) - lostBefore;
    expect(lost).toBeGreaterThan(0); // some of these PUTs ran twice, and the readings below cover them
    const readings = await Promise.all(sent.map(async ({ proc, id }) => ((await (await fetch(`${proc.url}/_emulator/requests/${id}`, { headers })).json()) as { explanation: { validation: { lenientReadings: string[] } } }).explanation.validation.lenientReadings));
    expect(readings.filter((r) => !r.includes('/enabled: string "true" read as boolean true'))).toEqual([]);
  });

  test('200 concurrent Luzmo creates over both processes leave 200 more shares', async () => {
    const namespace = 'creates';
    const before = await luzmoShares(a.url, namespace);
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${i % 2 ? a.url : b.url}/0.1.0/share`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-emulator-namespace': namespace }, body: JSON.stringify({ action: 'create', properties: {}, ...luzmo }) }).then(async (r) => {
          expect(r.status).toBe(200);
          return ((await r.json()) as { id: string }).id;
        }),
      ),
    );
    expect(new Set(created).size).toBe(200);
    const [onA, onB] = await Promise.all([luzmoShares(a.url, namespace), luzmoShares(b.url, namespace)]);
    expect(onA.count).toBe(before.count + 200);
    expect(onB.count).toBe(before.count + 200);
  });

  test('a times:1 fault added on one process fires exactly once across both', async () => {
    const namespace = 'fault-once';
    const headers = { ...desk, 'x-emulator-namespace': namespace };
    const added = await fetch(`${b.url}/_emulator/faults`, { method: 'POST', headers, body: JSON.stringify({ match: { vendor: 'desk', operationId: 'getDashboardShareSettings' }, action: { status: 503, message: 'injected once' }, times: 1 }) });
    expect(added.status).toBe(201);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(shareSettings(i % 2 ? a.url : b.url), { headers }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 503)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(39);
    const listed = (await (await fetch(`${a.url}/_emulator/faults`, { headers })).json()) as { faults: unknown[] };
    expect(listed.faults).toEqual([]);
  });

  test('a delay fault fires in the shared transaction, then the request is served in its own', async () => {
    const headers = { ...desk, 'x-emulator-namespace': 'delayed' };
    const added = await fetch(`${a.url}/_emulator/faults`, { method: 'POST', headers, body: JSON.stringify({ match: { vendor: 'desk', operationId: 'updateDashboardShareSettings' }, action: { delayMs: 200 }, times: 1 }) });
    expect(added.status).toBe(201);
    const started = Date.now();
    expect((await fetch(shareSettings(b.url), { method: 'PUT', headers, body: JSON.stringify(settingsFor('late')) })).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const read = (await (await fetch(shareSettings(a.url), { headers })).json()) as { permissions: { id: string }[] };
    expect(read.permissions.map((p) => p.id).sort()).toEqual(['late', 'late-b']);
  });

  test("each process's journal shows both processes' calls; namespaces are listed and dropped across processes", async () => {
    const namespace = 'journal-both';
    const headers = { ...desk, 'x-emulator-namespace': namespace };
    const ids: string[] = [];
    for (const proc of [a, b]) ids.push((await fetch(shareSettings(proc.url), { headers })).headers.get('x-emulator-request-id') as string);
    expect(ids[0]?.split('-')[0]).not.toBe(ids[1]?.split('-')[0]); // two processes, two id tags
    for (const proc of [a, b]) {
      const journal = await eventually(
        async () => ((await (await fetch(`${proc.url}/_emulator/requests`, { headers })).json()) as { requests: { id: string }[] }).requests.map((r) => r.id),
        (seen) => ids.every((id) => seen.includes(id)),
      );
      expect(journal).toEqual(expect.arrayContaining(ids));
    }
    const listed = (await (await fetch(`${b.url}/_emulator/namespaces`)).json()) as { namespaces: { name: string }[] };
    expect(listed.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining([namespace, 'creates', 'fault-once']));
    expect((await fetch(shareSettings(a.url), { method: 'PUT', headers, body: JSON.stringify(settingsFor('zoe')) })).status).toBe(204);
    expect((await fetch(`${b.url}/_emulator/namespaces/${namespace}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${a.url}/_emulator/namespaces/${namespace}`, { method: 'DELETE' })).status).toBe(404); // gone for the other process too
    const afterDrop = (await (await fetch(shareSettings(a.url), { headers })).json()) as { permissions: unknown[] };
    expect(afterDrop.permissions).toEqual([]); // used again: the fixtures, not the dropped state
  });

  test('a state import on one process is what the other exports, and a reset on the other is seen by the first', async () => {
    const namespace = 'state-io';
    const headers = { 'content-type': 'application/json', 'x-emulator-namespace': namespace };
    type DeskDocument = { environments: { dashboards: { dashboardMetadata: { name: string } }[] }[] };
    const firstName = (doc: DeskDocument): string | undefined => doc.environments[0]?.dashboards[0]?.dashboardMetadata.name;
    const exported = (await (await fetch(`${a.url}/_emulator/state?vendor=desk`, { headers })).json()) as DeskDocument;
    (exported.environments[0]?.dashboards[0] as { dashboardMetadata: { name: string } }).dashboardMetadata.name = 'Imported through process A';
    expect((await fetch(`${a.url}/_emulator/state?vendor=desk`, { method: 'PUT', headers, body: JSON.stringify(exported) })).status).toBe(200);
    const onB = (await (await fetch(`${b.url}/_emulator/state?vendor=desk`, { headers })).json()) as DeskDocument;
    expect(firstName(onB)).toBe('Imported through process A');
    expect((await fetch(`${b.url}/_emulator/reset`, { method: 'POST', headers })).status).toBe(200);
    const afterReset = (await (await fetch(`${a.url}/_emulator/state?vendor=desk`, { headers })).json()) as DeskDocument;
    expect(firstName(afterReset)).toBeDefined();
    expect(firstName(afterReset)).not.toBe('Imported through process A');
  });

  test('Redis stopped mid-run: vendor calls answer 503 in their envelopes and health says degraded; back when Redis is', async () => {
    expect((await fetch(shareSettings(a.url), { method: 'PUT', headers: desk, body: JSON.stringify(settingsFor('kept')) })).status).toBe(204);
    await redis.stop();
    const deskDown = await fetch(shareSettings(b.url), { headers: desk });
    expect(deskDown.status).toBe(503);
    expect(await deskDown.json()).toMatchObject({ error: { code: 503, message: expect.stringContaining('shared store') } });
    const ecDown = await fetch(`${a.url}/api/v3/dashboard/100/share`, { headers: ec });
    expect(ecDown.status).toBe(503);
    const marked = (await (await fetch(`${a.url}/_emulator/requests/${ecDown.headers.get('x-emulator-request-id') as string}`)).json()) as { fault?: string };
    expect(marked.fault).toBe('store-unavailable'); // the emulator's own outage, not the vendor's answer
    const luzmoDown = await fetch(`${b.url}/0.1.0/share`, { method: 'SEARCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'get', find: {}, ...luzmo }) });
    expect(luzmoDown.status).toBe(503);
    expect(await luzmoDown.json()).toMatchObject({ type: { code: 503 } });
    const health = await fetch(`${a.url}/_emulator/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', store: { kind: 'redis', reachable: false } });

    await redis.start();
    // Each process reconnects on its own (within about a second).
    for (const proc of [a, b]) expect((await eventually(() => fetch(`${proc.url}/_emulator/health`), (r) => r.status === 200, 10000)).status).toBe(200);
    const back = await fetch(shareSettings(b.url), { headers: desk });
    expect(back.status).toBe(200);
    const kept = (await back.json()) as { permissions: { id: string }[] };
    expect(kept.permissions.map((p) => p.id).sort()).toEqual(['kept', 'kept-b']); // acknowledged before the outage
    expect((await fetch(`${a.url}/_emulator/health`)).status).toBe(200);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  });

  test('an emulator restart keeps everything acknowledged; the journal is read back from the store', async () => {
    expect((await fetch(shareSettings(a.url), { method: 'PUT', headers: desk, body: JSON.stringify(settingsFor('restart')) })).status).toBe(204);
    expect(await recordJournal(a.url)).toBeGreaterThan(0);
    await Promise.all([stop(a), stop(b)]);
    a = await start();
    const read = (await (await fetch(shareSettings(a.url), { headers: desk })).json()) as { permissions: { id: string }[] };
    expect(read.permissions.map((p) => p.id).sort()).toEqual(['restart', 'restart-b']);
    const journal = (await (await fetch(`${a.url}/_emulator/requests?limit=1000`)).json()) as { total: number };
    expect(journal.total).toBeGreaterThan(1);
    b = await start();
  });

  test('--workers 2 serves one port from two processes that share the store; --workers without --store is refused', async () => {
    const proc = await startEmulatorProcess(['--port', '0', '--store', redis.url, '--workers', '2']);
    try {
      await eventually(async () => proc.output().match(/listening on/g)?.length ?? 0, (n) => n >= 2, 10000);
      const tags = new Set<string>();
      for (let i = 0; i < 40 && tags.size < 2; i++) {
        // A new connection each time: the primary hands connections to the workers in turn.
        const put = await onNewConnection(shareSettings(proc.url), 'PUT', JSON.stringify(settingsFor(`w${i}`)));
        expect(put.status).toBe(204);
        tags.add(put.requestId.split('-')[0] as string);
        const read = await onNewConnection(shareSettings(proc.url), 'GET');
        tags.add(read.requestId.split('-')[0] as string);
        expect((JSON.parse(read.body) as { permissions: { id: string }[] }).permissions.map((p) => p.id).sort()).toEqual([`w${i}`, `w${i}-b`]);
      }
      expect(tags.size).toBe(2);
    } finally {
      await stop(proc);
    }
    const refused = await runCommand(['--workers', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--workers above 1 needs a shared store/);
  });

  test('--workers 2 share one stdout without tearing lines: 3,000 requests logging 2 KB lines each, the reader stopping 100 ms at a time, every line whole', async () => {
    const proc = await startEmulatorProcess(['--port', '0', '--store', redis.url, '--workers', '2']);
    // Long lines and a reader that keeps stopping fill the pipe: a write of more than PIPE_BUF would then go in
    // pieces, and the other worker's writes could land between them.
    const id = 'a'.repeat(2000);
    const stall = setInterval(() => (proc.child.stdout.isPaused() ? proc.child.stdout.resume() : proc.child.stdout.pause()), 100);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const closed = new Promise((resolve) => proc.child.on('close', resolve));
    try {
      await eventually(async () => proc.output().match(/listening on/g)?.length ?? 0, (n) => n >= 2, 10000);
      let next = 0;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < 3000) {
            next++;
            const status = await new Promise<number>((resolve, reject) => {
              http
                .get(`${proc.url}/api/config/v1/dashboards/${id}/shareSettings`, { agent, headers: desk }, (res) => {
                  res.resume();
                  res.on('end', () => resolve(res.statusCode ?? 0));
                })
                .on('error', reject);
            });
            expect(status).toBe(400);
          }
        }),
      );
    } finally {
      agent.destroy();
      clearInterval(stall);
      proc.child.stdout.resume();
      await stop(proc);
      // 'close': everything the processes wrote has been read.
      await closed;
    }
    const lines = proc.output().split('\n').filter(Boolean);
    // Every line is one whole line of the log's text format: a torn one would not match.
    expect(lines.filter((l) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR|DEBUG) \S/.test(l))).toEqual([]);
    const request = new RegExp(` INFO {2}GET /api/config/v1/dashboards/${id}/shareSettings 400 [\\d.]+ms desk\\.getDashboardShareSettings ((\\w+)-\\w+) 400: [^\\n]*$`);
    const served = lines.flatMap((l) => {
      const m = request.exec(l);
      return m ? [{ id: m[1], worker: m[2] }] : [];
    });
    // A worker more than 1 MiB behind its reader drops lines and says how many: each line is there or counted.
    const dropped = lines.reduce((sum, l) => sum + Number(/ WARN {2}log: (\d+) lines dropped/.exec(l)?.[1] ?? 0), 0);
    expect(new Set(served.map((r) => r.id)).size).toBe(served.length);
    expect(served.length + dropped).toBe(3000);
    expect(new Set(served.map((r) => r.worker)).size).toBe(2);
  });
});
