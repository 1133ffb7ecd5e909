// A journal entry as GET /_emulator/requests shows it: bodies as JSON where they parse, and every
// credential the vendor declares (headers, query parameters, body fields) masked.
import type { JournalRecord } from '../core/journal';
import type { CredentialLocations } from '../core/redaction';
import { redactBody, redactHeaders, redactQuery } from '../core/redaction';

const NO_CREDENTIALS: CredentialLocations = { headers: ['authorization'], query: [], bodyFields: [] };

export function journalView(e: JournalRecord, credentials: CredentialLocations = NO_CREDENTIALS): Record<string, unknown> {
  const view: Record<string, unknown> = {
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
  };
  if (e.fault !== undefined) view.fault = e.fault;
  if (e.validation !== undefined) view.validation = e.validation;
  // Why a request was refused by the schema, in the emulator's words (the vendor envelope may say less).
  if (e.violations !== undefined) view.violations = e.violations;
  if (e.truncated) view.truncated = true;
  if (e.explanation !== undefined) view.explanation = e.explanation;
  view.request = {
    headers: redactHeaders(e.requestHeaders, credentials.headers),
    body: redactBody(bodyOf(e.requestText), credentials.bodyFields),
  };
  view.response = { headers: { ...e.responseHeaders }, body: bodyOf(e.responseText) };
  return view;
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
