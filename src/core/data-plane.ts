// The request handler in front of Express: finds the vendor that claims the path, opens an exchange, runs
// the pipeline, and hands the finished exchange to the observers (log, journal, tests); plus the catch-all 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { ExchangeObserver } from './exchange';
import { closeExchange, openExchange, recordResponse, splitTarget } from './exchange';
import { writeResponse } from './http/respond';
import type { IdSource } from './ids';
import type { PipelineDeps } from './pipeline';
import { describe, serveVendorRequest } from './pipeline';
import { explainUnclaimed } from './explanation/explain-exchange';
import { HeapRelief } from './memory/heap-relief';
import { DEFAULT_NAMESPACE, NAMESPACE_HEADER, namespaceOf } from './namespaces';
import type { VendorRuntime } from './vendor-runtime';
import { PathCache } from './routing/path-cache';

export interface DataPlaneOptions {
  runtimes: readonly VendorRuntime[];
  deps: PipelineDeps;
  observers: readonly ExchangeObserver[];
}

/**
 * The vendors' request handler: answers every request whose path a vendor claims and returns true, or
 * returns false and leaves the request to the next handler. It runs before Express: vendor requests are
 * routed by the operation table, so Express's own routing would only add cost (about 58 µs a request here).
 */
export function createDataPlane(options: DataPlaneOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { runtimes, deps, observers } = options;
  const relief = new HeapRelief();
  // Which vendor claims a path, by path (null: none); vendors and their claims never change while serving.
  const claimed = new PathCache<VendorRuntime | null>();
  const claimant = (path: string, targetLength: number): VendorRuntime | null => {
    let runtime = claimed.get(path);
    if (runtime === undefined) {
      runtime = runtimes.find((r) => r.router.claims(path)) ?? null;
      claimed.set(path, runtime, targetLength);
    }
    return runtime;
  };
  return (req, res) => {
    const target = splitTarget(req.url);
    const runtime = claimant(target.path, req.url?.length ?? 0);
    if (!runtime) return false;
    const exchange = openExchange(req, deps.ids.request(), DEFAULT_NAMESPACE, target);
    exchange.vendor = runtime.name;
    serveVendorRequest(runtime, deps, req, res, exchange).then(
      () => {
        closeExchange(exchange, observers);
        relief.note(exchange.requestBody?.length ?? 0);
      },
      (error: unknown) => {
        // serveVendorRequest answers every error itself; reaching here means writing the answer failed.
        deps.logger.error(`${exchange.id} could not answer ${exchange.method} ${exchange.path}: ${describe(error)}`);
        if (!res.headersSent) exchange.status = 500;
        closeExchange(exchange, observers);
        if (!res.writableEnded) res.destroy();
      },
    );
    return true;
  };
}

/** The catch-all for paths no vendor claims: a plain JSON 404 that says which APIs are served. */
export function createUnclaimedHandler(runtimes: readonly VendorRuntime[], ids: IdSource, observers: readonly ExchangeObserver[]): RequestHandler {
  return (req: Request, res: Response) => {
    const exchange = openExchange(req, ids.request(), safeNamespace(req));
    const written = writeResponse(
      res as ServerResponse,
      {
        status: 404,
        body: {
          error: `share-emulator: no emulated API serves ${exchange.method} ${exchange.path}`,
          apis: runtimes.map((r) => ({ vendor: r.name, basePaths: r.table.bases.map((b) => b.template || '/') })),
        },
      },
      'application/json; charset=utf-8',
      exchange.id,
    );
    recordResponse(exchange, written);
    explainUnclaimed(exchange, runtimes);
    closeExchange(exchange, observers);
  };
}

function safeNamespace(req: IncomingMessage): string {
  try {
    return namespaceOf(req.headers[NAMESPACE_HEADER]);
  } catch {
    return DEFAULT_NAMESPACE;
  }
}
