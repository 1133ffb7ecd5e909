// Every operation that documents a 429 answers it once its caller is over the limit, in its vendor's own
// envelope: the specs' operation tables are walked, so a new operation is swept as soon as it is documented.
import request from 'supertest';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock';
import { loadSpec } from '../../src/core/spec/load-spec';
import { buildOperationTable } from '../../src/core/spec/operation-table';
import type { Operation } from '../../src/core/spec/operation-table';
import { BUILT_IN_SPECS } from '../../src/paths';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { BASE, KEYS, key } from '../energycap/energycap-fixtures';
import { USERS } from '../luzmo/luzmo-fixtures';

const ONE_CALL = { perSecond: 1, burst: 1 };
const emulator = testEmulator({ rateLimits: { luzmo: ONE_CALL, desk: ONE_CALL, energycap: ONE_CALL }, clock: fixedClock('2026-03-01T09:00:00Z') });

interface Call {
  path: string;
  headers: Record<string, string>;
  body?: object;
}

const CALLS: Record<string, (op: Operation) => Call> = {
  desk: (op) => ({ path: base() + op.path.replace('{id}', DESK.backlog), headers: auth(TOKENS.readWrite), body: op.requestBody ? {} : undefined }),
  energycap: (op) => ({ path: BASE + op.path.replace(/\{\w+\}/g, '1'), headers: key(KEYS.ada), body: op.requestBody ? {} : undefined }),
  luzmo: (op) => ({ path: `/0.1.0/${op.operationId}`, headers: {}, body: { action: 'get', key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' } }),
};

const ENVELOPES: Record<string, (body: unknown) => void> = {
  desk: (body) => expect(body).toEqual({ error: { code: 429, message: expect.stringMatching(/^token dt0c01\.abc12345\.\*\*\*\* made \d+ calls in 1 s/) } }),
  energycap: (body) => expect(body).toEqual({ message: expect.stringMatching(/^user aadmin made \d+ calls in 1 s/) }),
  luzmo: (body) => expect(body).toEqual({ type: { code: 429, description: 'Too Many Requests' }, message: expect.stringMatching(/^API key key-\*\*\*\* made \d+ calls/) }),
};

function send(op: Operation, call: Call): request.Test {
  let t = request(emulator.app)[op.method.toLowerCase() as 'get'](call.path);
  for (const [name, value] of Object.entries(call.headers)) t = t.set(name, value);
  return call.body === undefined ? t : t.set('content-type', 'application/json').send(JSON.stringify(call.body));
}

const cases: [string, Operation][] = [];
for (const vendor of Object.keys(CALLS)) {
  const table = buildOperationTable(vendor, loadSpec(join(BUILT_IN_SPECS, `${vendor}.openapi.yaml`)));
  for (const op of table.operations) if (op.responses.has('429')) cases.push([vendor, op]);
}

test('every vendor operation documents the 429', () => {
  expect(cases.map(([vendor]) => vendor).sort()).toEqual(expect.arrayContaining(['desk', 'energycap', 'luzmo']));
  expect(cases.length).toBeGreaterThan(20);
});

test.each(cases.map(([vendor, op]) => [vendor, op.operationId, op] as const))('%s %s -> 429 over the limit', async (vendor, _id, op) => {
  const call = (CALLS[vendor] as (op: Operation) => Call)(op);
  // The first call of the sweep spends the caller's one-call burst; the clock never moves, so every later call is over.
  let res = await send(op, call);
  if (res.status !== 429) res = await send(op, call);
  expect(res.status).toBe(429);
  expect(res.headers['retry-after']).toBe('1');
  (ENVELOPES[vendor] as (body: unknown) => void)(res.body);
});
