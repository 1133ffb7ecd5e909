// One journal entry by its request id, and the journal as HAR 1.2: valid against the HAR schemas
// (har-schema, checked by Ajv), credentials masked, each entry carrying the emulator's own facts.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import harSchemas from 'har-schema';
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, TOKENS, auth, base } from '../desk/desk-fixtures';
import { USERS, rpc } from '../luzmo/luzmo-fixtures';

function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft6);
  for (const schema of Object.values(harSchemas as Record<string, object>)) ajv.addSchema(schema);
  return ajv.getSchema('har.json#');
}

let app: ReturnType<typeof testEmulator>['app'];
beforeEach(() => {
  app = testEmulator().app;
});

test('GET /_emulator/requests/{id} is the entry a response named in x-emulator-request-id', async () => {
  const sent = await request(app).get(`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`).set(auth(TOKENS.readOnly)).expect(200);
  const id = sent.headers['x-emulator-request-id'] as string;
  const res = await request(app).get(`/_emulator/requests/${id}`).expect(200);
  expect(res.body).toMatchObject({ id, vendor: 'desk', operationId: 'getDashboardShareSettings', status: 200, request: { headers: { authorization: 'Api-Token ***' } } });
});

test('an id the journal does not hold (or holds for another namespace) is a 404 in the control envelope', async () => {
  const sent = await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly)).expect(200);
  const id = sent.headers['x-emulator-request-id'] as string;
  expect((await request(app).get('/_emulator/requests/nope-1')).body).toEqual({ error: 'No request nope-1 in the journal of namespace default (never made here, or already evicted)' });
  const elsewhere = await request(app).get(`/_emulator/requests/${id}`).set('x-emulator-namespace', 'other');
  expect(elsewhere.status).toBe(404);
});

test('?format=har is a HAR 1.2 log the HAR schema accepts, credentials masked, bodies as text', async () => {
  await request(app).get(`${base()}/dashboards?owner=x&api-token=${TOKENS.readOnly}`).expect(200);
  await rpc(app, { action: 'get', find: {} }, USERS.olivia).expect(200);
  await request(app).put(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`).set(auth(TOKENS.readWrite)).send({ enabled: 'maybe' }).expect(400);
  const res = await request(app).get('/_emulator/requests?format=har').expect(200);
  const validate = harValidator();
  expect(validate).toBeDefined();
  const valid = validate?.(res.body);
  expect(validate?.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  interface HarEntry {
    request: { url: string; queryString: { name: string; value: string }[]; postData: { text: string } };
    response: Record<string, unknown>;
    _emulator: Record<string, unknown>;
  }
  const { log } = res.body as { log: { creator: { name: string }; entries: HarEntry[] } };
  expect(log.creator.name).toBe('share-emulator');
  expect(log.entries).toHaveLength(3);
  const [list, luzmo, rejected] = log.entries as [HarEntry, HarEntry, HarEntry];
  expect(list.request.url).toMatch(/^http:\/\/[^/]+\/api\/config\/v1\/dashboards\?owner=x&api-token=\*\*\*$/);
  expect(list.request.queryString).toEqual([{ name: 'owner', value: 'x' }, { name: 'api-token', value: '***' }]);
  expect(list._emulator).toMatchObject({ vendor: 'desk', operationId: 'getDashboards', validation: 'passed' });
  expect(JSON.parse(luzmo.request.postData.text)).toMatchObject({ key: '***', token: '***' });
  expect(rejected.response).toMatchObject({ status: 400, statusText: 'Bad Request', content: { mimeType: expect.stringMatching(/^application\/json/) } });
  expect(rejected._emulator.validation).toBe('rejected');
  expect(JSON.stringify(res.body)).not.toContain(TOKENS.readOnly);
});

test('a HAR that breaks the schema is caught by the check (the check can fail)', () => {
  const validate = harValidator();
  expect(validate?.({ log: { version: '1.2', creator: { name: 'x' }, entries: [{}] } })).toBe(false);
});
