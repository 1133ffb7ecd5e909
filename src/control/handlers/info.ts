// Health, metrics and the served specs.
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';

export const getHealth: ControlHandler = ({ deps }) => ({
  status: 200,
  body: {
    status: 'ok',
    version: deps.version,
    vendors: deps.runtimes.map((r) => r.name),
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    eventStreams: deps.events.size,
  },
});

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
