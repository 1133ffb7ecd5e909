// Random ids and tokens: crypto-strong by default, or a seeded PRNG so a run can be repeated exactly.
import { randomBytes } from 'node:crypto';

export interface Random {
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  uuid(): string;
  /** A float in [0, 1). */
  next(): number;
}

export const ALPHANUMERIC_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function createRandom(seed?: number): Random {
  const bytes = seed === undefined ? cryptoBytes : seededBytes(seed);
  const next = (): number => {
    const b = bytes(4);
    return ((b[0] as number) * 2 ** 24 + (b[1] as number) * 2 ** 16 + (b[2] as number) * 2 ** 8 + (b[3] as number)) / 2 ** 32;
  };
  return {
    next,
    string(length, alphabet) {
      let out = '';
      for (let k = 0; k < length; k++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    uuid() {
      const b = bytes(16);
      b[6] = ((b[6] as number) & 0x0f) | 0x40;
      b[8] = ((b[8] as number) & 0x3f) | 0x80;
      const hex = Buffer.from(b).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

function cryptoBytes(n: number): Uint8Array {
  return randomBytes(n);
}

/** mulberry32: small, fast, and good enough for ids that only need to be repeatable. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let a = seed >>> 0;
  const word = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => {
    const out = new Uint8Array(n);
    for (let k = 0; k < n; k += 4) {
      const w = word();
      for (let j = 0; j < 4 && k + j < n; j++) out[k + j] = (w >>> (8 * j)) & 0xff;
    }
    return out;
  };
}
