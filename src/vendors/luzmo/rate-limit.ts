// Luzmo's documented rate limit (developer.luzmo.com guide "API rate limits"): at most 10 calls a second per
// authorization token, burstable up to 200; counted per key/token pair, named by its key masked as the journal masks it.
import type { RateLimitPolicy } from '../../core/rate-limits/policy';
import { maskCredential } from '../../core/explanation/explanation';
import type { LuzmoPrincipal } from './auth';

export const luzmoRateLimit: RateLimitPolicy<LuzmoPrincipal> = {
  defaults: { perSecond: 10, burst: 200 },
  subject: ({ credential }) => ({ key: `${credential.key}\u0000${credential.token}`, label: `API key ${maskCredential(credential.key)}` }),
};
