// Opt-in persistence: the default namespace survives a restart through the state file, saves are
// debounced and atomic, the file is written at SIGTERM, and a file that cannot be read stops start-up
// and is left byte for byte as it was.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createEmulator } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import { testEmulator } from '../support/emulator';
import { DASHBOARDS as DESK, TOKENS, auth, base } from '../desk/desk-fixtures';
import { rpc } from '../luzmo/luzmo-fixtures';
import { runCommand, spawnEmulator, freePort, waitForHealth } from '../support/process';

jest.setTimeout(20000);

const quiet = { logger: createLogger('silent') };
const sharePath = `${base()}/dashboards/${DESK.backlog}/shareSettings`;
const shareBody = { id: DESK.backlog, enabled: true, permissions: [{ type: 'ALL', permission: 'VIEW' }], publicAccess: { managementZoneIds: ['default'] } };

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'share-emulator-state-')), 'state.json');
}

/** The file's text once it contains `text`, or whatever it holds after `timeoutMs` (a save is asynchronous). */
async function savedText(file: string, text: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const content = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (content.includes(text) || Date.now() > deadline) return content;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a change survives a restart', async () => {
  const file = tempFile();
  const first = testEmulator({ stateFile: file });
  await request(first.app).put(sharePath).set(auth(TOKENS.readWrite)).send(shareBody).expect(204);
  const created = (await rpc(first.app, { action: 'create', properties: {} })).body.id as string;
  await first.close();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('desk');

  const second = testEmulator({ stateFile: file });
  const share = await request(second.app).get(sharePath).set(auth(TOKENS.readWrite));
  expect(share.body).toMatchObject({ enabled: true, publicAccess: { managementZoneIds: ['default'] } });
  const link = share.body.publicAccess.urls.default;
  expect((await rpc(second.app, { action: 'get', find: { where: { id: created } } })).body.count).toBe(1);
  // The generated link is part of the saved state, so it is stable across restarts too.
  await second.close();
  const third = testEmulator({ stateFile: file });
  expect((await request(third.app).get(sharePath).set(auth(TOKENS.readWrite))).body.publicAccess.urls.default).toBe(link);
});

test('saves are debounced and happen without a shutdown; no temporary file is left', async () => {
  const file = tempFile();
  const emulator = testEmulator({ stateFile: file });
  expect(existsSync(file)).toBe(false);
  for (let i = 0; i < 5; i++) await request(emulator.app).put(sharePath).set(auth(TOKENS.readWrite)).send({ ...shareBody, publicAccess: { managementZoneIds: [`z${i}`] } });
  const saved = JSON.parse(await savedText(file, '"z4"'));
  expect(JSON.stringify(saved.desk)).toContain('"z4"');
  expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  await emulator.close();
});

test('reads and failed writes do not mark the state as changed', async () => {
  const file = tempFile();
  const emulator = testEmulator({ stateFile: file });
  await request(emulator.app).get(sharePath).set(auth(TOKENS.readWrite));
  await request(emulator.app).put(sharePath).set(auth(TOKENS.readWrite)).send({ id: 'x' });
  await emulator.close();
  expect(existsSync(file)).toBe(false);
});

test('the control plane changes are saved too (PUT state, reset)', async () => {
  const file = tempFile();
  const emulator = testEmulator({ stateFile: file });
  const desk = (await request(emulator.app).get('/_emulator/state?vendor=desk')).body;
  desk.environments[0].tokens.push({ token: 'persisted', scopes: ['ReadConfig'] });
  await request(emulator.app).put('/_emulator/state?vendor=desk').send(desk).expect(200);
  await emulator.close();
  const restarted = testEmulator({ stateFile: file });
  expect((await request(restarted.app).get(`${base()}/dashboards`).set(auth('persisted'))).status).toBe(200);
});

test.each([
  ['not JSON', '{"desk": {"environments": [', /cannot be read as JSON/],
  ['not an object', '[1, 2, 3]', /must hold a JSON object/],
  ['an unknown vendor', '{"tableau": {}}', /names unknown vendors: tableau/],
  ['an invalid document', '{"desk": {"environments": []}}', /Invalid desk state document: environments must NOT have fewer than 1 items/],
])('a state file that is %s stops start-up and is left byte for byte', async (_case, content, message) => {
  const file = tempFile();
  writeFileSync(file, content);
  expect(() => createEmulator({ ...quiet, stateFile: file })).toThrow(message);
  expect(readFileSync(file, 'utf8')).toBe(content);
});

test('the command refuses a corrupt state file with a clear message (exit 1) and leaves it alone', async () => {
  const file = tempFile();
  const corrupt = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x0a]);
  writeFileSync(file, corrupt);
  const { code, stderr } = await runCommand(['--port', '0', '--state-file', file]);
  expect(code).toBe(1);
  expect(stderr).toContain(`share-emulator: cannot start: state file ${file} cannot be read as JSON`);
  expect(readFileSync(file).equals(corrupt)).toBe(true);
});

test('the command saves at SIGTERM, before the debounce would have', async () => {
  const file = tempFile();
  const port = await freePort();
  const proc = spawnEmulator([], { PORT: String(port), STATE_FILE: file, LOG_LEVEL: 'warn' });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  const res = await fetch(`${url}${sharePath}`, { method: 'PUT', headers: { ...auth(TOKENS.readWrite), 'content-type': 'application/json' }, body: JSON.stringify(shareBody) });
  expect(res.status).toBe(204);
  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  expect(JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).desk)).toContain('"enabled":true');
});
