// DESK's rate limit. The vendor documents a per-environment request thread pool with a queue (429 when both
// are full, or after 10 s in the queue) and no figure [doc: api-access-limit]; the emulator counts per API token
// [A], 50 calls a second with bursts up to 100 [A], configurable with RATE_LIMITS=desk=PER_SECOND/BURST.
import type { RateLimitPolicy } from '../../core/rate-limits/policy';
import type { DeskPrincipal } from './auth';
import { maskedToken } from './auth';

export const deskRateLimit: RateLimitPolicy<DeskPrincipal> = {
  defaults: { perSecond: 50, burst: 100 },
  // `dt0c01.<public id>.<secret>`: the public part names the token, the secret stays masked.
  subject: ({ token }) => ({ key: token.token, label: `token ${maskedToken(token.token)}` }),
};
