// The in-process API: startEmulator() listens (port 0 by default) and returns handles that act on the
// emulator directly, through the same operations as the HTTP control plane.
import { isAdjustable } from './core/clock';
import type { FaultRule } from './core/faults/fault-rules';
import { DEFAULT_NAMESPACE } from './core/namespaces';
import type { EmulatorOptions } from './emulator';
import { createEmulator } from './emulator';
import type { FaultRuleInput, RequestFilter } from './control/operations';
import type { JournalEntryView } from './control/journal-view';
import { addFaultRule, clearFaultRules, clearRequests, exportState, findRequest, importState, queryRequests, resetNamespace } from './control/operations';
import { listen } from './server';

/** The in-process emulator is one process: a shared store (EmulatorOptions.store) is for the command line. */
export interface StartOptions extends Omit<EmulatorOptions, 'store'> {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Which namespace (default: `default`) and, where it applies, which vendor a call is about. */
export interface Scope {
  namespace?: string;
  vendor?: string;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  url: string;
  port: number;
  /** State back to the fixtures; journal and fault rules cleared. */
  reset(scope?: Scope): void;
  /** `{vendor: document}`, or one vendor's document with `scope.vendor`. */
  state(scope?: Scope): unknown;
  /** Replaces state from `{vendor: document}` (or a bare document with `scope.vendor`); all or nothing. */
  setState(document: unknown, scope?: Scope): void;
  /** Journal entries of a namespace, oldest first, credentials masked. */
  requests(filter?: RequestFilter & { namespace?: string }): JournalEntryView[];
  /** One journal entry by its request id (the x-emulator-request-id header), or undefined once evicted. */
  request(id: string, scope?: Scope): JournalEntryView | undefined;
  clearRequests(scope?: Scope): void;
  faults: {
    add(rule: FaultRuleInput, scope?: Scope): FaultRule;
    clear(scope?: Scope): void;
  };
  /** Moves the emulator's clock forward (as POST /_emulator/clock), e.g. to let a rate limit refill; returns the new now. */
  advanceClock(ms: number): Date;
  /** Stops accepting, lets requests in flight finish, saves pending state. */
  close(): Promise<void>;
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const emulator = createEmulator({ logLevel: 'warn', ...options });
  const server = await listen(emulator.app, options.port ?? 0, options.host ?? '127.0.0.1');
  const deps = emulator.control;
  const ns = (scope?: { namespace?: string }): string => scope?.namespace ?? DEFAULT_NAMESPACE;
  return {
    url: server.url,
    port: server.port,
    reset: (scope) => void resetNamespace(deps, ns(scope), scope?.vendor),
    state: (scope) => exportState(deps, ns(scope), scope?.vendor),
    setState: (document, scope) => void importState(deps, ns(scope), document, scope?.vendor),
    requests: (filter = {}) => {
      const { namespace, ...rest } = filter;
      return queryRequests(deps, namespace ?? DEFAULT_NAMESPACE, rest);
    },
    request: (id, scope) => findRequest(deps, ns(scope), id),
    clearRequests: (scope) => clearRequests(deps, ns(scope), scope?.vendor),
    faults: {
      add: (rule, scope) => addFaultRule(deps, ns(scope), rule),
      clear: (scope) => clearFaultRules(deps, ns(scope), scope?.vendor),
    },
    advanceClock: (ms) => {
      if (!isAdjustable(deps.clock)) throw new Error('the emulator was built with a clock it cannot move');
      return deps.clock.advance(ms);
    },
    close: async () => {
      emulator.endStreams();
      await server.close();
      await emulator.close();
    },
  };
}
