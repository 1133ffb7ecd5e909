// What a vendor module declares about its rate limit: the documented figures and what one bucket counts
// (a token, a key/token pair, a user). The core counts and refuses; the vendor renders the 429.

/** A token bucket: `burst` calls at once, refilled at `perSecond` calls a second. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** One bucket's owner: `key` identifies it, `label` names it in messages without giving the secret away. */
export interface RateLimitSubject {
  key: string;
  label: string;
}

export interface RateLimitPolicy<Principal> {
  /** The vendor's documented (or, marked [A], chosen) limit. */
  defaults: RateLimit;
  /** What the call is counted against, from the authenticated caller. */
  subject(principal: Principal): RateLimitSubject;
}
