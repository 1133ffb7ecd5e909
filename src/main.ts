#!/usr/bin/env node
// The share-emulator command: read flags and environment, build the emulator, listen, and on SIGTERM
// or SIGINT drain in-flight requests and exit 0.
import cluster from 'node:cluster';
import { CliError, helpText, parseCli } from './cli/options';
import { runPrimary } from './cli/workers';
import { createEmulator } from './emulator';
import { packageVersion } from './paths';
import { listen } from './server';

async function main(): Promise<void> {
  const config = parseCli(process.argv.slice(2), process.env);
  if (config.help) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  if (config.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (config.workers > 1 && cluster.isPrimary) {
    runPrimary(config.workers);
    return;
  }
  const emulator = createEmulator({
    fixturesDir: config.fixturesDir,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    seed: config.seed,
    bodyLimitBytes: config.bodyLimitBytes,
    controlBodyLimitBytes: config.controlBodyLimitBytes,
    journalSize: config.journalSize,
    journalBytes: config.journalBytes,
    maxNamespaces: config.maxNamespaces,
    adminToken: config.adminToken,
    corsOrigins: config.corsOrigins,
    stateFile: config.stateFile,
    metrics: config.metrics,
    explanations: config.explanations,
    vendorSettings: config.vendorSettings,
    rateLimits: config.rateLimits,
    store: config.store,
  });
  if (config.store !== undefined && !(await emulator.ready())) emulator.logger.warn('starting without the shared store: vendor calls answer 503 and health says degraded until it is reachable');
  // A server that is up answers every first request at full speed (compiling on demand took up to ~250 ms).
  emulator.warmUp();
  const running = await listen(emulator.app, config.port, config.host);
  const { logger } = emulator;
  // A fatal error is logged and every buffered line written out before the process ends with 1.
  const fatal = (error: unknown): void => {
    logger.error(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void logger.close().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: draining in-flight requests`);
    emulator.endStreams();
    void running
      .close()
      .then(() => emulator.close())
      .then(
        async () => {
          logger.info('stopped');
          await logger.close();
          process.exit(0);
        },
        async (error: unknown) => {
          logger.error(`while stopping: ${error instanceof Error ? error.message : String(error)}`);
          await logger.close();
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Announced only once SIGTERM is handled: the line is written asynchronously, so a supervisor that reads it can
  // signal at once, and a signal before the handler exists would kill the process without draining.
  logger.info(`share-emulator ${packageVersion()} listening on ${running.url} (${emulator.runtimes.map((r) => r.name).join(', ')})`);
  // Not left to wait for the batch: supervisors and tests wait for this line.
  logger.sendNow?.();
}

main().catch((error: unknown) => {
  const message = error instanceof CliError ? `share-emulator: ${error.message}` : `share-emulator: cannot start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
});
