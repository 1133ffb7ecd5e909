// The shapes the console reads from the control plane (specs/emulator.openapi.yaml is their contract).

/** A journal entry exactly as the emulator's own code types it (type-only: nothing is bundled). */
export type { JournalEntryView as JournalEntry } from '../../src/control/journal-view';
import type { JournalEntryView } from '../../src/control/journal-view';
export type JournalMessage = JournalEntryView['request'];

export interface FaultRule {
  id: string;
  match: { vendor?: string; operationId?: string; method?: string; path?: string; pathPattern?: string };
  action: { status?: number; message?: string; retryAfter?: number; delayMs?: number; drop?: boolean };
  times?: number;
  fired: number;
  createdAt: string;
}

export interface NamespaceSummary {
  name: string;
  records: Record<string, Record<string, number>>;
  faults: number;
  journalEntries: number;
  lastUsed: string | null;
}

export interface Health {
  status: 'ok';
  version: string;
  vendors: string[];
}
