// The vendor's own Postman collection (../shared/vendor/desk/postman-config-v1.320-dashboards.json: API 1.320,
// the dashboards folder, generated from the vendor's spec) run by newman against a started emulator, twice:
// as published, where every placeholder ("<boolean>", a "<string>" id) must get the answer the real API gives
// such input, and with real values filled in, where every request must get its documented success. The two
// migration operations are outside the emulated surface and answer 501 on purpose ([A] 16, README).
// Each request also carries a newman assertion on its status, so newman's own summary (printed) counts them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as newman from 'newman';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS } from './desk-fixtures';

jest.setTimeout(60000);

const COLLECTION = join(__dirname, '..', '..', '..', 'shared', 'vendor', 'desk', 'postman-config-v1.320-dashboards.json');

interface Item {
  name: string;
  item?: Item[];
  request?: {
    method: string;
    url: { path: string[]; query?: { key: string; value: string }[]; variable?: { key: string; value: string }[] };
    body?: { raw?: string };
  };
  response?: { code: number }[];
  event?: object[];
}
interface Collection {
  item: Item[];
}

interface Expected {
  status: number;
  /** The whole body, or a check of it. */
  body: unknown;
}

const published = JSON.parse(readFileSync(COLLECTION, 'utf8')) as Collection;

function requests(items: Item[]): Item[] {
  return items.flatMap((i) => (i.item ? requests(i.item) : [i]));
}

/** `PUT /dashboards/:id/shareSettings`: the request's method and path template, as the tables below name it. */
function keyOf(item: Item): string {
  const r = item.request as NonNullable<Item['request']>;
  return `${r.method} /${r.url.path.join('/')}`;
}

const NOT_EMULATED = { status: 501, body: { error: { code: 501, message: 'Dashboard migration is not emulated' } } };
const notUuid = (path: string): Expected => ({
  status: 400,
  body: { error: { code: 400, message: 'Constraints violated.', constraintViolations: [{ path, message: 'Not a valid UUID.', parameterLocation: 'PATH', location: null }] } },
});

/** Where the JSON mapper stops in a published body: the first "<boolean>" (line and column, 1-based). */
function couldNotMap(item: Item, path: string): Expected {
  const lines = (item.request?.body?.raw ?? '').split('\n');
  const line = lines.findIndex((l) => l.includes('"<boolean>"'));
  const column = (lines[line] as string).indexOf('"<boolean>"') + 1;
  return { status: 400, body: { error: { code: 400, message: `Could not map JSON at '${path}' near line ${line + 1} column ${column}` } } };
}

/** The real API's answer to each request as published (research: desk.md 3.2, real-clients.md 1.5). */
function publishedAnswer(item: Item): Expected {
  switch (keyOf(item)) {
    case 'GET /dashboards':
      // owner "<string>" and tags "<string>" are valid filters that match no dashboard.
      return { status: 200, body: { dashboards: [] } };
    case 'POST /dashboards':
    case 'POST /dashboards/validator':
    case 'PUT /dashboards/:id':
    case 'POST /dashboards/:id/validator':
      // The body is mapped before the path id is checked; "hasConsistentColors": "<boolean>" comes first.
      return couldNotMap(item, 'dashboardMetadata.hasConsistentColors');
    case 'PUT /dashboards/:id/shareSettings':
    case 'POST /dashboards/:id/shareSettings/validator':
      return couldNotMap(item, 'enabled');
    case 'GET /dashboards/:id':
    case 'DELETE /dashboards/:id':
    case 'GET /dashboards/:id/shareSettings':
      return notUuid('id');
    case 'PUT /dashboards/:dashboardId/migrate':
      return notUuid('dashboardId');
    case 'GET /dashboards/migrateAll':
      return NOT_EMULATED;
    default:
      throw new Error(`no expectation for ${keyOf(item)}`);
  }
}

/** Path ids for the real-values pass: the DELETE runs before the GET in the collection, so it takes another dashboard. */
const PATH_ID: Readonly<Record<string, string>> = { 'DELETE /dashboards/:id': DASHBOARDS.release };
const QUERY: Readonly<Record<string, string[]>> = { owner: ['alice@example.com'], tags: ['prod', 'ops'] };

/** A published body with real values in place of the placeholders, as a user of the collection fills it in. */
function filled(value: unknown, key: string, pathId: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => filled(v, key, pathId));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    const isAll = (value as Record<string, unknown>).type === 'ALL';
    for (const [k, v] of Object.entries(value)) {
      // POST bodies must not carry an id; an ALL permission has none ("not applicable").
      if (k === 'id' && ((key === '' && pathId === undefined) || isAll)) continue;
      out[k] = k === 'id' && key === '' ? pathId : filled(v, k, pathId);
    }
    return out;
  }
  if (value === '<boolean>') return key !== 'preset';
  if (value === '<integer>') return 152;
  if (value === '<string>') {
    const strings: Record<string, string> = { name: 'Filled in from the collection', owner: 'postman@example.com', timeframe: '-2h', managementZoneIds: 'default', id: 'group-1' };
    return strings[key] ?? 'postman';
  }
  return value;
}

function withRealValues(collection: Collection): Collection {
  const copy = structuredClone(collection);
  for (const item of requests(copy.item)) {
    const r = item.request as NonNullable<Item['request']>;
    const pathId = r.url.variable?.length ? (PATH_ID[keyOf(item)] ?? DASHBOARDS.backlog) : undefined;
    for (const v of r.url.variable ?? []) v.value = pathId as string;
    const seen = new Map<string, number>();
    for (const q of r.url.query ?? []) {
      const n = seen.get(q.key) ?? 0;
      seen.set(q.key, n + 1);
      q.value = (QUERY[q.key] as string[])[n] as string;
    }
    if (r.body?.raw) r.body.raw = JSON.stringify(filled(JSON.parse(r.body.raw), '', pathId), null, 2);
  }
  return copy;
}

/** The documented success of each request with real values (the collection's own response examples say which). */
function successAnswer(item: Item): Expected {
  switch (keyOf(item)) {
    case 'GET /dashboards':
      return { status: 200, body: { dashboards: [{ id: DASHBOARDS.operations, name: 'Operations overview', owner: 'alice@example.com' }] } };
    case 'POST /dashboards':
      return { status: 201, body: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Filled in from the collection' } };
    // The collection's order: GET /dashboards/:id reads the fixture; PUT /dashboards/:id (dashboardMetadata
    // shared:true, preset:false) runs before GET shareSettings, which shows it ([A] 7).
    case 'GET /dashboards/:id':
      return { status: 200, body: expect.objectContaining({ id: DASHBOARDS.backlog, dashboardMetadata: expect.objectContaining({ name: 'Team backlog' }) }) };
    case 'GET /dashboards/:id/shareSettings':
      return { status: 200, body: { id: DASHBOARDS.backlog, enabled: true, preset: false, permissions: [], publicAccess: { managementZoneIds: [], urls: {} } } };
    case 'PUT /dashboards/:dashboardId/migrate':
    case 'GET /dashboards/migrateAll':
      return NOT_EMULATED;
    default:
      // PUT /dashboards/:id (an existing dashboard: updated), DELETE, the PUT of share settings and the validators.
      return { status: 204, body: '' };
  }
}

/** Adds a newman assertion on the expected status to every request, so newman's summary counts them. */
function asserting(collection: Collection, expected: (item: Item) => Expected): Collection {
  const copy = structuredClone(collection);
  for (const item of requests(copy.item)) {
    const { status } = expected(item);
    item.event = [{ listen: 'test', script: { type: 'text/javascript', exec: [`pm.test('answers ${status}', function () { pm.response.to.have.status(${status}); });`] } }];
  }
  return copy;
}

async function runNewman(collection: Collection): Promise<newman.Summary> {
  const emulator = testEmulator();
  const server = createServer(emulator.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<newman.Summary>((resolve, reject) =>
      newman.run(
        {
          collection,
          // Environment scope beats the collection's baseUrl (https://{{DT_HOST}}/api/config/v1).
          envVar: [
            { key: 'baseUrl', value: `http://127.0.0.1:${port}/api/config/v1` },
            { key: 'DT_TOKEN', value: TOKENS.readWrite },
          ],
          reporters: ['cli'],
          color: 'off',
        },
        (error, summary) => (error ? reject(error) : resolve(summary)),
      ),
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function answers(summary: newman.Summary): { request: string; status: number | undefined; body: unknown }[] {
  return summary.run.executions.map((e) => {
    const text = e.response?.stream?.toString('utf8') ?? '';
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // an empty (204) body stays ''
    }
    return { request: `${e.request.method} ${e.request.url.toString().replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`, status: e.response?.code, body };
  });
}

const items = requests(published.item);

test('the collection holds the 12 dashboard requests, migrate and migrateAll among them', () => {
  expect(items.map(keyOf).sort()).toEqual(
    [
      'DELETE /dashboards/:id',
      'GET /dashboards',
      'GET /dashboards/:id',
      'GET /dashboards/:id/shareSettings',
      'GET /dashboards/migrateAll',
      'POST /dashboards',
      'POST /dashboards/:id/shareSettings/validator',
      'POST /dashboards/:id/validator',
      'POST /dashboards/validator',
      'PUT /dashboards/:dashboardId/migrate',
      'PUT /dashboards/:id',
      'PUT /dashboards/:id/shareSettings',
    ].sort(),
  );
});

test('as published: each placeholder request gets the answer the real API gives such input, in the ErrorEnvelope', async () => {
  const summary = await runNewman(asserting(published, publishedAnswer));
  const got = answers(summary);
  expect(got.map((a) => ({ request: a.request, status: a.status, body: a.body }))).toEqual(
    items.map((item, i) => ({ request: (got[i] as { request: string }).request, ...publishedAnswer(item) })),
  );
  expect(got.map((a) => a.request)).toContain('PUT /api/config/v1/dashboards/%3Cstring%3E/shareSettings');
  expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
});

test('with real values: each request gets its documented success (migration: 501 on purpose)', async () => {
  const filledIn = withRealValues(published);
  const summary = await runNewman(asserting(filledIn, successAnswer));
  const got = answers(summary);
  expect(got.map((a) => ({ request: a.request, status: a.status, body: a.body }))).toEqual(
    items.map((item, i) => ({ request: (got[i] as { request: string }).request, ...successAnswer(item) })),
  );
  expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
  // Each success is one the collection documents for that request; only the migrations differ, deliberately.
  for (const item of items) {
    const documented = (item.response ?? []).map((r) => r.code).filter((c) => c < 300);
    const { status } = successAnswer(item);
    if (status === 501) expect(documented).toEqual([200]);
    else expect(documented).toContain(status);
  }
});
