// Health, metrics and the served specs.
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';

export const getHealth: ControlHandler = ({ deps }) => {
  // With a shared store, an unreachable Redis means no vendor call can be answered: degraded, 503.
  const reachable = deps.store?.ready ?? true;
  return {
    status: reachable ? 200 : 503,
    body: {
      status: reachable ? 'ok' : 'degraded',
      version: deps.version,
      vendors: deps.runtimes.map((r) => r.name),
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      eventStreams: deps.events.size,
      ...(deps.store ? { store: { kind: 'redis', url: deps.store.url, reachable } } : {}),
    },
  };
};

export const getMetrics: ControlHandler = async ({ deps }) => {
  if (!deps.metrics) throw new NotFound('Metrics are off (METRICS=off)');
  return { status: 200, text: await deps.metrics.text(), contentType: deps.metrics.contentType };
};

export const getVendorSpec: ControlHandler = ({ deps, input }) => {
  const vendor = input.path.vendor as string;
  const spec = deps.specs.get(vendor);
  if (spec === undefined) throw new NotFound(`No vendor ${vendor}; the vendors are ${[...deps.specs.keys()].join(', ')}`);
  return { status: 200, text: spec, contentType: 'application/yaml; charset=utf-8' };
};

/** What a fault rule's operationId can name, for the console's fault form (which has no YAML parser). */
export const listVendorOperations: ControlHandler = ({ deps, input }) => {
  const vendor = input.path.vendor as string;
  const runtime = deps.runtimes.find((r) => r.name === vendor);
  if (!runtime) throw new NotFound(`No vendor ${vendor}; the vendors are ${deps.runtimes.map((r) => r.name).join(', ')}`);
  const operations = [...runtime.table.byId.values()]
    .map((o) => ({ operationId: o.operationId, method: o.method, path: o.path, ...(o.source.summary === undefined ? {} : { summary: o.source.summary }) }))
    .sort((a, b) => a.operationId.localeCompare(b.operationId));
  return { status: 200, body: { vendor, operations } };
};
