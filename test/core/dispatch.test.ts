// The core's dispatch contract, through the exported createEmulator: every spec operation resolves to a
// handler or a deliberate 501, a thrown surprise becomes the vendor's own 500 (logged with the request
// id), and the coverage check names handlers without operations and operations without handlers.
import request from 'supertest';
import { createEmulator } from '../../src/emulator';
import type { LogSink } from '../../src/core/log';
import { createLogger } from '../../src/core/log';
import { VENDORS } from '../../src/vendors';
import { desk } from '../../src/vendors/desk';
import { DASHBOARDS, TOKENS, auth, base } from '../desk/desk-fixtures';

test('every built-in vendor: each handler has an operation, each operation a handler or a 501 entry', () => {
  const { runtimes } = createEmulator({ logger: createLogger('silent') });
  expect(runtimes.map((r) => r.name)).toEqual(VENDORS.map((v) => v.name));
  for (const runtime of runtimes) {
    // Validators compile lazily at run time; compile them all here so a schema that cannot compile fails CI.
    expect(() => runtime.compileAll()).not.toThrow();
    expect({ vendor: runtime.name, ...runtime.coverage() }).toEqual({ vendor: runtime.name, handlersWithoutOperation: [], operationsWithoutHandler: [] });
  }
});

test('the coverage check names what is missing and what is extra', () => {
  const { getDashboard: misspelled, ...rest } = desk.handlers;
  if (!misspelled) throw new Error('desk has no getDashboard handler');
  const broken = { ...desk, handlers: { ...rest, getDashbord: misspelled } };
  const { runtimes } = createEmulator({ logger: createLogger('silent'), vendorModules: [broken] });
  expect(runtimes[0]?.coverage()).toEqual({ handlersWithoutOperation: ['getDashbord'], operationsWithoutHandler: ['getDashboard'] });
});

test('an operation marked not implemented answers 501 in the vendor envelope', async () => {
  const { getDashboard: _dropped, ...rest } = desk.handlers;
  const partial = { ...desk, handlers: rest, notImplemented: { getDashboard: 'getDashboard is not emulated in this build' } };
  const { app } = createEmulator({ logger: createLogger('silent'), vendorModules: [partial] });
  const res = await request(app).get(`${base()}/dashboards/${DASHBOARDS.backlog}`).set(auth(TOKENS.readOnly));
  expect(res.status).toBe(501);
  expect(res.body).toEqual({ error: { code: 501, message: 'getDashboard is not emulated in this build' } });
});

test('an unexpected exception is the vendor 500, logged with the request id', async () => {
  const lines: string[] = [];
  const sink: LogSink = { write: (text: string) => lines.push(text) };
  const logger = createLogger('error', sink);
  const exploding = {
    ...desk,
    handlers: {
      ...desk.handlers,
      getDashboards: () => {
        throw new Error('kaboom');
      },
    },
  };
  const { app } = createEmulator({ logger, vendorModules: [exploding] });
  const res = await request(app).get(`${base()}/dashboards`).set(auth(TOKENS.readOnly));
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: { code: 500, message: 'Internal Server Error' } });
  await logger.close();
  const id = res.headers['x-emulator-request-id'];
  expect(id).toBeTruthy();
  expect(lines.join('')).toContain(`ERROR ${id} unexpected error in desk GET ${base()}/dashboards: Error: kaboom`);
});
