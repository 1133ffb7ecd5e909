// What GET /_emulator/namespaces shows of each namespace alive: its records per vendor (of the states built so
// far; the others are still the fixtures), its fault rules and journal entries, and when it was last used.
import type { ControlDeps } from './context';

export interface NamespaceSummary {
  name: string;
  /** Vendor -> record kind -> count, for the vendors whose state this namespace has built. */
  records: Record<string, Record<string, number>>;
  faults: number;
  journalEntries: number;
  /** The time of its latest journaled request, null when the journal has none. */
  lastUsed: string | null;
}

export function namespaceSummaries(deps: ControlDeps): NamespaceSummary[] {
  const latest = new Map<string, { time: number; count: number }>();
  for (const entry of deps.journal.query({})) {
    const seen = latest.get(entry.namespace);
    latest.set(entry.namespace, { time: entry.time, count: (seen?.count ?? 0) + 1 });
  }
  return deps.namespaces.names().map((name) => {
    const records: Record<string, Record<string, number>> = {};
    for (const runtime of deps.runtimes) {
      // existingState never builds a state nor changes which namespace is the least recently used.
      const state = deps.namespaces.existingState(name, runtime.name);
      if (state !== undefined) records[runtime.name] = runtime.module.countRecords(state);
    }
    const used = latest.get(name);
    return {
      name,
      records,
      faults: deps.namespaces.peek(name)?.faults.size ?? 0,
      journalEntries: used?.count ?? 0,
      lastUsed: used ? new Date(used.time).toISOString() : null,
    };
  });
}
