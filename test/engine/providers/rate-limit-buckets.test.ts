import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitBuckets } from '../../../engine/providers/rate-limit-buckets.js';
import type { ProviderModel } from '../../../engine/providers/index.js';

const limits = (over: Partial<ProviderModel['rateLimits']>): ProviderModel['rateLimits'] => ({
  requestsPerMinute: Number.POSITIVE_INFINITY,
  tokensPerMinute: Number.POSITIVE_INFINITY,
  granularity: 'minute',
  requestBurst: null,
  tokenBurst: null,
  retryAfter: 'wait', countedMaxTokens: null,
  ...over,
});

/** Offers a request every `everyMs` for `forMs`; the count admitted. */
function admitted(b: RateLimitBuckets, everyMs: number, forMs: number, tokens = 1): number {
  let n = 0;
  for (let t = 0; t <= forMs; t += everyMs) if (b.admit(t, tokens)) n++;
  return n;
}

describe('rate-limit buckets', () => {
  it('admit capacity + rate x t under steady excess load: 600 in the first minute of 300 rpm by the minute, 305 by the second', () => {
    expect(admitted(new RateLimitBuckets(limits({ requestsPerMinute: 300 })), 10, 60_000)).toBe(600);
    expect(admitted(new RateLimitBuckets(limits({ requestsPerMinute: 300, granularity: 'second' })), 10, 60_000)).toBe(305);
    expect(admitted(new RateLimitBuckets(limits({ requestsPerMinute: 300, requestBurst: 50 })), 10, 60_000)).toBe(350);
  });

  it('property: the count admitted by time t is floor(capacity + rate x t), less the refill lost between offers, for any limit, burst and offered load above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 6_000 }),
        fc.constantFrom<'minute' | 'second'>('minute', 'second'),
        fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
        fc.integer({ min: 1_000, max: 120_000 }),
        (rpm, granularity, burst, forMs) => {
          const b = new RateLimitBuckets(limits({ requestsPerMinute: rpm, granularity, requestBurst: burst }));
          const capacity = burst ?? (granularity === 'second' ? rpm / 60 : rpm);
          // offered well above the limit: every 1 ms is 1,000/s, above 6,000 rpm = 100/s
          const n = admitted(b, 1, forMs);
          const offers = forMs + 1;
          const expected = Math.min(offers, Math.floor(Math.max(capacity, 1) + (rpm * forMs) / 60_000));
          // Offers come every 1 ms, so each admission may wait up to 1 ms past the moment the
          // bucket allowed it: up to rate x 1 ms of refill lost per admission.
          const lost = (n * rpm) / 60_000;
          expect(n).toBeLessThanOrEqual(expected + 1);
          expect(n).toBeGreaterThanOrEqual(expected - 1 - Math.ceil(lost));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('count input plus output tokens; a request larger than the bucket takes it full and leaves debt; one larger than tpm never passes', () => {
    const b = new RateLimitBuckets(limits({ tokensPerMinute: 6_000, granularity: 'second' })); // 100 tokens a second
    expect(b.tokenCapacity).toBe(100);
    expect(b.admit(0, 250)).toBe(true); // full bucket: admitted, 150 in debt
    expect(b.admit(1_000, 1)).toBe(false); // 100 refilled, still -50
    expect(b.retryAfterMs(1)).toBe(1_000); // 51 tokens at 100/s: 0.51 s, whole seconds
    expect(b.admit(2_500, 100)).toBe(true); // back to 100 (capped)
    expect(b.admit(100_000, 6_001)).toBe(false);
    expect(b.retryAfterMs(6_001)).toBe(60_000);
  });

  it('say in Retry-After when the request fits, when the buckets are full again (reset), or nothing', () => {
    const wait = new RateLimitBuckets(limits({ requestsPerMinute: 60 }));
    const reset = new RateLimitBuckets(limits({ requestsPerMinute: 60, retryAfter: 'reset', countedMaxTokens: null }));
    const none = new RateLimitBuckets(limits({ requestsPerMinute: 60, retryAfter: 'none', countedMaxTokens: null }));
    for (const b of [wait, reset, none]) {
      expect(admitted(b, 0.001, 59.999)).toBe(60);
      expect(b.admit(60, 1)).toBe(false);
    }
    expect(wait.retryAfterMs(1)).toBe(1_000);
    expect(reset.retryAfterMs(1)).toBe(60_000);
    expect(none.retryAfterMs(1)).toBeNull();
  });

  it('a limit below one request per bucket (30 rpm by the second) admits one request every 2 s', () => {
    const b = new RateLimitBuckets(limits({ requestsPerMinute: 30, granularity: 'second' }));
    expect(b.requestCapacity).toBe(0.5);
    expect(admitted(b, 100, 10_000)).toBe(6); // t = 0 (full), then 2, 4, 6, 8 s ... and 10 s
  });
});
