// The namespaces alive (GET /_emulator/namespaces) and dropping one (DELETE /_emulator/namespaces/{name}).
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';
import { namespaceSummaries } from '../namespaces-view';

export const listNamespaces: ControlHandler = async ({ deps }) => {
  // With a shared store, every process's namespaces, brought into this one first.
  await deps.store?.refresh();
  return { status: 200, body: { namespaces: namespaceSummaries(deps) } };
};

export const dropNamespace: ControlHandler = async ({ deps, input }) => {
  const name = input.path.name as string;
  const existed = deps.store ? await deps.store.drop(name) : deps.namespaces.drop(name);
  if (!existed) throw new NotFound(`No namespace ${name}`);
  deps.journal.clear(name);
  deps.rateLimits?.forget(name);
  return { status: 204 };
};
