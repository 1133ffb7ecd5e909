// The core knows no vendor: its code (comments aside, where a vendor may be named as an example) holds no
// vendor name, header, method or limit; those come from each vendor module. And a vendor's own JSON depth
// limit is the one applied to its requests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createEmulator } from '../../src/emulator';
import { createLogger } from '../../src/core/log';
import { desk } from '../../src/vendors/desk';
import { DASHBOARDS, TOKENS, auth, base, shareBody } from '../desk/desk-fixtures';

const CORE = join(__dirname, '..', '..', 'src', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments (block, line and doc comments); strings stay, as they are what ships. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const VENDOR_WORDS = /desk|luzmo|energycap|eci-apikey|pagenumber|pagesize|totalpages|totalnumberofrecords|\bsearch\b|\bunlink\b|\blink\b|x-http-method-override|jackson/i;

test.each(files(CORE).map((f) => [f.slice(CORE.length + 1), f]))('src/core/%s names no vendor in its code', (_name, path) => {
  const offending = code(readFileSync(path, 'utf8'))
    .split('\n')
    .filter((line) => VENDOR_WORDS.test(line));
  expect(offending).toEqual([]);
});

test("a vendor module's JSON depth limit is the one its requests are held to", async () => {
  const shallow = { ...desk, bodyParsing: { ...desk.bodyParsing, maxJsonDepth: 8 } };
  const { app } = createEmulator({ logger: createLogger('silent'), vendorModules: [shallow] });
  const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
  // The padding keeps the text long enough that the depth scan runs (it skips texts under 2 x depth).
  const send = (depth: number) =>
    request(app)
      .put(`${base()}/dashboards/${DASHBOARDS.backlog}/shareSettings`)
      .set(auth(TOKENS.readWrite))
      .set('content-type', 'application/json')
      .send(JSON.stringify(shareBody(DASHBOARDS.backlog, { extra: nested(depth) })));
  expect((await send(6)).status).toBe(204);
  const deep = await send(9);
  expect(deep.status).toBe(400);
  expect(deep.body.error.message).toMatch(/^Could not map JSON at/);
});
