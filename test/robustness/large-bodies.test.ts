// Bodies far under BODY_LIMIT but of hostile shape: every vendor answers in its own envelope with a
// bounded number of violations and a small error body (a 200 KB DESK body of empty objects was a 500).
import request from 'supertest';
import { testEmulator } from '../support/emulator';
import { VIOLATION_LIMITS } from '../../src/core/validation/bounded-check';
import { DEFAULT_BODY_LIMIT } from '../../src/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { DASHBOARDS as EC, BASE, KEYS, key } from '../energycap/energycap-fixtures';
import { USERS } from '../luzmo/luzmo-fixtures';

let app: ReturnType<typeof testEmulator>['app'];
beforeAll(() => {
  app = testEmulator().app;
});

/** The largest count of `item` whose JSON array, inside `wrap`, stays under the body limit. */
function widest(item: unknown, wrap: (items: unknown[]) => unknown): string {
  const per = JSON.stringify(item).length + 1;
  const overhead = JSON.stringify(wrap([])).length;
  const n = Math.floor((DEFAULT_BODY_LIMIT - overhead - 16) / per);
  const text = JSON.stringify(wrap(new Array(n).fill(item)));
  expect(text.length).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT);
  return text;
}

const deskShare = (permissions: unknown[]) => ({ id: DESK.backlog, enabled: true, permissions, publicAccess: { managementZoneIds: [] } });

test.each([
  ['~200 KB', 70_000],
  ['~100 KB', 34_000],
  ['~3 KB', 1_000],
])('DESK: a %s body of empty permission objects is a 400 "Constraints violated." with at most the capped violations', async (_label, n) => {
  const res = await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .set('content-type', 'application/json')
    .send(JSON.stringify(deskShare(new Array(n).fill({}))));
  expect(res.status).toBe(400);
  expect(res.body.error.message).toBe('Constraints violated.');
  const violations = res.body.error.constraintViolations as { path: string; message: string }[];
  expect(violations.length).toBeGreaterThan(0);
  expect(violations.length).toBeLessThanOrEqual(VIOLATION_LIMITS.maxViolations);
  expect(violations[0]).toEqual({ path: 'permissions[0].permission', message: 'may not be null', parameterLocation: 'PAYLOAD_BODY', location: null });
  expect(res.text.length).toBeLessThan(32 * 1024);
});

test('DESK: a body of empty objects up to the body limit is answered with its first violation', async () => {
  const res = await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .set('content-type', 'application/json')
    .send(widest({}, deskShare));
  expect(res.status).toBe(400);
  expect(res.body.error.constraintViolations).toHaveLength(1);
});

test('DESK: up to the limit of wrong enum values is one "Could not map JSON" naming the first in the text', async () => {
  const res = await request(app)
    .put(`${base()}/dashboards/${DESK.backlog}/shareSettings`)
    .set(auth(TOKENS.readWrite))
    .set('content-type', 'application/json')
    .send(widest({ id: 'u', type: 'USER', permission: 'OWN' }, deskShare));
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/^Could not map JSON at 'permissions\[0\]\.permission' near line 1 column \d+$/);
});

test('EnergyCAP: a share body with an array of wrong values up to the limit is a 400 in its envelope', async () => {
  const res = await request(app)
    .put(`${BASE}/dashboard/${EC.samPrivate}/share`)
    .set(key(KEYS.sam))
    .set('content-type', 'application/json')
    .send(widest('x', (ids) => ({ sharedWithEveryone: false, sharedUserIds: ids, sharedUserGroupIds: [] })));
  expect(res.status).toBe(400);
  expect(Object.keys(res.body)).toEqual(['message']);
});

test('Luzmo: a create with an association list of empty objects up to the limit is a 400 in its envelope', async () => {
  const res = await request(app)
    .post('/0.1.0/share')
    .set('content-type', 'application/json')
    .send(widest({}, (associations) => ({ action: 'create', properties: {}, associations, key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' })));
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ type: { code: 400 } });
});

test('PUT /_emulator/state: a document of 200,000 broken users is refused with a capped list of problems', async () => {
  const users = new Array(200_000).fill({ id: 1 });
  const res = await request(app).put('/_emulator/state?vendor=luzmo').set('content-type', 'application/json').send(JSON.stringify({ users }));
  expect(res.status).toBe(400);
  expect(res.body.details.length).toBeGreaterThan(0);
  expect(res.body.details.length).toBeLessThanOrEqual(VIOLATION_LIMITS.maxViolations);
});
