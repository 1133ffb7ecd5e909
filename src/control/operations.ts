// The control plane's operations as plain functions, shared by the HTTP handlers (/_emulator) and the
// in-process API (startEmulator), so both do exactly the same thing.
import { BadRequest } from '../core/errors';
import type { FaultAction, FaultMatch, FaultRule } from '../core/faults/fault-rules';
import { compilePathPattern } from '../core/faults/fault-rules';
import { StateDocumentError } from '../core/state-document';
import type { ControlDeps } from './context';
import type { JournalEntryView } from './journal-view';
import { journalView } from './journal-view';

export interface RequestFilter {
  vendor?: string;
  operationId?: string;
  method?: string;
  status?: number;
  since?: string;
  limit?: number;
}

export interface FaultRuleInput {
  match?: FaultMatch;
  action: FaultAction;
  times?: number;
}

export function checkVendor(deps: ControlDeps, vendor: string | undefined): string[] {
  const all = deps.runtimes.map((r) => r.name);
  if (vendor === undefined) return all;
  if (!all.includes(vendor)) throw new BadRequest(`Unknown vendor ${vendor}; the vendors are ${all.join(', ')}`);
  return [vendor];
}

/** State back to the fixtures, journal entries and fault rules cleared. */
export function resetNamespace(deps: ControlDeps, namespace: string, vendor?: string): string[] {
  const vendors = checkVendor(deps, vendor);
  deps.namespaces.reset(namespace, vendor);
  deps.journal.clear(namespace, vendor);
  deps.rateLimits?.forget(namespace, vendor);
  deps.onStateChanged(namespace);
  return vendors;
}

/** `{vendor: document}` for every vendor, or the bare document of one. */
export function exportState(deps: ControlDeps, namespace: string, vendor?: string): unknown {
  const vendors = checkVendor(deps, vendor);
  if (vendor !== undefined) return deps.namespaces.export(namespace, vendor);
  return Object.fromEntries(vendors.map((v) => [v, deps.namespaces.export(namespace, v)]));
}

/** Replaces state from `{vendor: document}` (or one vendor's bare document); all or nothing. */
export function importState(deps: ControlDeps, namespace: string, body: unknown, vendor?: string): string[] {
  const known = checkVendor(deps, undefined);
  checkVendor(deps, vendor);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('The state document must be a JSON object');
  let documents: Map<string, unknown>;
  if (vendor !== undefined) {
    documents = new Map([[vendor, body]]);
  } else {
    const keys = Object.keys(body);
    const unknown = keys.filter((k) => !known.includes(k));
    if (unknown.length > 0) throw new BadRequest(`Unknown vendor ${unknown.join(', ')} in the state document; the vendors are ${known.join(', ')}`);
    if (keys.length === 0) throw new BadRequest('The state document names no vendor');
    documents = new Map(Object.entries(body));
  }
  try {
    deps.namespaces.replace(namespace, documents);
  } catch (error) {
    if (error instanceof StateDocumentError) throw new BadRequest(error.message, error.problems);
    throw error;
  }
  deps.onStateChanged(namespace);
  return [...documents.keys()];
}

export function queryRequests(deps: ControlDeps, namespace: string, filter: RequestFilter = {}): JournalEntryView[] {
  checkVendor(deps, filter.vendor);
  const entries = deps.journal.query({ namespace, ...filter, since: filter.since === undefined ? undefined : new Date(filter.since).getTime() });
  const credentials = new Map(deps.runtimes.map((r) => [r.name, r.module.credentials]));
  return entries.map((entry) => journalView(entry, credentials.get(entry.vendor ?? '')));
}

/** One journal entry by its request id (the x-emulator-request-id header), masked, or undefined. */
export function findRequest(deps: ControlDeps, namespace: string, id: string): JournalEntryView | undefined {
  const entry = deps.journal.find(namespace, id);
  if (!entry) return undefined;
  return journalView(entry, deps.runtimes.find((r) => r.name === entry.vendor)?.module.credentials);
}

export function clearRequests(deps: ControlDeps, namespace: string, vendor?: string): void {
  checkVendor(deps, vendor);
  deps.journal.clear(namespace, vendor);
}

/** Adds a rule after checking it: a known vendor, a pattern that compiles, an action that does something. */
export function addFaultRule(deps: ControlDeps, namespace: string, input: FaultRuleInput): FaultRule {
  const match = input.match ?? {};
  const problems: string[] = [];
  const vendors = deps.runtimes.map((r) => r.name);
  if (match.vendor !== undefined && !vendors.includes(match.vendor)) problems.push(`match.vendor must be one of ${vendors.join(', ')}`);
  if (match.pathPattern !== undefined) {
    try {
      compilePathPattern(match.pathPattern);
    } catch (error) {
      problems.push(`match.pathPattern is not a regular expression: ${(error as Error).message}`);
    }
  }
  const a = input.action;
  if (a.status === undefined && a.retryAfter === undefined && a.delayMs === undefined && a.drop !== true) {
    problems.push('action must name a fault: status, retryAfter, delayMs or drop');
  }
  if (problems.length > 0) throw new BadRequest('Invalid fault rule', problems);
  return deps.namespaces.get(namespace).faults.add({
    id: deps.ids.fault(),
    match,
    action: a,
    ...(input.times === undefined ? {} : { times: input.times }),
    fired: 0,
    createdAt: deps.clock.now().toISOString(),
  });
}

export function clearFaultRules(deps: ControlDeps, namespace: string, vendor?: string): void {
  checkVendor(deps, vendor);
  deps.namespaces.get(namespace).faults.clear(vendor);
}
