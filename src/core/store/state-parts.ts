// A namespace as the shared store sees it: named parts (each vendor's state, and the fault rules), each
// written as JSON text and read back into the process's NamespaceRegistry, which stays the working copy.
import type { FaultRule } from '../faults/fault-rules';
import { FaultSet } from '../faults/fault-rules';
import type { NamespaceRegistry } from '../namespaces';

/** The part holding a namespace's fault rules (a name no vendor can have: vendor names are identifiers). */
export const FAULTS_PART = '_faults';

export class StateParts {
  constructor(private readonly registry: NamespaceRegistry) {}

  /** Every part of a namespace: the vendors, then the fault rules. */
  all(): string[] {
    return [...this.registry.vendors, FAULTS_PART];
  }

  /** The part's current text in this process. */
  text(namespace: string, part: string): string {
    if (part === FAULTS_PART) return JSON.stringify(this.registry.get(namespace).faults.list());
    return JSON.stringify(this.registry.export(namespace, part));
  }

  /** Makes the process's copy of a part the given text (null: as never written). */
  adopt(namespace: string, part: string, text: string | null): void {
    const ns = this.registry.get(namespace);
    if (part === FAULTS_PART) {
      const faults = new FaultSet();
      for (const rule of text === null ? [] : (JSON.parse(text) as FaultRule[])) faults.add(rule);
      ns.faults = faults;
    } else if (text === null) {
      ns.states.delete(part);
    } else {
      // The store only ever holds what an emulator exported, so it is not checked against the schema again.
      ns.states.set(part, this.registry.buildUnchecked(part, JSON.parse(text)));
    }
  }
}
