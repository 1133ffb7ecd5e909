// Query strings as a map of name -> every value given, so array parameters (?tags=a&tags=b) keep them all.

const NO_QUERY: ReadonlyMap<string, string[]> = new Map();

export function parseQuery(rawQuery: string): ReadonlyMap<string, string[]> {
  if (rawQuery === '') return NO_QUERY;
  const out = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}
