// Property-style checks with json-schema-faker (seeded): bodies generated from every operation's schema
// must pass validation (ending in success or a documented domain error, never a schema rejection), and the
// same bodies broken one place at a time must each get the vendor's validation error in its envelope.
import request from 'supertest';
import { JSONSchemaFaker } from 'json-schema-faker';
import type { Operation } from '../../src/core/spec/operation-table';
import type { JsonSchema } from '../../src/core/spec/openapi';
import { testEmulator } from '../support/emulator';
import { MutationFinder, mutate } from '../support/mutations';
import { seeded } from '../support/prng';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { KEYS } from '../energycap/energycap-fixtures';
import { USERS } from '../luzmo/luzmo-fixtures';

const SAMPLES = 12;
const emulator = testEmulator();
const runtimes = new Map(emulator.runtimes.map((r) => [r.name, r]));

/** How to send a body to an operation: the harness supplies what a client legitimately knows. */
interface Target {
  vendor: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Fills in ids and credentials the generator cannot know. */
  adapt(body: Record<string, unknown>): Record<string, unknown>;
  protectedKeys?: string[];
}

const luzmoCreds = { key: USERS.olivia.key, token: USERS.olivia.token, version: '0.1.0' };
const luzmo = (action: string, resource = 'share'): Target => ({
  vendor: 'luzmo',
  method: 'POST',
  path: `/0.1.0/${resource}`,
  headers: {},
  adapt: (b) => ({ ...b, action, ...luzmoCreds }),
  protectedKeys: ['action', 'key', 'token', 'version'],
});
const deskRw = auth(TOKENS.readWrite);
const sharePath = `${base()}/dashboards/${DESK.backlog}/shareSettings`;
const withoutId = ({ id: _id, ...rest }: Record<string, unknown>) => rest;

const TARGETS: Record<string, Target> = {
  createDashboard: { vendor: 'desk', method: 'POST', path: `${base()}/dashboards`, headers: deskRw, adapt: withoutId },
  validateCreateDashboard: { vendor: 'desk', method: 'POST', path: `${base()}/dashboards/validator`, headers: deskRw, adapt: withoutId },
  createOrUpdateDashboard: { vendor: 'desk', method: 'PUT', path: `${base()}/dashboards/${DESK.backlog}`, headers: deskRw, adapt: (b) => ({ ...b, id: DESK.backlog }) },
  validateCreateOrUpdateDashboard: { vendor: 'desk', method: 'POST', path: `${base()}/dashboards/${DESK.backlog}/validator`, headers: deskRw, adapt: (b) => ({ ...b, id: DESK.backlog }) },
  updateDashboardShareSettings: { vendor: 'desk', method: 'PUT', path: sharePath, headers: deskRw, adapt: (b) => ({ ...b, id: DESK.backlog }) },
  validateDashboardShareSettings: { vendor: 'desk', method: 'POST', path: `${sharePath}/validator`, headers: deskRw, adapt: (b) => ({ ...b, id: DESK.backlog }) },
  CreateDashboardV3: { vendor: 'energycap', method: 'POST', path: '/api/v3/dashboard', headers: { 'ECI-ApiKey': KEYS.ada }, adapt: (b) => b },
  EditDashboardShareV3: { vendor: 'energycap', method: 'PUT', path: '/api/v3/dashboard/100/share', headers: { 'ECI-ApiKey': KEYS.sam }, adapt: (b) => b },
  createShare: luzmo('create'),
  searchShare: luzmo('get'),
  deleteShare: luzmo('delete'),
  associateShare: luzmo('associate'),
  dissociateShare: luzmo('dissociate'),
  createSecurable: luzmo('create', 'securable'),
  searchSecurable: luzmo('get', 'securable'),
  updateSecurable: luzmo('update', 'securable'),
  deleteSecurable: luzmo('delete', 'securable'),
  searchLocale: luzmo('get', 'locale'),
  searchUser: luzmo('get', 'user'),
};

const bodyOperations: [string, Operation][] = [...runtimes.values()].flatMap((r) =>
  [...r.table.byId.values()].filter((op) => op.requestBody?.schema && !op.dispatch).map((op): [string, Operation] => [r.name, op]),
);

test('every operation with a request body has a target here', () => {
  expect(bodyOperations.map(([, op]) => op.operationId).sort()).toEqual(Object.keys(TARGETS).sort());
});

/** `full`: every optional field filled too, which gives the mutations more places to break. */
async function generate(vendor: string, op: Operation, seed: number, full = false): Promise<Record<string, unknown>[]> {
  const components = runtimes.get(vendor)?.spec.components ?? {};
  JSONSchemaFaker.option({ random: seeded(seed), alwaysFakeOptionals: full, maxItems: 3, maxLength: 48, fillProperties: false });
  const bodies: Record<string, unknown>[] = [];
  for (let i = 0; i < SAMPLES; i++) bodies.push((await JSONSchemaFaker.resolve({ ...(op.requestBody?.schema as object), components } as never)) as Record<string, unknown>);
  return bodies;
}

async function send(target: Target, body: unknown) {
  const res = await request(emulator.app)[target.method.toLowerCase() as 'post'](target.path).set(target.headers).set('content-type', 'application/json').send(JSON.stringify(body));
  const exchange = emulator.exchanges.at(-1);
  return { res, exchange };
}

describe.each(Object.entries(TARGETS))('%s', (operationId, target) => {
  const op = runtimes.get(target.vendor)?.table.byId.get(operationId) as Operation;
  const documented = [...op.responses.keys()];

  test(`${SAMPLES} generated valid bodies pass validation and end in a documented status`, async () => {
    const bodies = await generate(target.vendor, op, operationId.length * 7919);
    for (const generated of bodies) {
      const body = target.adapt(generated);
      const { res, exchange } = await send(target, body);
      const context = `${JSON.stringify(body).slice(0, 300)} -> ${res.status} ${res.text.slice(0, 200)}`;
      expect([exchange?.validation?.outcome, context]).toEqual(['passed', context]);
      expect(documented).toContain(String(res.status));
    }
  });

  test('each one-place mutation of them gets the vendor validation error', async () => {
    const components = (runtimes.get(target.vendor)?.spec.components?.schemas ?? {}) as Record<string, JsonSchema>;
    const finder = new MutationFinder(components, target.protectedKeys);
    const bodies = await generate(target.vendor, op, operationId.length * 104729, true);
    const pick = seeded(operationId.length);
    let sent = 0;
    for (const generated of bodies) {
      const body = target.adapt(generated);
      const mutations = finder.find(body, op.requestBody?.schema as JsonSchema);
      for (const kind of ['remove-required', 'wrong-type', 'outside-enum', 'extra-nesting'] as const) {
        const candidates = mutations.filter((m) => m.kind === kind);
        if (candidates.length === 0) continue;
        const mutation = candidates[Math.floor(pick() * candidates.length)] as (typeof candidates)[number];
        const broken = mutate(body, mutation);
        const { res, exchange } = await send(target, broken);
        const context = `${kind} at ${mutation.path.join('.')}: ${JSON.stringify(broken).slice(0, 300)} -> ${res.status} ${res.text.slice(0, 200)}`;
        expect([res.status, exchange?.validation?.outcome, context]).toEqual([400, 'rejected', context]);
        sent++;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(SAMPLES);
  });
});
