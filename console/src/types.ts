// The shapes the console reads from the control plane (specs/emulator.openapi.yaml is their contract).

export interface JournalMessage {
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
}

export interface JournalEntry {
  id: string;
  time: string;
  namespace: string;
  vendor: string | null;
  operationId: string | null;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  fault?: string;
  validation?: 'passed' | 'rejected';
  violations?: string[];
  truncated?: boolean;
  /** Why the emulator answered as it did, when the emulator records one; shown as it comes. */
  explanation?: unknown;
  request: JournalMessage;
  response: JournalMessage;
}

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
