// The namespaces alive (GET /_emulator/namespaces) and dropping one (DELETE /_emulator/namespaces/{name}).
import { NotFound } from '../../core/errors';
import type { ControlHandler } from '../context';
import { namespaceSummaries } from '../namespaces-view';

export const listNamespaces: ControlHandler = ({ deps }) => ({ status: 200, body: { namespaces: namespaceSummaries(deps) } });

export const dropNamespace: ControlHandler = ({ deps, input }) => {
  const name = input.path.name as string;
  if (!deps.namespaces.drop(name)) throw new NotFound(`No namespace ${name}`);
  deps.journal.clear(name);
  deps.rateLimits?.forget(name);
  return { status: 204 };
};
