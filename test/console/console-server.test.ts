// What the console stands on, over HTTP: its files served with cache headers (and without the admin token),
// the namespaces listing and dropping, and the vendor operations the fault form offers.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base, shareBody } from '../desk/desk-fixtures';

const ASSETS = join(__dirname, '..', '..', 'dist', 'console', 'assets');
const NS = 'x-emulator-namespace';
const sharePath = `${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`;

test('the page revalidates on every load; its hashed assets are cached for good; /ui redirects to /ui/', async () => {
  const { app } = testEmulator({ adminToken: 'sekrit' });
  const page = await request(app).get('/_emulator/ui/').expect(200);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  const scripts = [...page.text.matchAll(/(?:src|href)="(\/_emulator\/ui\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  expect(scripts.map((s) => s.split('/').pop()).sort()).toEqual(readdirSync(ASSETS).sort());
  for (const asset of scripts) {
    const response = await request(app).get(asset).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toMatch(/^text\/(javascript|css); charset=utf-8$/);
  }
  const bare = await request(app).get('/_emulator/ui').expect(301);
  expect(bare.headers.location).toBe('/_emulator/ui/');
  const missing = await request(app).get('/_emulator/ui/assets/console-NOPE.js').expect(404);
  expect(missing.body).toEqual({ error: 'No console asset console-NOPE.js' });
});

test('GET /namespaces: records of the states built, fault rules, journal entries and last use', async () => {
  const { app } = testEmulator();
  const put = await request(app).put(sharePath).set(NS, 'team-a').set(auth(TOKENS.readWrite)).send(shareBody(DASHBOARDS.backlog)).expect(204);
  await request(app).post('/_emulator/faults').set(NS, 'team-a').send({ match: { vendor: 'luzmo' }, action: { status: 503 } }).expect(201);
  const { namespaces } = (await request(app).get('/_emulator/namespaces').expect(200)).body as { namespaces: Record<string, unknown>[] };
  const entry = (await request(app).get(`/_emulator/requests/${put.headers['x-emulator-request-id'] as string}`).set(NS, 'team-a').expect(200)).body as { time: string };
  expect(namespaces).toEqual([
    { name: 'default', records: { luzmo: expect.any(Object), energycap: expect.any(Object), desk: { environments: 2, dashboards: expect.any(Number) } }, faults: 0, journalEntries: 0, lastUsed: null },
    { name: 'team-a', records: { desk: { environments: 2, dashboards: expect.any(Number) } }, faults: 1, journalEntries: 1, lastUsed: entry.time },
  ]);
});

test('DELETE /namespaces/{name} forgets state, faults and journal; the default namespace is only reset', async () => {
  const { app } = testEmulator();
  const changed = { ...shareBody(DASHBOARDS.backlog), enabled: true };
  await request(app).put(sharePath).set(NS, 'team-b').set(auth(TOKENS.readWrite)).send(changed).expect(204);
  await request(app).delete('/_emulator/namespaces/team-b').expect(204);
  expect((await request(app).get('/_emulator/requests').set(NS, 'team-b').expect(200)).body.total).toBe(0);
  expect((await request(app).get(sharePath).set(NS, 'team-b').set(auth(TOKENS.readWrite)).expect(200)).body.enabled).toBe(false);
  await request(app).delete('/_emulator/namespaces/never-made').expect(404);
  expect((await request(app).delete('/_emulator/namespaces/default').expect(400)).body.error).toMatch(/cannot be dropped/);
  await request(app).delete('/_emulator/namespaces/bad%20name').expect(400);
});

test('GET /specs/{vendor}/operations lists what a fault rule can match, Luzmo actions included', async () => {
  const { app } = testEmulator();
  const desk = (await request(app).get('/_emulator/specs/desk/operations').expect(200)).body as { operations: { operationId: string; method: string }[] };
  expect(desk.operations).toContainEqual(expect.objectContaining({ operationId: 'updateDashboardShareSettings', method: 'PUT', path: '/dashboards/{id}/shareSettings' }));
  const luzmo = (await request(app).get('/_emulator/specs/luzmo/operations').expect(200)).body as { operations: { operationId: string }[] };
  expect(luzmo.operations.map((o) => o.operationId)).toEqual(expect.arrayContaining(['createShare', 'searchShare', 'deleteShare']));
  await request(app).get('/_emulator/specs/nope/operations').expect(404);
});
