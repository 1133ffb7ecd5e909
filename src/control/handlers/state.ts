// Reset, export and import of a namespace's state over HTTP.
import type { ControlHandler } from '../context';
import { exportState, importState, resetNamespace } from '../operations';

const vendorOf = (q: Record<string, unknown>): string | undefined => q.vendor as string | undefined;

export const resetState: ControlHandler = (ctx) => ({
  status: 200,
  body: { namespace: ctx.namespace, vendors: resetNamespace(ctx.deps, ctx.namespace, vendorOf(ctx.input.query)) },
});

export const getState: ControlHandler = (ctx) => ({ status: 200, body: exportState(ctx.deps, ctx.namespace, vendorOf(ctx.input.query)) });

export const putState: ControlHandler = (ctx) => ({
  status: 200,
  body: { namespace: ctx.namespace, vendors: importState(ctx.deps, ctx.namespace, ctx.input.body, vendorOf(ctx.input.query)) },
});
