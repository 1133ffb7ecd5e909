// What the emulator tolerated in a body: the differences between the JSON as sent and the body as the vendor
// read it (string booleans coerced, nulls read as absent, property names matched in another case, defaults
// filled in). One generic comparison covers every vendor's [A] readings, so none has to report its own.
import { EXPLANATION_LIMITS, capText } from './explanation';

/** Bodies larger than this are not compared (the comparison re-parses the text). */
export const LENIENT_COMPARE_LIMIT = 16 * 1024;
/** Values visited at most, whatever the body's shape. */
const NODES_LIMIT = 2000;

type Json = unknown;

export function lenientReadings(sentText: string, read: Json): string[] {
  if (sentText.length > LENIENT_COMPARE_LIMIT) return [];
  // Read exactly as sent (compact JSON, as most clients send it, nothing coerced, dropped or filled in):
  // serializing the small body read costs a fraction of parsing the text again and comparing. This holds
  // because a body read holds only JSON values (parsed, then coerced to other JSON values), which
  // JSON.stringify renders without loss; a body it renders differently just takes the full comparison.
  if (JSON.stringify(read) === sentText) return [];
  let sent: Json;
  try {
    sent = JSON.parse(sentText);
  } catch {
    return []; // the vendor's own parser read it (e.g. duplicate keys); nothing to compare with
  }
  const out: string[] = [];
  const stack: [Json, Json, string][] = [[sent, read, '']];
  let visited = 0;
  while (stack.length > 0 && out.length < EXPLANATION_LIMITS.lenientReadings && visited++ < NODES_LIMIT) {
    const [s, r, pointer] = stack.pop() as [Json, Json, string];
    if (isObject(s) && isObject(r)) {
      compareObjects(s, r, pointer, out, stack);
    } else if (Array.isArray(s) && Array.isArray(r)) {
      for (let i = Math.min(s.length, r.length) - 1; i >= 0; i--) stack.push([s[i], r[i], `${pointer}/${i}`]);
    } else if (typeOf(s) !== typeOf(r)) {
      out.push(`${pointer || '(body)'}: ${typeOf(s)} ${show(s)} read as ${typeOf(r)} ${show(r)}`);
    }
  }
  return out;
}

function compareObjects(s: Record<string, Json>, r: Record<string, Json>, pointer: string, out: string[], stack: [Json, Json, string][]): void {
  const readKeys = new Set(Object.keys(r));
  for (const key of Object.keys(s)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (readKeys.delete(key)) {
      stack.push([s[key], r[key], at]);
      continue;
    }
    const renamed = [...readKeys].find((k) => k.toLowerCase() === key.toLowerCase() && !(k in s));
    if (renamed !== undefined) {
      readKeys.delete(renamed);
      out.push(`${at}: property "${key}" read as "${renamed}"`);
      stack.push([s[key], r[renamed], `${pointer}/${escapePointer(renamed)}`]);
    } else if (s[key] === null) {
      out.push(`${at}: null read as absent`);
    } else {
      out.push(`${at}: ignored`);
    }
  }
  for (const key of readKeys) out.push(`${pointer}/${escapePointer(key)}: absent, read as ${show(r[key])}`);
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function show(value: Json): string {
  return capText(JSON.stringify(value) ?? 'undefined', 80);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
