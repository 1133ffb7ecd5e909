// JSON text positions: where a syntax error is (offset, line, column, JSON path being read) and where the
// value at a given path starts. Only used on the error path, after JSON.parse has already failed or a
// value was rejected, so it favours clarity over speed; it is iterative so deep nesting cannot overflow.
import type { TextPosition } from '../errors';
import { MalformedBody } from '../errors';

type Segment = string | number;
interface Frame {
  kind: 'object' | 'array';
  key: Segment | null;
  /** object: 'key' | 'colon' | 'value' | 'comma'; array: 'value' | 'comma' */
  expect: 'key' | 'colon' | 'value' | 'comma' | 'first';
}

/**
 * The deepest nesting the emulator stores, well inside what JSON.stringify can write back: a deeper document
 * could be stored but never served again. Vendors declare their own limit up to this one.
 */
export const STORABLE_JSON_DEPTH = 1000;

/** Parses JSON text; on failure (or nesting deeper than `maxDepth`) throws MalformedBody with the position and path. */
export function parseJsonText(text: string, maxDepth: number = STORABLE_JSON_DEPTH): unknown {
  const limit = Math.min(maxDepth, STORABLE_JSON_DEPTH);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const position = scan(text, null) ?? positionAt(text, Math.max(0, text.length - 1), []);
    throw new MalformedBody(position, `invalid JSON near line ${position.line} column ${position.column}`);
  }
  // Nesting deeper than the limit needs at least two brackets per level, so short documents skip the scan.
  if (text.length > 2 * limit) {
    const offset = tooDeepAt(text, limit);
    if (offset >= 0) {
      const position = positionAt(text, offset, []);
      throw new MalformedBody(position, `nesting deeper than ${limit} levels near line ${position.line} column ${position.column}`);
    }
  }
  return parsed;
}

/** Offset of the first bracket past `limit` levels (outside strings), or -1. */
function tooDeepAt(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return -1;
}

/**
 * Where the first (in text order) of the values at `paths` starts in valid JSON text, and which path it is;
 * null if none is there. One pass over the text, however many paths are asked for.
 */
export function firstPositionOf(text: string, paths: readonly (readonly Segment[])[]): { index: number; position: TextPosition } | null {
  const keys = new Map<string, number>();
  paths.forEach((path, index) => {
    const key = pathKey(path);
    if (!keys.has(key)) keys.set(key, index);
  });
  const position = scan(text, keys);
  return position ? { index: keys.get(pathKey(position.path)) as number, position } : null;
}

function pathKey(path: readonly Segment[]): string {
  return path.map(String).join('\u0000');
}

/**
 * Walks the text. With target path keys, returns where the first of those values starts; without, returns
 * where the text stops being valid JSON (or null if it is valid).
 */
function scan(text: string, target: ReadonlyMap<string, number> | null): TextPosition | null {
  const stack: Frame[] = [];
  let i = skipWs(text, 0);
  let expectRootValue = true;
  // A finished member no longer counts: the top frame's key is part of the path only while its value is read.
  const currentPath = (): Segment[] => {
    const out: Segment[] = [];
    stack.forEach((f, k) => {
      const finished = k === stack.length - 1 && (f.expect === 'comma' || f.expect === 'key');
      if (f.key !== null && !finished) out.push(f.key);
    });
    return out;
  };
  const fail = (at: number): TextPosition | null => (target ? null : positionAt(text, at, currentPath()));
  const atTarget = (): boolean => target !== null && target.has(pathKey(currentPath()));

  while (true) {
    const top = stack[stack.length - 1];
    const expectsValue = top ? top.expect === 'value' || (top.kind === 'array' && top.expect === 'first') : expectRootValue;
    if (i >= text.length) return expectsValue || stack.length > 0 ? fail(text.length) : null;
    const ch = text[i] as string;

    if (top && top.kind === 'array' && top.expect === 'first' && ch === ']') {
      stack.pop();
      top.key = null;
      i = skipWs(text, i + 1);
      if (stack.length === 0) return finish(text, i, target);
      continue;
    }
    if (expectsValue) {
      if (top && top.kind === 'array' && top.expect === 'first') {
        top.key = 0;
        top.expect = 'value';
      }
      if (atTarget()) return positionAt(text, i, currentPath());
      const valueStart = i;
      if (top) top.expect = 'comma';
      else expectRootValue = false;
      if (ch === '{' || ch === '[') {
        stack.push({ kind: ch === '{' ? 'object' : 'array', key: null, expect: ch === '{' ? 'key' : 'first' });
        if (ch === '{') {
          const j = skipWs(text, i + 1);
          if (text[j] === '}') {
            stack.pop();
            i = skipWs(text, j + 1);
            if (stack.length === 0) return finish(text, i, target);
            continue;
          }
          i = j;
        } else {
          i = skipWs(text, i + 1);
        }
        continue;
      }
      const end = scalarEnd(text, valueStart);
      if (end < 0) {
        if (top) top.expect = 'value';
        return fail(valueStart);
      }
      i = skipWs(text, end);
      if (stack.length === 0) return finish(text, i, target);
      continue;
    }
    if (!top) return fail(i);
    if (top.expect === 'key') {
      if (ch !== '"') return fail(i);
      const end = stringEnd(text, i);
      if (end < 0) return fail(i);
      top.key = JSON.parse(text.slice(i, end)) as string;
      i = skipWs(text, end);
      if (text[i] !== ':') return fail(i);
      top.expect = 'value';
      i = skipWs(text, i + 1);
      continue;
    }
    // expect 'comma': either a separator or the end of the container
    if (ch === ',') {
      if (top.kind === 'array') {
        top.key = (top.key as number) + 1;
        top.expect = 'value';
      } else {
        top.expect = 'key';
      }
      i = skipWs(text, i + 1);
      continue;
    }
    if ((ch === '}' && top.kind === 'object') || (ch === ']' && top.kind === 'array')) {
      stack.pop();
      i = skipWs(text, i + 1);
      if (stack.length === 0) return finish(text, i, target);
      continue;
    }
    return fail(i);
  }
}

function finish(text: string, i: number, target: ReadonlyMap<string, number> | null): TextPosition | null {
  if (target) return null;
  return i < text.length ? positionAt(text, i, []) : null;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** End (exclusive) of the string starting at i, or -1 if it is not a valid JSON string. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const next = text[j + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -1;
        j += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        j += 1;
      } else {
        return -1;
      }
    }
  }
  return -1;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** End (exclusive) of the scalar (string, number, literal) at i, or -1. */
function scalarEnd(text: string, i: number): number {
  const ch = text[i];
  if (ch === '"') return stringEnd(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : -1;
}

export function positionAt(text: string, offset: number, path: readonly Segment[]): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, path };
}
