// The official Luzmo Node SDK (2.1.1) against the emulator on a real port: every share action, success and
// failure, exactly as the SDK sends them (POST, SEARCH, DELETE, LINK, UNLINK), including create with
// associations, which 2.1.1 sends as a create followed by parallel LINK calls.
import Luzmo from '@luzmo/nodejs-sdk';
import type { RunningServer } from '../../src/server';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS, SHARES, USERS } from './luzmo-fixtures';
import type { Caller } from './luzmo-fixtures';

let server: RunningServer;
let emulator: ReturnType<typeof testEmulator>;

beforeEach(async () => {
  emulator = testEmulator();
  server = await listen(emulator.app, 0, '127.0.0.1');
});
afterEach(async () => {
  await server.close(1000);
});

function client(caller: Caller = USERS.olivia, extra: Record<string, string> = {}): Luzmo {
  return new Luzmo({ api_key: caller.key, api_token: caller.token, host: 'http://127.0.0.1', port: String(server.port), ...extra });
}

/** The SDK rejects with the parsed error body (not an Error) for JSON errors, and with a Buffer for text ones. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (reason) {
    return reason;
  }
  throw new Error('expected the SDK call to reject');
}

const methodsSeen = () => emulator.exchanges.map((e) => `${e.method} ${e.operationId}`);

test('the full lifecycle: create -> get -> associate -> get -> dissociate -> delete -> get', async () => {
  const sdk = client();
  const share = await sdk.create('share', {});
  expect(share).toMatchObject({ id: expect.stringMatching(/^[a-z0-9]{16}$/), securable_id: null, locale_id: null, user_id: USERS.olivia.id });

  expect(await sdk.get('share', { where: { id: share.id } })).toEqual({ count: 1, rows: [share] });
  expect(await sdk.associate('share', share.id, { role: 'Securables', id: DASHBOARDS.sales }, undefined)).toEqual({ code: 200 });
  expect(await sdk.associate('share', share.id, { role: 'Locales', id: 'nl' }, undefined)).toEqual({ code: 200 });
  const linked = await sdk.get('share', { where: { id: share.id }, include: [{ model: 'Securable', attributes: ['name'] }, { model: 'Locale' }] });
  expect(linked.rows[0]).toMatchObject({ securable_id: DASHBOARDS.sales, locale_id: 'nl', securable: { name: { en: 'Sales overview' } }, locale: { id: 'nl' } });

  expect(await sdk.dissociate('share', share.id, { role: 'Locales', id: 'nl' })).toEqual({ code: 200 });
  expect(await sdk.dissociate('share', share.id, { role: 'Securables', id: DASHBOARDS.sales })).toEqual({ code: 200 });
  expect((await sdk.get('share', { where: { id: share.id } })).rows[0]).toMatchObject({ securable_id: null, locale_id: null });
  expect(await sdk.delete('share', share.id, undefined)).toEqual({ code: 200 });
  expect(await sdk.get('share', { where: { id: share.id } })).toEqual({ count: 0, rows: [] });

  expect(methodsSeen()).toEqual([
    'POST createShare',
    'SEARCH searchShare',
    'LINK associateShare',
    'LINK associateShare',
    'SEARCH searchShare',
    'UNLINK dissociateShare',
    'UNLINK dissociateShare',
    'SEARCH searchShare',
    'DELETE deleteShare',
    'SEARCH searchShare',
  ]);
});

test('create with associations: a create, then parallel LINK calls, resolving with the created share', async () => {
  const sdk = client();
  for (let round = 0; round < 5; round++) {
    const share = await sdk.create('share', {}, [
      { role: 'Securables', id: DASHBOARDS.sales },
      { role: 'Locales', id: 'en' },
    ]);
    expect(share.id).toMatch(/^[a-z0-9]{16}$/);
    const stored = await sdk.get('share', { where: { id: share.id } });
    expect(stored.rows[0]).toMatchObject({ securable_id: DASHBOARDS.sales, locale_id: 'en' });
  }
  expect(methodsSeen().filter((m) => m === 'LINK associateShare')).toHaveLength(10);
});

test('get without a filter (2.1.1 sends no find) and with the capture from the research', async () => {
  const sdk = client(USERS.victor);
  const all = await sdk.get('share', undefined);
  expect(all.count).toBe(2);
  const captured = await sdk.get('share', {
    where: { id: SHARES.salesFr },
    attributes: ['id', 'securable_id'],
    include: [{ model: 'Securable', attributes: ['name'] }, { model: 'Locale' }],
    order: [['created_at', 'desc']],
    limit: 10,
    offset: 0,
  });
  expect(captured.rows).toEqual([
    { id: SHARES.salesFr, securable_id: DASHBOARDS.sales, securable: { name: { en: 'Sales overview', fr: 'Aperçu des ventes' } }, locale: { id: 'fr', name: 'French' } },
  ]);
});

test('bad credentials: the SDK rejects with the 401 body', async () => {
  const reason = await rejection(client({ key: 'nope', token: 'nope' }).get('share', {}));
  expect(reason).toEqual({ type: { code: 401, description: 'Unauthorized' }, message: 'Invalid API key or token.' });
});

test('unknown ids: 404 bodies for the share, the dashboard and the locale', async () => {
  const sdk = client();
  expect(await rejection(sdk.delete('share', 'zzzzzzzzzzzzzzzz', undefined))).toEqual({ type: { code: 404, description: 'Not Found' }, message: 'Share zzzzzzzzzzzzzzzz not found.' });
  const share = await sdk.create('share', {});
  expect(await rejection(sdk.associate('share', share.id, { role: 'Securables', id: 'no-such-dashboard' }, undefined))).toMatchObject({ type: { code: 404 } });
  await sdk.associate('share', share.id, { role: 'Securables', id: DASHBOARDS.sales }, undefined);
  expect(await rejection(sdk.associate('share', share.id, { role: 'Locales', id: 'tlh' }, undefined))).toMatchObject({ type: { code: 404 }, message: 'Locale tlh not found.' });
});

test('forbidden associations: 403 bodies', async () => {
  const victor = client(USERS.victor);
  const share = await victor.create('share', {});
  expect(await rejection(victor.associate('share', share.id, { role: 'Securables', id: DASHBOARDS.sales }, undefined))).toEqual({
    type: { code: 403, description: 'Forbidden' },
    message: `You must own dashboard ${DASHBOARDS.sales} to share it.`,
  });
  expect(await rejection(client().associate('share', share.id, { role: 'Securables', id: DASHBOARDS.sales }, undefined))).toMatchObject({ type: { code: 403 } });
  // A failing LINK makes 2.1.1's create-with-associations reject as a whole.
  expect(await rejection(victor.create('share', {}, [{ role: 'Securables', id: DASHBOARDS.finance }]))).toMatchObject({ type: { code: 403 } });
});

test('dissociate and get failures: 404 for a link that does not exist, 400 for a find the API cannot answer', async () => {
  const sdk = client();
  expect(await rejection(sdk.dissociate('share', SHARES.salesFr, { role: 'Securables', id: DASHBOARDS.finance }))).toEqual({
    type: { code: 404, description: 'Not Found' },
    message: `Share ${SHARES.salesFr} is not associated with dashboard ${DASHBOARDS.finance}.`,
  });
  expect(await rejection(client(USERS.victor).dissociate('share', SHARES.salesFr, { role: 'Locales', id: 'fr' }))).toMatchObject({ type: { code: 403 } });
  expect(await rejection(sdk.get('share', { where: { colour: 'red' } }))).toEqual({
    type: { code: 400, description: 'Bad Request' },
    message: "Unknown share attribute 'colour' in find.where.",
  });
  expect(await rejection(sdk.get('share', { limit: -5 }))).toMatchObject({ type: { code: 400 }, validation: { 'find.limit': ['must be >= 0'] } });
});

test('an unknown action (update is not supported on shares): 400 body', async () => {
  expect(await rejection(client().update('share', SHARES.salesFr, { date: '2025-01-01T00:00:00Z' }))).toEqual({
    type: { code: 400, description: 'Bad Request' },
    message: "Action 'update' not found",
  });
  expect(emulator.exchanges.at(-1)?.method).toBe('PATCH');
});

test('a wrong API version: the route-not-found text, which the SDK rejects as a Buffer', async () => {
  const sdk = new Luzmo({ api_key: USERS.olivia.key, api_token: USERS.olivia.token, host: 'http://127.0.0.1', port: String(server.port), api_version: '999.999.999' } as Luzmo.Options);
  const reason = await rejection(sdk.get('share', {}));
  expect(Buffer.isBuffer(reason)).toBe(true);
  expect((reason as Buffer).toString()).toBe('Oops, this route does not exist (yet)!');
});
