// One end-to-end script run through every Node SDK generation the npm registry serves: @luzmo/nodejs-sdk 2.1.1
// and 1.3.0 (axios) and the legacy cumulio 1.1.0 and 1.0.1 (request-promise). Create a dashboard, look up a
// locale, create a share with associations, get it with includes, dissociate, delete; on a real port.
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { USERS } from './luzmo-fixtures';

/** What the script uses, the same surface in every generation. */
interface LuzmoClient {
  create(resource: string, properties: object, associations?: { role: string; id: string }[]): Promise<Record<string, unknown>>;
  get(resource: string, filter?: object): Promise<{ count: number; rows: Record<string, unknown>[] }>;
  update(resource: string, id: string, properties: object): Promise<Record<string, unknown>>;
  dissociate(resource: string, id: string, association: { role: string; id: string }): Promise<unknown>;
  delete(resource: string, id: string, properties?: object): Promise<unknown>;
}
type ClientConstructor = new (options: { api_key: string; api_token: string; host: string; port: string }) => LuzmoClient;

// The packages are installed side by side under npm aliases; the two cumulio versions ship no types. Each is
// loaded in its own module registry: both cumulio copies patch the one hoisted `request` module otherwise.
function load(name: string): ClientConstructor {
  let client: ClientConstructor | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    client = require(name) as ClientConstructor;
  });
  return client as ClientConstructor;
}

const GENERATIONS: [string, string][] = [
  ['@luzmo/nodejs-sdk 2.1.1', '@luzmo/nodejs-sdk'],
  ['@luzmo/nodejs-sdk 1.3.0', 'luzmo-sdk-1'],
  ['cumulio 1.1.0', 'cumulio-1-1'],
  ['cumulio 1.0.1', 'cumulio-1-0'],
];

let server: RunningServer;
let emulator: ReturnType<typeof testEmulator>;

beforeEach(async () => {
  emulator = testEmulator();
  server = await listen(emulator.app, 0, '127.0.0.1');
});
afterEach(async () => {
  await server.close(1000);
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (reason) {
    return reason;
  }
  throw new Error('expected the SDK call to reject');
}

test.each(GENERATIONS)('%s: dashboard, share with associations, get with includes, dissociate, delete', async (_name, packageName) => {
  const Client = load(packageName);
  const sdk = new Client({ api_key: USERS.olivia.key, api_token: USERS.olivia.token, host: 'http://127.0.0.1', port: String(server.port) });

  const dashboard = await sdk.create('securable', { type: 'dashboard', name: { en: 'Fleet' } });
  expect(dashboard).toMatchObject({ id: expect.any(String), type: 'dashboard', name: { en: 'Fleet' } });
  const mine = await sdk.get('securable', { where: { id: dashboard.id } });
  expect(mine.count).toBe(1);
  const locale = (await sdk.get('locale', { where: { id: 'fr' } })).rows[0] as { id: string };
  const me = (await sdk.get('user', { where: { id: USERS.olivia.id }, attributes: ['id', 'name'] })).rows[0];
  expect(me).toEqual({ id: USERS.olivia.id, name: 'Olivia Owner' });

  // Every generation creates, then sends the association LINKs in parallel, then resolves with the share.
  const share = await sdk.create('share', {}, [
    { role: 'Securables', id: dashboard.id as string },
    { role: 'Locales', id: locale.id },
  ]);
  expect(share).toMatchObject({ id: expect.stringMatching(/^[a-z0-9]{16}$/), user_id: USERS.olivia.id });
  const shareId = share.id as string;

  const got = await sdk.get('share', { where: { id: shareId }, include: [{ model: 'Securable', attributes: ['id', 'name'] }, { model: 'Locale' }, { model: 'User', attributes: ['email'] }] });
  expect(got.rows).toEqual([
    expect.objectContaining({
      id: shareId,
      securable_id: dashboard.id,
      locale_id: 'fr',
      securable: { id: dashboard.id, name: { en: 'Fleet' } },
      locale: { id: 'fr', name: 'French' },
      user: { email: 'olivia@example.com' },
    }),
  ]);

  expect(await sdk.dissociate('share', shareId, { role: 'Locales', id: 'fr' })).toEqual({ code: 200 });
  expect((await sdk.get('share', { where: { id: shareId } })).rows[0]).toMatchObject({ locale_id: null, securable_id: dashboard.id });

  // Errors reach the caller as the parsed Luzmo error body in every generation.
  expect(await rejection(sdk.update('share', shareId, { date: '2025-01-01T00:00:00Z' }))).toEqual({ type: { code: 400, description: 'Bad Request' }, message: "Action 'update' not found" });

  expect(await sdk.delete('share', shareId)).toEqual({ code: 200 });
  expect(await sdk.get('share', { where: { id: shareId } })).toEqual({ count: 0, rows: [] });
  expect(await sdk.delete('securable', dashboard.id as string)).toEqual({ code: 200 });
  expect((await sdk.get('securable', { where: { id: dashboard.id } })).count).toBe(0);

  // The same wire protocol: one verb per action, whatever the generation.
  expect([...new Set(emulator.exchanges.map((e) => `${e.method} ${e.operationId}`))].sort()).toEqual(
    [
      'DELETE deleteSecurable',
      'DELETE deleteShare',
      'LINK associateShare',
      'PATCH share',
      'POST createSecurable',
      'POST createShare',
      'SEARCH searchLocale',
      'SEARCH searchSecurable',
      'SEARCH searchShare',
      'SEARCH searchUser',
      'UNLINK dissociateShare',
    ].sort(),
  );
});
