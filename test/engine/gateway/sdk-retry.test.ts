import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sdkRetries, sdkRetryDelayMs } from '../../../engine/gateway/sdk-retry.js';
import { Outcome } from '../../../engine/gateway/index.js';

describe('which answers the SDK retries', () => {
  it('retries 408, 409, 429, every 5xx and connection errors (a provider that never answers)', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504, 529, Outcome.Timeout, Outcome.ConnectionError]) expect(sdkRetries(status), String(status)).toBe(true);
  });

  it('does not retry 401, 403, other 4xx, a broken stream, success or no healthy service', () => {
    for (const status of [401, 403, 400, 404, 422, Outcome.StreamError, Outcome.Ok, Outcome.NoHealthy]) expect(sdkRetries(status), String(status)).toBe(false);
  });
});

describe('the SDK retry delay', () => {
  it('waits the Retry-After the provider sent when it is under 60 s, 0 included', () => {
    expect(sdkRetryDelayMs(0, 0, 0.9)).toBe(0);
    expect(sdkRetryDelayMs(0, 10_000, 0.9)).toBe(10_000);
    expect(sdkRetryDelayMs(1, 59_999, 0.1)).toBe(59_999);
  });

  it('ignores a Retry-After of 60 s or more, and a missing one: 0.5 s x 2^n minus up to 25% jitter', () => {
    expect(sdkRetryDelayMs(0, 60_000, 0)).toBe(500);
    expect(sdkRetryDelayMs(0, -1, 0)).toBe(500);
    expect(sdkRetryDelayMs(1, -1, 0)).toBe(1_000);
    expect(sdkRetryDelayMs(1, 120_000, 0.5)).toBe(875);
  });

  it('caps the backoff at 8 s', () => {
    expect(sdkRetryDelayMs(4, -1, 0)).toBe(8_000);
    expect(sdkRetryDelayMs(9, -1, 0)).toBe(8_000);
  });

  it('keeps the jittered delay within [0.75 d, d] for the nominal delay d of every retry (0.75 d itself only by rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, u) => {
        const nominal = Math.min(500 * 2 ** retry, 8_000);
        const delay = sdkRetryDelayMs(retry, -1, u);
        expect(delay).toBeLessThanOrEqual(nominal);
        expect(delay).toBeGreaterThanOrEqual(0.75 * nominal);
      }),
    );
  });
});
