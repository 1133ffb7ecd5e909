// Fault rules of a namespace over HTTP: add, list, remove one, remove all.
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';
import type { FaultRuleInput } from '../operations';
import { addFaultRule, clearFaultRules } from '../operations';

export const addFault: ControlHandler = (ctx) => ({ status: 201, body: addFaultRule(ctx.deps, ctx.namespace, ctx.input.body as FaultRuleInput) });

export const listFaults: ControlHandler = (ctx) => ({ status: 200, body: { faults: ctx.deps.namespaces.get(ctx.namespace).faults.list() } });

export const clearFaults: ControlHandler = (ctx) => {
  clearFaultRules(ctx.deps, ctx.namespace, ctx.input.query.vendor as string | undefined);
  return { status: 204 };
};

export const deleteFault: ControlHandler = (ctx) => {
  const id = ctx.input.path.id as string;
  if (!ctx.deps.namespaces.get(ctx.namespace).faults.remove(id)) throw new NotFound(`No fault rule ${id}`);
  return { status: 204 };
};
