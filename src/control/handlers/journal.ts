// The request journal of a namespace over HTTP: filtered reads (credentials masked) and clearing.
import type { ControlHandler } from '../context';
import { clearRequests as clear, queryRequests } from '../operations';

export const getRequests: ControlHandler = (ctx) => {
  const q = ctx.input.query;
  const requests = queryRequests(ctx.deps, ctx.namespace, {
    vendor: q.vendor as string | undefined,
    operationId: q.operationId as string | undefined,
    method: q.method as string | undefined,
    status: q.status as number | undefined,
    since: q.since as string | undefined,
    limit: q.limit as number | undefined,
  });
  return { status: 200, body: { total: requests.length, requests } };
};

export const clearRequests: ControlHandler = (ctx) => {
  clear(ctx.deps, ctx.namespace, ctx.input.query.vendor as string | undefined);
  return { status: 204 };
};
