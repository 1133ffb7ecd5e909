// The request journal of a namespace over HTTP: filtered reads (credentials masked) as JSON or HAR 1.2, one
// entry by its request id, and clearing.
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';
import { harLog } from '../har';
import { clearRequests as clear, findRequest, queryRequests } from '../operations';

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
  if (q.format === 'har') return { status: 200, body: harLog(requests, ctx.deps.version) };
  return { status: 200, body: { total: requests.length, requests } };
};

export const getRequest: ControlHandler = (ctx) => {
  const id = ctx.input.path.id as string;
  const entry = findRequest(ctx.deps, ctx.namespace, id);
  if (!entry) throw new NotFound(`No request ${id} in the journal of namespace ${ctx.namespace} (never made here, or already evicted)`);
  return { status: 200, body: entry };
};

export const clearRequests: ControlHandler = (ctx) => {
  clear(ctx.deps, ctx.namespace, ctx.input.query.vendor as string | undefined);
  return { status: 204 };
};
