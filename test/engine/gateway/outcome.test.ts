import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOutcome, httpErrorStatus, Outcome, outcomeName, outcomeRank } from '../../../engine/gateway/index.js';

describe('outcome codes', () => {
  it('HTTP answers are their status, everything else is negative: no code means two things', () => {
    expect(Outcome.Ok).toBe(200);
    for (const code of [Outcome.Timeout, Outcome.ConnectionError, Outcome.StreamError, Outcome.NoHealthy]) expect(code).toBeLessThan(0);
    expect(Outcome.Pending).toBe(0);
  });

  it('decode to a typed union, and name as the metrics always have', () => {
    expect(decodeOutcome(Outcome.Ok)).toEqual({ kind: 'ok' });
    expect(decodeOutcome(503)).toEqual({ kind: 'http_error', status: 503 });
    expect(decodeOutcome(Outcome.Timeout)).toEqual({ kind: 'timeout' });
    expect(decodeOutcome(Outcome.NoHealthy)).toEqual({ kind: 'no_healthy' });
    expect([Outcome.Ok, Outcome.NoHealthy, Outcome.Timeout, Outcome.StreamError, Outcome.ConnectionError, 429].map(outcomeName)).toEqual([
      'ok', 'no_healthy_services', 'timeout', 'stream_error', 'connection_error', '429',
    ]);
    expect(() => decodeOutcome(-7)).toThrow(RangeError);
    expect(() => decodeOutcome(Outcome.Pending)).toThrow(RangeError);
  });

  it('httpErrorStatus is the status of HTTP errors only', () => {
    expect(httpErrorStatus(503)).toBe(503);
    expect(httpErrorStatus(Outcome.Ok)).toBeUndefined();
    expect(httpErrorStatus(Outcome.Timeout)).toBeUndefined();
  });

  it('ranks success, the gateway own outcome, transport failures, then HTTP statuses ascending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.integer({ min: 400, max: 599 }), (a, b) => {
        expect(Math.sign(outcomeRank(a) - outcomeRank(b))).toBe(Math.sign(a - b));
      }),
    );
    const order = [Outcome.Ok, Outcome.NoHealthy, Outcome.Timeout, Outcome.StreamError, Outcome.ConnectionError, 401].map(outcomeRank);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});
