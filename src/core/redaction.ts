// Credentials never leave the emulator through the journal: each vendor names where its credentials
// travel (headers, query parameters, body fields) and these are masked when entries are read.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface CredentialLocations {
  /** Lower-case header names; an Authorization value keeps its scheme (`Api-Token ***`). */
  headers: readonly string[];
  query: readonly string[];
  /** Top-level JSON body fields (Luzmo sends key and token in the body). */
  bodyFields: readonly string[];
}

export const MASK = '***';

export function redactHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!names.includes(name.toLowerCase()) || value === undefined) {
      out[name] = value;
      continue;
    }
    const text = String(value);
    const scheme = /^(\S+)\s+\S/.exec(text);
    out[name] = name.toLowerCase() === 'authorization' && scheme ? `${scheme[1] as string} ${MASK}` : MASK;
  }
  return out;
}

export function redactQuery(rawQuery: string, names: readonly string[]): string {
  if (rawQuery === '' || names.length === 0) return rawQuery;
  return rawQuery
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeSafe(eq < 0 ? pair : pair.slice(0, eq));
      return names.includes(name) ? `${pair.slice(0, eq < 0 ? pair.length : eq)}=${MASK}` : pair;
    })
    .join('&');
}

export function redactBody(body: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of fields) if (field in out && out[field] !== undefined && out[field] !== null) out[field] = MASK;
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
