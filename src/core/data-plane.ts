// The Express middleware in front of every vendor: finds the vendor that claims the path, opens an
// exchange, runs the pipeline, and hands the finished exchange to the observers (log, journal, tests).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { Exchange, ExchangeObserver } from './exchange';
import { writeResponse } from './http/respond';
import type { PipelineDeps } from './pipeline';
import { describe, serveVendorRequest } from './pipeline';
import { DEFAULT_NAMESPACE, NAMESPACE_HEADER, namespaceOf } from './namespaces';
import type { VendorRuntime } from './vendor-runtime';

export interface DataPlaneOptions {
  runtimes: readonly VendorRuntime[];
  deps: PipelineDeps;
  observers: readonly ExchangeObserver[];
}

let sequence = 0;
const processTag = Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0');

export function nextRequestId(): string {
  sequence += 1;
  return `${processTag}-${sequence.toString(36)}`;
}

export function openExchange(req: IncomingMessage, namespace: string): Exchange {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    id: nextRequestId(),
    time: Date.now(),
    startedAt: performance.now(),
    namespace,
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    requestHeaders: req.headers,
    vendor: null,
    operationId: null,
    status: 0,
    responseHeaders: {},
    responseText: '',
    durationMs: 0,
  };
}

export function closeExchange(exchange: Exchange, observers: readonly ExchangeObserver[]): void {
  exchange.durationMs = performance.now() - exchange.startedAt;
  for (const observe of observers) observe(exchange);
}

/**
 * The vendors' request handler: answers every request whose path a vendor claims and returns true, or
 * returns false and leaves the request to the next handler. It runs before Express: vendor requests are
 * routed by the operation table, so Express's own routing would only add cost (about 58 µs a request here).
 */
export function createDataPlane(options: DataPlaneOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { runtimes, deps, observers } = options;
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const runtime = runtimes.find((r) => r.router.claims(path));
    if (!runtime) return false;
    const exchange = openExchange(req, DEFAULT_NAMESPACE);
    exchange.vendor = runtime.name;
    serveVendorRequest(runtime, deps, req, res, exchange).then(
      () => closeExchange(exchange, observers),
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
export function createUnclaimedHandler(runtimes: readonly VendorRuntime[], observers: readonly ExchangeObserver[]): RequestHandler {
  return (req: Request, res: Response) => {
    const exchange = openExchange(req, safeNamespace(req));
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
    Object.assign(exchange, { status: written.status, responseHeaders: written.headers, responseText: written.text });
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
