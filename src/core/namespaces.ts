// Namespaces: isolated worlds selected per request (X-Emulator-Namespace), each with every vendor's state
// (built from the fixtures on first use) and its own fault rules. Past a bound, the least recently used
// namespace is dropped; the default namespace never is.
import { BadRequest } from './errors';
import { FaultSet } from './faults/fault-rules';
import type { StateValidator } from './state-validator';
import type { RuntimeServices } from './vendor';
import type { VendorRuntime } from './vendor-runtime';

export const DEFAULT_NAMESPACE = 'default';
export const NAMESPACE_HEADER = 'x-emulator-namespace';
const NAMESPACE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export interface Namespace {
  name: string;
  states: Map<string, unknown>;
  faults: FaultSet;
}

/** The namespace a request names (or the default one); a malformed name is a 400. */
export function namespaceOf(header: string | string[] | undefined): string {
  if (header === undefined || header === '') return DEFAULT_NAMESPACE;
  const name = Array.isArray(header) ? header[0] ?? '' : header;
  if (!NAMESPACE_NAME.test(name)) throw new BadRequest(`Invalid ${NAMESPACE_HEADER} header: use 1 to 64 letters, digits, '.', '_' or '-'.`);
  return name;
}

export class NamespaceRegistry {
  private readonly namespaces = new Map<string, Namespace>();
  private readonly evictionListeners: ((name: string) => void)[] = [];

  constructor(
    private readonly runtimes: ReadonlyMap<string, VendorRuntime>,
    private readonly fixtures: ReadonlyMap<string, unknown>,
    private readonly services: RuntimeServices,
    private readonly validator: StateValidator,
    readonly maxNamespaces: number,
  ) {}

  get vendors(): string[] {
    return [...this.runtimes.keys()];
  }

  /** The namespace, created empty on first use and marked most recently used. */
  get(name: string): Namespace {
    let ns = this.namespaces.get(name);
    if (ns) {
      if (name !== DEFAULT_NAMESPACE) {
        // Re-inserting moves the namespace to the young end of the Map's insertion order.
        this.namespaces.delete(name);
        this.namespaces.set(name, ns);
      }
      return ns;
    }
    ns = { name, states: new Map(), faults: new FaultSet() };
    this.namespaces.set(name, ns);
    this.evict();
    return ns;
  }

  /** The vendor's state in a namespace, built from the fixtures on first use. */
  state(namespace: string, vendor: string): unknown {
    const { states } = this.get(namespace);
    let state = states.get(vendor);
    if (state === undefined) {
      // Fixtures were checked once (by the test suite, or at start-up when custom): no schema check per namespace.
      state = this.fixtureState(vendor);
      states.set(vendor, state);
    }
    return state;
  }

  /** The namespace if it exists, without creating it or touching recency (for listings). */
  peek(name: string): Namespace | undefined {
    return this.namespaces.get(name);
  }

  /** The vendor's state if it was built already; never builds one and never touches recency (for metrics). */
  existingState(namespace: string, vendor: string): unknown {
    return this.namespaces.get(namespace)?.states.get(vendor);
  }

  /** Back to the fixtures, with the fault rules cleared: one vendor, or every vendor, of one namespace. */
  reset(namespace: string, vendor?: string): void {
    const ns = this.get(namespace);
    if (vendor) ns.states.delete(vendor);
    else ns.states.clear();
    ns.faults.clear(vendor);
  }

  /** Replaces vendors' states all at once; if any document is invalid, nothing changes (and it throws). */
  replace(namespace: string, documents: ReadonlyMap<string, unknown>): void {
    const built = new Map<string, unknown>();
    for (const [vendor, document] of documents) built.set(vendor, this.build(vendor, document));
    const { states } = this.get(namespace);
    for (const [vendor, state] of built) states.set(vendor, state);
  }

  export(namespace: string, vendor: string): unknown {
    return this.runtimeOf(vendor).module.exportState(this.state(namespace, vendor));
  }

  /** Builds state from a document this emulator exported itself (the shared store's copy): no schema check. */
  buildUnchecked(vendor: string, document: unknown): unknown {
    const runtime = this.runtimeOf(vendor);
    return runtime.module.createState(document, this.services, runtime.settings);
  }

  /** A fresh state built from the vendor's fixtures. */
  fixtureState(vendor: string): unknown {
    return this.buildUnchecked(vendor, this.fixtures.get(vendor));
  }

  /** Checks a document and builds state from it without storing anything. */
  build(vendor: string, document: unknown): unknown {
    this.validator.check(vendor, document);
    return this.buildUnchecked(vendor, document);
  }

  /** Forgets a namespace (state and fault rules); the default one is never dropped. Whether it existed. */
  drop(name: string): boolean {
    if (name === DEFAULT_NAMESPACE) throw new BadRequest('The default namespace cannot be dropped; reset it instead');
    return this.namespaces.delete(name);
  }

  /** Called with each namespace the MAX_NAMESPACES bound evicts, so what is kept elsewhere about it goes too. */
  onEvicted(listener: (name: string) => void): void {
    this.evictionListeners.push(listener);
  }

  names(): string[] {
    return [...this.namespaces.keys()];
  }

  runtimeOf(vendor: string): VendorRuntime {
    const runtime = this.runtimes.get(vendor);
    if (!runtime) throw new Error(`Unknown vendor ${vendor}`);
    return runtime;
  }

  private evict(): void {
    for (const name of this.namespaces.keys()) {
      if (this.namespaces.size <= this.maxNamespaces + 1) return;
      if (name === DEFAULT_NAMESPACE) continue;
      this.namespaces.delete(name);
      for (const listener of this.evictionListeners) listener(name);
    }
  }
}
