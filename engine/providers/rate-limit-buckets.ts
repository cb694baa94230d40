/**
 * A provider's rate limits as token buckets: one for requests, one for tokens, each refilled
 * continuously at its per-minute limit and starting full. A bucket holds its burst, or the share of
 * the limit its granularity gives (a minute's, or a second's: rpm / 60). A request needs one
 * request and its tokens; a request larger than a bucket needs it full and leaves it in debt, and
 * one with more tokens than the whole per-minute limit is never admitted ("request too large").
 */
import type { ProviderModel } from './types.js';

const EPSILON = 1e-9;

export class RateLimitBuckets {
  readonly requestCapacity: number;
  readonly tokenCapacity: number;
  private requests: number;
  private tokens: number;
  private lastMs = 0;

  constructor(private readonly limits: ProviderModel['rateLimits']) {
    const share = limits.granularity === 'second' ? 1 / 60 : 1;
    this.requestCapacity = limits.requestBurst ?? limits.requestsPerMinute * share;
    this.tokenCapacity = limits.tokenBurst ?? limits.tokensPerMinute * share;
    this.requests = this.requestCapacity;
    this.tokens = this.tokenCapacity;
  }

  /** Whether the provider has any limit. */
  get limited(): boolean {
    return this.limits.requestsPerMinute !== Number.POSITIVE_INFINITY || this.limits.tokensPerMinute !== Number.POSITIVE_INFINITY;
  }

  /** Admits a request of `tokens` at `nowMs` (never earlier than the last call), taking it from the buckets. */
  admit(nowMs: number, tokens: number): boolean {
    const { requestsPerMinute, tokensPerMinute } = this.limits;
    const elapsed = nowMs - this.lastMs;
    this.lastMs = nowMs;
    if (requestsPerMinute !== Number.POSITIVE_INFINITY) this.requests = Math.min(this.requestCapacity, this.requests + (elapsed * requestsPerMinute) / 60_000);
    if (tokensPerMinute !== Number.POSITIVE_INFINITY) this.tokens = Math.min(this.tokenCapacity, this.tokens + (elapsed * tokensPerMinute) / 60_000);
    // The tolerance absorbs the rounding of many small refills (a bucket refilled to exactly 1 may hold 0.9999999999).
    if (tokens > tokensPerMinute || this.requests < this.requestNeed() - EPSILON || this.tokens < this.tokenNeed(tokens) - EPSILON) return false;
    this.requests -= 1;
    this.tokens -= tokens;
    return true;
  }

  /**
   * The Retry-After the provider sends with the 429 of a request of `tokens` just refused, in ms
   * (whole seconds, at least 1 s): the wait until it fits, or until the buckets are full again
   * (`reset`); null when the provider sends none.
   */
  retryAfterMs(tokens: number): number | null {
    const { requestsPerMinute, tokensPerMinute, retryAfter } = this.limits;
    if (retryAfter === 'none') return null;
    const reset = retryAfter === 'reset';
    const waitMs = (level: number, goal: number, perMinute: number): number => (perMinute === Number.POSITIVE_INFINITY ? 0 : ((goal - level) * 60_000) / perMinute);
    const wait =
      tokens > tokensPerMinute
        ? 60_000
        : Math.max(
            waitMs(this.requests, reset ? this.requestCapacity : this.requestNeed(), requestsPerMinute),
            waitMs(this.tokens, reset ? this.tokenCapacity : this.tokenNeed(tokens), tokensPerMinute),
            0,
          );
    return Math.max(1, Math.ceil(wait / 1000)) * 1000;
  }

  /** What a request needs in a bucket: all of it, or the whole bucket when it is larger (it then leaves debt). */
  private requestNeed(): number {
    return Math.min(1, this.requestCapacity);
  }

  private tokenNeed(tokens: number): number {
    return Math.min(tokens, this.tokenCapacity);
  }
}
