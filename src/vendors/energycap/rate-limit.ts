// EnergyCAP publishes no rate limit. [A] The emulator's default: 10 calls a second per user (whether it
// authenticated with ECI-ApiKey or a bearer token), bursts up to 100; RATE_LIMITS=energycap=PER_SECOND/BURST.
import type { RateLimitPolicy } from '../../core/rate-limits/policy';
import type { EnergycapPrincipal } from './auth';

export const energycapRateLimit: RateLimitPolicy<EnergycapPrincipal> = {
  defaults: { perSecond: 10, burst: 100 },
  subject: ({ user }) => ({ key: String(user.userId), label: `user ${user.userCode}` }),
};
