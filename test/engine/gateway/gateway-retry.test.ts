import { describe, expect, it } from 'vitest';
import { GatewayRetryPolicy, Outcome, UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import type { GatewayOptions } from '../../../engine/gateway/index.js';

const policy = (options: Partial<GatewayOptions>, services = 3): GatewayRetryPolicy => new GatewayRetryPolicy({ ...UPSTREAM_GATEWAY_OPTIONS, ...options }, services);

describe('the gateway retry policy', () => {
  it('as upstream: never another attempt, never narrows selection', () => {
    const p = policy({});
    expect(p.afterAttempt(0, 503, 0, -1, 0)).toBe(-1);
    expect(p.narrows(0)).toBe(false);
    expect(p.narrows(3)).toBe(false);
  });

  it('retries the outcomes retry_on lists while attempts are left, after the backoff', () => {
    const p = policy({ maxAttempts: 3, retryBackoffMs: 250, retryOn: [503, 'timeout', 'connection_error'] });
    expect(p.afterAttempt(0, 503, 0, -1, 0)).toBe(250);
    expect(p.afterAttempt(0, Outcome.Timeout, 1, -1, 0)).toBe(250);
    expect(p.afterAttempt(0, Outcome.ConnectionError, 1, -1, 0)).toBe(250);
    expect(p.afterAttempt(0, 503, 2, -1, 0)).toBe(-1); // the third attempt was the last
    expect(p.afterAttempt(0, 500, 0, -1, 0)).toBe(-1); // not listed
    expect(p.afterAttempt(0, Outcome.Ok, 0, -1, 0)).toBe(-1);
  });

  it('never retries a broken stream or no healthy service, whatever retry_on says', () => {
    const p = policy({ maxAttempts: 5 });
    expect(p.afterAttempt(0, Outcome.StreamError, 0, -1, 0)).toBe(-1);
    expect(p.afterAttempt(0, Outcome.NoHealthy, 0, -1, 0)).toBe(-1);
  });

  it('exclude_tried narrows retries to services not tried yet', () => {
    const p = policy({ maxAttempts: 3, excludeTried: true });
    expect(p.narrows(0)).toBe(false);
    expect(p.narrows(1)).toBe(true);
    expect(p.eligible(1, 0, true)).toBe(false);
    expect(p.eligible(1, 0, false)).toBe(true);
  });

  it('honor_retry_after keeps a service out until its Retry-After expires, and only moves forward', () => {
    const p = policy({ honorRetryAfter: true });
    expect(p.narrows(0)).toBe(true);
    p.afterAttempt(1, 429, 0, 5_000, 1_000);
    expect(p.eligible(1, 5_999, false)).toBe(false);
    expect(p.eligible(1, 6_000, false)).toBe(true);
    p.afterAttempt(1, 429, 0, 1_000, 2_000); // ends at 3 s: earlier than 6 s, ignored
    expect(p.eligible(1, 5_999, false)).toBe(false);
    p.afterAttempt(2, 503, 0, 9_000, 0); // not a 429
    expect(p.eligible(2, 1, false)).toBe(true);
    expect(p.eligible(0, 0, true)).toBe(true); // tried does not matter without exclude_tried
  });
});
