// "Copy as curl" for a journal entry. The journal never keeps credentials (they are masked as *** when the
// entry is recorded), so the command carries the mask: put the real token or key in its place.

const SKIPPED_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'transfer-encoding']);

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlCommand(entry: { method: string; path: string; query: string; request: { headers: Record<string, unknown>; body: unknown } }, origin: string): string {
  const url = `${origin}${entry.path}${entry.query === '' ? '' : `?${entry.query}`}`;
  const parts = ['curl', '-X', entry.method, quote(url)];
  for (const [name, value] of Object.entries(entry.request.headers)) {
    if (SKIPPED_HEADERS.has(name.toLowerCase()) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) parts.push('-H', quote(`${name}: ${String(one)}`));
  }
  const body = entry.request.body;
  if (body !== null && body !== undefined) parts.push('--data-raw', quote(typeof body === 'string' ? body : JSON.stringify(body)));
  return parts.join(' ');
}
