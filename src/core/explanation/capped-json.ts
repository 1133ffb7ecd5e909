// JSON text of a record, cut at a length without serializing the rest: a share with 14,000 permissions
// costs as much as its first thousand characters. Maps and Sets show as objects and arrays of their entries.
import { EXPLANATION_LIMITS } from './explanation';

/** Nesting shown before a value is cut (records are shallow; this only bounds the walk). */
const DEPTH_LIMIT = 20;

class Budget extends Error {}

export function cappedJson(value: unknown, limit: number = EXPLANATION_LIMITS.text): string {
  const out: string[] = [];
  let length = 0;
  const emit = (text: string): void => {
    out.push(text);
    length += text.length;
    if (length > limit) throw new Budget();
  };
  const write = (v: unknown, depth: number): void => {
    if (v === null || typeof v === 'boolean') return emit(String(v));
    if (typeof v === 'number') return emit(Number.isFinite(v) ? String(v) : 'null');
    if (typeof v === 'string') return emit(JSON.stringify(v.length > limit ? v.slice(0, limit) : v));
    if (typeof v !== 'object' || depth >= DEPTH_LIMIT) return emit(typeof v === 'object' ? '"…"' : 'null');
    const entries: Iterable<[string, unknown]> | undefined = v instanceof Map ? v : Array.isArray(v) || v instanceof Set ? undefined : Object.entries(v);
    if (entries === undefined) {
      emit('[');
      let first = true;
      for (const item of v as Iterable<unknown>) {
        if (!first) emit(',');
        first = false;
        write(item, depth + 1);
      }
      return emit(']');
    }
    emit('{');
    let first = true;
    for (const [key, item] of entries) {
      if (item === undefined || typeof item === 'function') continue;
      if (!first) emit(',');
      first = false;
      emit(`${JSON.stringify(String(key))}:`);
      write(item, depth + 1);
    }
    emit('}');
  };
  try {
    write(value, 0);
    return out.join('');
  } catch (error) {
    if (!(error instanceof Budget)) throw error;
    return `${out.join('').slice(0, limit)}…`;
  }
}
