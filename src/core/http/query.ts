// Query strings as a map of name -> every value given, so array parameters (?tags=a&tags=b) keep them all.

export function parseQuery(rawQuery: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (rawQuery === '') return out;
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}
