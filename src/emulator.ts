// createEmulator(options): builds the whole emulator as an Express app (control plane, one data plane
// for every vendor, a catch-all 404) with no state at import time, so tests build a fresh one per file.
import express from 'express';
import type { Express } from 'express';
import { join } from 'node:path';
import type { Clock } from './core/clock';
import { systemClock } from './core/clock';
import { createDataPlane, createUnclaimedHandler } from './core/data-plane';
import type { Exchange, ExchangeObserver } from './core/exchange';
import { loadFixtures } from './core/fixtures';
import type { LogLevel, Logger } from './core/log';
import { createLogger } from './core/log';
import { createRandom } from './core/random';
import { loadSpec } from './core/spec/load-spec';
import type { OpenApiDocument } from './core/spec/openapi';
import { StateRegistry } from './core/state-registry';
import { StateValidator } from './core/state-validator';
import type { VendorSettingsOverrides } from './core/settings';
import { settingsFor } from './core/settings';
import type { AnyVendorModule } from './core/vendor';
import { VendorRuntime } from './core/vendor-runtime';
import { createControlPlane } from './control/router';
import { BUILT_IN_FIXTURES, BUILT_IN_SPECS, packageVersion } from './paths';
import { VENDORS } from './vendors';

export interface EmulatorOptions {
  /** Folder with `<vendor>/state.json` files; vendors missing from it use the built-in fixtures. */
  fixturesDir?: string;
  logLevel?: LogLevel;
  /** Replaces the stdout logger (tests pass a silent or capturing one). */
  logger?: Logger;
  /** Largest accepted request body, in bytes (default 1 MiB, DESK's documented payload limit). */
  bodyLimitBytes?: number;
  /** Seeds generated ids and tokens so that a run can be repeated exactly. */
  seed?: number;
  clock?: Clock;
  /** How many namespaces (besides the default one) are kept before the least recently used is dropped. */
  maxNamespaces?: number;
  /** Called with every finished vendor exchange (after the response is written). */
  onExchange?: ExchangeObserver;
  /** Vendor [A] switches by vendor name, e.g. { luzmo: { localeRequiresDashboard: true } }. */
  vendorSettings?: VendorSettingsOverrides;
  /** Advanced: the vendor modules to serve instead of the built-in ones (the core's own tests use this). */
  vendorModules?: readonly AnyVendorModule[];
}

export interface Emulator {
  app: Express;
  logger: Logger;
  runtimes: readonly VendorRuntime[];
  states: StateRegistry;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_MAX_NAMESPACES = 100;

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const services = { clock: options.clock ?? systemClock, random: createRandom(options.seed) };
  const modules = options.vendorModules ?? VENDORS;
  const runtimes = modules.map((module) => new VendorRuntime(module, BUILT_IN_SPECS, settingsFor(module, options.vendorSettings)));
  const controlSpec = controlSpecOnce();
  const validator = new StateValidator(controlSpec, new Map(modules.map((v) => [v.name, v.stateSchema])));
  const fixtures = loadFixtures(
    modules.map((v) => v.name),
    options.fixturesDir ?? BUILT_IN_FIXTURES,
    BUILT_IN_FIXTURES,
    logger,
  );
  const states = new StateRegistry(
    new Map(runtimes.map((r) => [r.name, r])),
    fixtures,
    services,
    validator,
    options.maxNamespaces ?? DEFAULT_MAX_NAMESPACES,
  );
  // Build the default namespace now: a broken fixture must stop start-up, not the first request.
  for (const runtime of runtimes) states.get('default', runtime.name);

  const observers: ExchangeObserver[] = [logExchange(logger)];
  if (options.onExchange) observers.push(options.onExchange);
  const deps = { states, services, logger, bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_emulator', createControlPlane({ runtimes, specsDir: BUILT_IN_SPECS, version: packageVersion(), startedAt: Date.now() }));
  app.use(createDataPlane({ runtimes, deps, observers }));
  app.use(createUnclaimedHandler(runtimes, observers));
  return { app, logger, runtimes, states };
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
    const op = ex.vendor ? `${ex.vendor}.${ex.operationId ?? '-'}` : '-';
    logger.info(`${ex.method} ${ex.path} ${ex.status} ${ex.durationMs.toFixed(1)}ms ${op} ${ex.id}`);
  };
}
