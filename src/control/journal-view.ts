// A journal entry as GET /_emulator/requests shows it: bodies as JSON where they parse, and every
// credential the vendor declares (headers, query parameters, body fields) masked.
import type { Explanation } from '../core/explanation/explanation';
import type { JournalRecord } from '../core/journal';
import type { CredentialLocations } from '../core/redaction';
import { redactBody, redactHeaders, redactQuery } from '../core/redaction';

/** One entry as GET /_emulator/requests (and the in-process API) returns it: specs/emulator.openapi.yaml JournalEntry. */
export type JournalEntryView = {
  id: string;
  /** ISO 8601. */
  time: string;
  namespace: string;
  vendor: string | null;
  operationId: string | null;
  method: string;
  path: string;
  /** The raw query string, credentials masked. */
  query: string;
  status: number;
  durationMs: number;
  fault?: string;
  validation?: 'passed' | 'rejected';
  violations?: string[];
  truncated?: boolean;
  /** Why the emulator answered so. */
  explanation?: Explanation;
  request: { headers: Record<string, unknown>; body: unknown };
  response: { headers: Record<string, unknown>; body: unknown };
};

const NO_CREDENTIALS: CredentialLocations = { headers: ['authorization'], query: [], bodyFields: [] };

export function journalView(e: JournalRecord, credentials: CredentialLocations = NO_CREDENTIALS): JournalEntryView {
  return {
    id: e.id,
    time: new Date(e.time).toISOString(),
    namespace: e.namespace,
    vendor: e.vendor,
    operationId: e.operationId,
    method: e.method,
    path: e.path,
    query: redactQuery(e.rawQuery, credentials.query),
    status: e.status,
    durationMs: Math.round(e.durationMs * 1000) / 1000,
    ...(e.fault === undefined ? {} : { fault: e.fault }),
    ...(e.validation === undefined ? {} : { validation: e.validation }),
    // Why a request was refused by the schema, in the emulator's words (the vendor envelope may say less).
    ...(e.violations === undefined ? {} : { violations: e.violations }),
    ...(e.truncated ? { truncated: true } : {}),
    ...(e.explanation === undefined ? {} : { explanation: e.explanation.read() }),
    request: {
      headers: redactHeaders(e.requestHeaders, credentials.headers),
      body: redactBody(bodyOf(e.requestText), credentials.bodyFields),
    },
    response: { headers: { ...e.responseHeaders }, body: bodyOf(e.responseText) },
  };
}

/** JSON when it parses (and can be written back out), the text otherwise, null when empty. */
function bodyOf(text: string): unknown {
  if (text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    JSON.stringify(parsed); // absurdly deep documents cannot be re-serialized: keep those as text
    return parsed;
  } catch {
    return text;
  }
}
