// The JSON text of a response body, made once per body object when nothing can change it any more (frozen all
// the way down, see settled.ts): a vendor that answers an unchanged record with the same frozen view serves its text again.
import { settledSize } from '../settled';

export interface JsonText {
  text: string;
  /** Its length in UTF-8, the Content-Length. */
  bytes: number;
}

/** Keyed by the body object, so a view nobody serves any more takes its text along when it is collected. */
const texts = new WeakMap<object, JsonText>();

export function jsonTextOf(body: unknown): JsonText {
  const isObject = typeof body === 'object' && body !== null;
  if (isObject) {
    const known = texts.get(body);
    if (known !== undefined) return known;
  }
  const text = JSON.stringify(body);
  const made: JsonText = { text, bytes: Buffer.byteLength(text) };
  if (isObject && Object.isFrozen(body) && settledSize(body) !== undefined) texts.set(body, made);
  return made;
}
