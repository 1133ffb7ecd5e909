// A token bucket on the emulator's clock: `burst` tokens, refilled continuously at `perSecond`; a call takes
// one. It also counts the calls made since it was last full, so a refusal can say "made 201 calls in 1 s".
import type { RateLimit } from './policy';

export interface Refusal {
  /** Calls made since the bucket was last full, this one included. */
  calls: number;
  /** Milliseconds since the bucket was last full. */
  elapsedMs: number;
  /** Milliseconds until one call is allowed again. */
  retryAfterMs: number;
  /** Epoch milliseconds when the bucket is full again. */
  fullAtMs: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private fullSince: number;
  private calls = 0;

  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = nowMs;
    this.fullSince = nowMs;
  }

  /** Takes one token, or says why not. */
  take(nowMs: number): Refusal | undefined {
    this.refill(nowMs);
    this.calls++;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    const missing = 1 - this.tokens;
    return {
      calls: this.calls,
      elapsedMs: nowMs - this.fullSince,
      retryAfterMs: Math.ceil((missing * 1000) / this.limit.perSecond),
      fullAtMs: this.fullAtMs(nowMs),
    };
  }

  /** True when the bucket has refilled completely by `nowMs` (nothing to remember). */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.limit.burst;
  }

  private fullAtMs(nowMs: number): number {
    return nowMs + Math.ceil(((this.limit.burst - this.tokens) * 1000) / this.limit.perSecond);
  }

  private refill(nowMs: number): void {
    // A clock moved backwards (a test pinning time) refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, nowMs - this.updatedAt);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond) / 1000);
    this.updatedAt = Math.max(this.updatedAt, nowMs);
    if (this.tokens >= this.limit.burst) {
      this.fullSince = this.updatedAt;
      this.calls = 0;
    }
  }
}
