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
  // As JSON for pages (the console's fault form lists the operations) that have no YAML parser.
  if (input.query.format === 'json') return { status: 200, body: deps.runtimes.find((r) => r.name === vendor)?.spec };
  return { status: 200, text: spec, contentType: 'application/yaml; charset=utf-8' };
};
