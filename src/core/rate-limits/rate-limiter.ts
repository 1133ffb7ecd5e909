// Counts each authenticated call against its vendor's limit, per namespace and per credential, on the
// emulator's clock, and refuses the call with TooManyRequests when the bucket is empty. Off for a vendor
// unless the settings name it; without any vendor named there is no limiter at all.
import type { Clock } from '../clock';
import { TooManyRequests } from '../errors';
import type { AnyVendorModule } from '../vendor';
import type { RateLimitSettings } from './config';
import type { RateLimit } from './policy';
import { TokenBucket } from './token-bucket';

/** Buckets kept before the full ones (which remember nothing) are dropped. */
const PRUNE_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  private constructor(
    private readonly limits: ReadonlyMap<string, RateLimit>,
    private readonly clock: Clock,
  ) {}

  /** A limiter for the vendors the settings name, or undefined when none is named (nothing changes). */
  static create(settings: RateLimitSettings | undefined, modules: readonly AnyVendorModule[], clock: Clock): RateLimiter | undefined {
    const limits = new Map<string, RateLimit>();
    for (const module of modules) {
      const override = settings?.[module.name];
      if (override === undefined || module.rateLimit === undefined) continue;
      limits.set(module.name, { ...module.rateLimit.defaults, ...override });
    }
    return limits.size === 0 ? undefined : new RateLimiter(limits, clock);
  }

  /** Counts one call of `principal` to `module` in `namespace`; throws TooManyRequests over the limit. */
  admit(namespace: string, module: AnyVendorModule, principal: unknown): void {
    const limit = this.limits.get(module.name);
    if (limit === undefined || module.rateLimit === undefined) return;
    const subject = module.rateLimit.subject(principal);
    const key = `${namespace}\u0000${module.name}\u0000${subject.key}`;
    const now = this.clock.now().getTime();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= PRUNE_AT) this.prune(now);
      bucket = new TokenBucket(limit, now);
      this.buckets.set(key, bucket);
    }
    const refusal = bucket.take(now);
    if (refusal === undefined) return;
    const seconds = Math.max(1, Math.ceil(refusal.elapsedMs / 1000));
    throw new TooManyRequests(
      `${subject.label} made ${refusal.calls} calls in ${seconds} s; the limit is ${limit.perSecond} a second with bursts up to ${limit.burst}.`,
      Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)),
      limit,
      refusal.fullAtMs,
    );
  }

  /** Forgets the counts of a namespace (of one vendor only, if given): a reset starts every caller afresh. */
  forget(namespace: string, vendor?: string): void {
    const prefix = vendor === undefined ? `${namespace}\u0000` : `${namespace}\u0000${vendor}\u0000`;
    for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}
