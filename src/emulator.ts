// createEmulator(options): builds the whole emulator as one request listener (CORS, the vendors' data plane,
// then Express with the control plane and a catch-all 404) with no state at import time, so tests build a
// fresh one per file.
import type { Express } from 'express';
import type createExpress from 'express';
import type { RequestListener } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from './core/clock';
import { adjustableClock, systemClock } from './core/clock';
import { createCors } from './core/cors';
import { createDataPlane, createUnclaimedHandler } from './core/data-plane';
import type { Exchange, ExchangeObserver } from './core/exchange';
import { loadFixtures } from './core/fixtures';
import { createIds } from './core/ids';
import { createMetrics } from './core/metrics';
import { Journal } from './core/journal';
import type { LogFormat, LogLevel, Logger, RequestLine } from './core/log';
import { createLogger } from './core/log';
import { DEFAULT_NAMESPACE, NamespaceRegistry } from './core/namespaces';
import { StateFile } from './core/persistence';
import { createRandom } from './core/random';
import type { RateLimitSettings } from './core/rate-limits/config';
import { RateLimiter } from './core/rate-limits/rate-limiter';
import type { VendorSettingsOverrides } from './core/settings';
import { settingsFor } from './core/settings';
import { loadSpec } from './core/spec/load-spec';
import type { OpenApiDocument } from './core/spec/openapi';
import { StateValidator } from './core/state-validator';
import { openSharedStore } from './core/store/open-shared-store';
import type { AnyVendorModule } from './core/vendor';
import { VendorRuntime } from './core/vendor-runtime';
import type { ControlDeps } from './control/context';
import { CONSOLE_PATH } from './control/console-files';
import { createControlPlane } from './control/control-plane';
import type { EventStreamLimits } from './control/event-stream';
import { DEFAULT_STREAM_LIMITS, EventStreams } from './control/event-stream';
import { BUILT_IN_FIXTURES, BUILT_IN_SPECS, packageVersion } from './paths';
import { VENDORS } from './vendors';

export interface EmulatorOptions {
  /** Folder with `<vendor>/state.json` files; vendors missing from it use the built-in fixtures. */
  fixturesDir?: string;
  logLevel?: LogLevel;
  /** text (default) or json: one JSON object a line, in pino's shape. */
  logFormat?: LogFormat;
  /** Replaces the stdout logger (tests pass a silent or capturing one). */
  logger?: Logger;
  /** Largest accepted vendor request body, in bytes (default 1 MiB, DESK's documented payload limit). */
  bodyLimitBytes?: number;
  /** Largest accepted control-plane body (state imports), in bytes (default 64 MiB). */
  controlBodyLimitBytes?: number;
  /** Seeds generated ids and tokens so that a run can be repeated exactly. */
  seed?: number;
  /** The base of the emulator's clock (default the system clock); POST /_emulator/clock moves it forward. */
  clock?: Clock;
  /** Vendors whose documented rate limits apply, e.g. { luzmo: {}, desk: { perSecond: 5, burst: 20 } } (default none). */
  rateLimits?: RateLimitSettings;
  /** How many namespaces (besides the default one) are kept before the least recently used is dropped. */
  maxNamespaces?: number;
  /** Entries kept in the request journal, a ring buffer shared by all namespaces (default 1000; 0 = off). */
  journalSize?: number;
  /** Approximate bytes the journal may hold; the oldest entries are evicted first (default 32 MiB). */
  journalBytes?: number;
  /** When set, /_emulator/* (but health) needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** Origins allowed by CORS ('*' for any); none by default, as the real services. */
  corsOrigins?: readonly string[];
  /** Persist the default namespace to this JSON file: loaded at start, saved after changes and at close. */
  stateFile?: string;
  /** Vendor [A] switches by vendor name, e.g. { luzmo: { localeRequiresDashboard: true } }. */
  vendorSettings?: VendorSettingsOverrides;
  /** Prometheus metrics at GET /_emulator/metrics (default true); false skips their per-request counting. */
  metrics?: boolean;
  /** Record why each vendor exchange got its answer, for the journal and the log (default true). */
  explanations?: boolean;
  /** Advanced: keep-alive interval and per-subscriber queue bounds of GET /_emulator/events. */
  eventStream?: Partial<EventStreamLimits>;
  /** Called with every finished vendor exchange (after the response is written). */
  onExchange?: ExchangeObserver;
  /** Called with every finished control-plane exchange (never journaled). */
  onControlExchange?: ExchangeObserver;
  /**
   * Share state, namespaces, fault rules and the journal with other emulator processes through this Redis
   * (`redis://host:port/db`); absent: this process's memory only (the default). Not with `stateFile`.
   */
  store?: string;
  /** Advanced: the vendor modules to serve instead of the built-in ones (the core's own tests use this). */
  vendorModules?: readonly AnyVendorModule[];
}

export interface Emulator {
  /**
   * The whole emulator as a Node request listener (for http.createServer, supertest, ...): CORS, then the
   * vendors' data plane, then Express with the control plane and the catch-all 404.
   */
  app: RequestListener;
  logger: Logger;
  runtimes: readonly VendorRuntime[];
  namespaces: NamespaceRegistry;
  journal: Journal;
  /** The control plane's operations, for the in-process API. */
  control: ControlDeps;
  /**
   * Compiles every operation's request validator now (about 350 ms) instead of on its first request, so no
   * caller's first request waits for a compile. The command line does this before it listens.
   */
  warmUp(): void;
  /** Ends the event streams, which a graceful stop would otherwise wait out; call before stopping the server. */
  endStreams(): void;
  /** Resolves once the shared store (if any) answers, false after a few seconds without it (the emulator then starts degraded). */
  ready(): Promise<boolean>;
  /** Saves pending state (when persisting) and stops timers; call after the server has stopped. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_CONTROL_BODY_LIMIT = 64 * 1024 * 1024;
export const DEFAULT_MAX_NAMESPACES = 100;
export const DEFAULT_JOURNAL_SIZE = 1000;
export const DEFAULT_JOURNAL_BYTES = 32 * 1024 * 1024;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info', undefined, options.logFormat ?? 'text');
  const services = { clock: adjustableClock(options.clock ?? systemClock), random: createRandom(options.seed) };
  const modules = options.vendorModules ?? VENDORS;
  const runtimes = modules.map((module) => new VendorRuntime(module, BUILT_IN_SPECS, settingsFor(module, options.vendorSettings)));
  const spec = controlSpecOnce();
  const validator = new StateValidator(spec, new Map(modules.map((v) => [v.name, v.stateSchema])));
  const fixturesDir = options.fixturesDir ?? BUILT_IN_FIXTURES;
  const fixtures = loadFixtures(
    modules.map((v) => v.name),
    fixturesDir,
    BUILT_IN_FIXTURES,
    logger,
  );
  // The built-in fixtures are checked by the test suite; a custom folder is checked here, once.
  if (resolve(fixturesDir) !== resolve(BUILT_IN_FIXTURES)) for (const [vendor, document] of fixtures) validator.check(vendor, document);
  const namespaces = new NamespaceRegistry(
    new Map(runtimes.map((r) => [r.name, r])),
    fixtures,
    services,
    validator,
    options.maxNamespaces ?? DEFAULT_MAX_NAMESPACES,
  );
  // Build the default namespace now: a broken fixture must stop start-up, not the first request.
  for (const runtime of runtimes) namespaces.state(DEFAULT_NAMESPACE, runtime.name);
  if (options.store !== undefined && options.stateFile !== undefined) throw new Error('a shared store and a state file cannot be combined: the store already keeps the state');
  const stateFile = options.stateFile === undefined ? undefined : new StateFile(options.stateFile, namespaces, logger);
  stateFile?.load();

  const journal = new Journal({ entries: options.journalSize ?? DEFAULT_JOURNAL_SIZE, bytes: options.journalBytes ?? DEFAULT_JOURNAL_BYTES });
  const shared = options.store === undefined ? undefined : openSharedStore(options.store, namespaces, journal, logger);
  const metrics = options.metrics === false ? undefined : createMetrics(journal, namespaces, runtimes, shared?.store);
  const observers: ExchangeObserver[] = [logExchange(logger), (exchange) => journal.record(exchange)];
  if (metrics) observers.push(metrics.observe);
  if (stateFile) observers.push(markChanges(stateFile));
  if (options.onExchange) observers.push(options.onExchange);
  // Processes sharing a store each tag their request ids with a random process tag, so ids never collide.
  const ids = createIds(services.random, shared?.processTag);
  const deps = { namespaces, services, ids, logger, bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT, rateLimits: RateLimiter.create(options.rateLimits, modules, services.clock), explanations: options.explanations !== false, store: shared?.store };
  // An evicted namespace starts over: its journal entries and rate-limit counts go with its state. With a
  // shared store the local registry is only a cache, so the store's own evictions count instead.
  const evicted = (name: string): void => {
    journal.clear(name);
    deps.rateLimits?.forget(name);
  };
  if (shared) shared.store.onEvicted(evicted);
  else namespaces.onEvicted(evicted);

  const control: ControlDeps = {
    runtimes,
    namespaces,
    journal,
    specs: new Map(runtimes.map((r) => [r.name, readFileSync(join(BUILT_IN_SPECS, r.module.specFile), 'utf8')])),
    version: packageVersion(),
    startedAt: Date.now(),
    clock: services.clock,
    random: services.random,
    ids,
    metrics,
    rateLimits: deps.rateLimits,
    store: shared?.store,
    adminToken: options.adminToken,
    trustedOrigins: (options.corsOrigins ?? []).filter((o) => o !== '*'),
    bodyLimit: options.controlBodyLimitBytes ?? DEFAULT_CONTROL_BODY_LIMIT,
    events: new EventStreams(journal, new Map(runtimes.map((r) => [r.name, r.module.credentials])), { ...DEFAULT_STREAM_LIMITS, ...options.eventStream }),
    onStateChanged: (namespace) => {
      if (namespace === DEFAULT_NAMESPACE) stateFile?.markDirty();
    },
  };

  const controlObservers: ExchangeObserver[] = [logExchange(logger)];
  if (options.onControlExchange) controlObservers.push(options.onControlExchange);
  // Express serves the control plane and the catch-all, never a vendor call: it is loaded on the first request
  // that needs it, which keeps its ~100 ms of module loading out of start-up.
  let expressApp: Express | undefined;
  const management = (): Express => {
    if (expressApp) return expressApp;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const express = require('express') as typeof createExpress;
    expressApp = express();
    expressApp.disable('x-powered-by');
    expressApp.set('etag', false);
    // The console's files are control operations (under /ui/); the bare path only needs the slash (strict
    // routing, so that /ui/ itself does not match).
    expressApp.enable('strict routing');
    expressApp.get(CONSOLE_PATH, (_req, res) => res.redirect(301, `${CONSOLE_PATH}/`));
    expressApp.use(createControlPlane(spec, control, controlObservers, logger, express));
    expressApp.use(createUnclaimedHandler(runtimes, ids, observers));
    return expressApp;
  };
  const cors =
    options.corsOrigins && options.corsOrigins.length > 0
      ? createCors({ origins: options.corsOrigins, vendors: modules.map((m) => m.cors), isControlPath: (path) => /^\/_emulator(\/|$)/.test(path) })
      : undefined;
  const serveVendors = createDataPlane({ runtimes, deps, observers });
  // Vendor traffic is the hot path and is routed by the operation table, so it is served before Express.
  const app: RequestListener = (req, res) => {
    if (cors?.(req, res)) return;
    if (serveVendors(req, res)) return;
    management()(req, res);
  };
  return {
    app,
    logger,
    runtimes,
    namespaces,
    journal,
    control,
    warmUp: () => {
      for (const runtime of runtimes) for (const validator of runtime.validators.values()) validator.compile();
    },
    endStreams: () => control.events.closeAll(),
    ready: () => shared?.ready() ?? Promise.resolve(true),
    close: async () => {
      control.events.closeAll();
      await stateFile?.flush();
      await shared?.close();
      await logger.close();
    },
  };
}

let controlSpec: OpenApiDocument | undefined;

/** The control-plane spec is immutable; every emulator in the process shares one parsed copy. */
function controlSpecOnce(): OpenApiDocument {
  controlSpec ??= loadSpec(join(BUILT_IN_SPECS, 'emulator.openapi.yaml'));
  return controlSpec;
}

function logExchange(logger: Logger): ExchangeObserver {
  return (ex: Exchange) => {
    if (!logger.enabled('info')) return;
    const line: RequestLine = { id: ex.id, method: ex.method, path: ex.path, status: ex.dropped ? 'dropped' : ex.status, durationMs: ex.durationMs, vendor: ex.vendor, operation: ex.operationId };
    // Errors say why in the log too, so a failing CI job's output explains itself.
    if ((ex.dropped || ex.status >= 400) && ex.explanationSource) line.summary = ex.explanationSource.read().summary;
    logger.request(line);
  };
}

/** A write that succeeded in the default namespace may have changed state worth saving. */
function markChanges(stateFile: StateFile): ExchangeObserver {
  return (ex: Exchange) => {
    if (ex.namespace === DEFAULT_NAMESPACE && ex.method !== 'GET' && ex.method !== 'HEAD' && ex.status >= 200 && ex.status < 300) stateFile.markDirty();
  };
}
