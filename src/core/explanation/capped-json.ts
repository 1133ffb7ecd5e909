// JSON text of a record, cut at a length without serializing the rest: a share with 14,000 permissions
// costs as much as its first thousand characters. Maps and Sets show as objects and arrays of their entries.
import { countNodesUpTo } from '../validation/node-count';
import { EXPLANATION_LIMITS } from './explanation';

/** Nesting shown before a value is cut (records are shallow; this only bounds the walk). */
const DEPTH_LIMIT = 20;

class Budget extends Error {}

/** Plain values of at most this many nodes go through the native JSON.stringify (the common, small case). */
const SMALL_NODES = 64;

export function cappedJson(value: unknown, limit: number = EXPLANATION_LIMITS.text): string {
  // The count stops at the first node past the budget: a share with 14,000 permissions costs 65 steps here.
  if (countNodesUpTo(value, SMALL_NODES + 1) <= SMALL_NODES) {
    const text = JSON.stringify(value) ?? 'null';
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  }
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
    if (Array.isArray(v) || v instanceof Set) {
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
    const member = (key: unknown, item: unknown): void => {
      if (item === undefined || typeof item === 'function') return;
      if (!first) emit(',');
      first = false;
      emit(`${JSON.stringify(String(key))}:`);
      write(item, depth + 1);
    };
    // for...in, not Object.entries: the budget stops the walk before a wide object is copied into pairs.
    if (v instanceof Map) for (const [key, item] of v) member(key, item);
    else for (const key in v) if (Object.hasOwn(v, key)) member(key, (v as Record<string, unknown>)[key]);
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
