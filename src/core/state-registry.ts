// Vendor state per namespace. A namespace (selected per request) is created from the fixtures on first
// use; the least recently used ones are evicted past a bound so memory stays flat. The default namespace
// is never evicted.
import type { StateValidator } from './state-validator';
import type { RuntimeServices } from './vendor';
import type { VendorRuntime } from './vendor-runtime';

export const DEFAULT_NAMESPACE = 'default';

export class StateRegistry {
  private readonly namespaces = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly runtimes: ReadonlyMap<string, VendorRuntime>,
    private readonly fixtures: ReadonlyMap<string, unknown>,
    private readonly services: RuntimeServices,
    private readonly validator: StateValidator,
    readonly maxNamespaces: number,
  ) {}

  /** The vendor's state in a namespace, building it from the fixtures on first use. */
  get(namespace: string, vendor: string): unknown {
    const states = this.touch(namespace);
    let state = states.get(vendor);
    if (state === undefined) {
      state = this.build(vendor, this.fixtures.get(vendor));
      states.set(vendor, state);
    }
    return state;
  }

  /** Back to the fixtures: one vendor, or every vendor, of one namespace. */
  reset(namespace: string, vendor?: string): void {
    const states = this.namespaces.get(namespace);
    if (!states) return;
    if (vendor) states.delete(vendor);
    else states.clear();
  }

  /** Replaces a vendor's state with one built from `document`; throws (leaving the old state) if it is invalid. */
  replace(namespace: string, vendor: string, document: unknown): void {
    const state = this.build(vendor, document);
    this.touch(namespace).set(vendor, state);
  }

  export(namespace: string, vendor: string): unknown {
    return this.runtime(vendor).module.exportState(this.get(namespace, vendor));
  }

  namespaceNames(): string[] {
    return [...this.namespaces.keys()];
  }

  private build(vendor: string, document: unknown): unknown {
    const runtime = this.runtime(vendor);
    this.validator.check(vendor, document);
    return runtime.module.createState(document, this.services, runtime.settings);
  }

  private runtime(vendor: string): VendorRuntime {
    const runtime = this.runtimes.get(vendor);
    if (!runtime) throw new Error(`Unknown vendor ${vendor}`);
    return runtime;
  }

  private touch(namespace: string): Map<string, unknown> {
    let states = this.namespaces.get(namespace);
    if (states) {
      if (namespace !== DEFAULT_NAMESPACE) {
        // Re-inserting moves the namespace to the young end of the Map's insertion order.
        this.namespaces.delete(namespace);
        this.namespaces.set(namespace, states);
      }
      return states;
    }
    states = new Map();
    this.namespaces.set(namespace, states);
    this.evict();
    return states;
  }

  private evict(): void {
    for (const name of this.namespaces.keys()) {
      if (this.namespaces.size <= this.maxNamespaces + 1) return;
      if (name !== DEFAULT_NAMESPACE) this.namespaces.delete(name);
    }
  }
}
