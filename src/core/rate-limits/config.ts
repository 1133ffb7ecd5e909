// The rate-limit switch: `luzmo,desk`, `all`, or per vendor figures `luzmo=5/100` (5 calls a second, bursts of
// 100). Off unless named; a named vendor without figures uses its module's documented defaults.
import type { RateLimit } from './policy';

/** Vendors with rate limits on, each with the figures that replace its defaults (if any). */
export type RateLimitSettings = Readonly<Record<string, Partial<RateLimit>>>;

export class RateLimitConfigError extends Error {}

export function parseRateLimits(text: string, vendors: readonly string[]): RateLimitSettings {
  const settings: Record<string, Partial<RateLimit>> = {};
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name = '', figures] = entry.split('=', 2);
    const targets = name === 'all' ? vendors : [name];
    if (name !== 'all' && !vendors.includes(name)) throw new RateLimitConfigError(`rate limits: unknown vendor "${name}" (use ${[...vendors, 'all'].join(', ')})`);
    const limit = figures === undefined ? {} : parseFigures(figures);
    for (const vendor of targets) settings[vendor] = limit;
  }
  return settings;
}

function parseFigures(text: string): Partial<RateLimit> {
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(text);
  const perSecond = Number(match?.[1]);
  const burst = Number(match?.[2]);
  if (!match || !(perSecond > 0) || !(burst >= 1)) {
    throw new RateLimitConfigError(`rate limits: "${text}" is not <calls per second>/<burst>, e.g. 10/200 (both positive)`);
  }
  return { perSecond, burst };
}
