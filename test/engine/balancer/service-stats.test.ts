import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, ServiceStats } from '../../../engine/balancer/index.js';

function initialised(clock: ManualClock, timeWindow = 60): ServiceStats {
  return new ServiceStats(clock, { serviceId: 'p:m', timeWindow, windowStart: clock.now() });
}

describe('ServiceStats window', () => {
  it('records usage: lifetime and window counters, tokens, cost tokens, last used', () => {
    const clock = new ManualClock(1_000);
    const stats = initialised(clock);
    stats.recordUsage(100, 20);
    clock.advance(500);
    stats.recordUsage(5, 7);
    expect(stats.requestCount).toBe(2);
    expect(stats.windowRequestCount).toBe(2);
    expect(stats.windowInputTokens).toBe(105);
    expect(stats.windowOutputTokens).toBe(27);
    expect(stats.windowTokensConsumed).toBe(132);
    expect(stats.getCostMetrics()).toBe(132);
    expect(stats.lastUsed).toBe(1_500);
    expect(stats.getWindowStats()).toEqual({ requestCount: 2, tokensConsumed: 132 });
    expect(stats.getWindowTokenDetails()).toEqual({ requestCount: 2, inputTokens: 105, outputTokens: 27 });
  });

  it('expires exactly when now - windowStart >= timeWindow seconds', () => {
    const clock = new ManualClock(0);
    const stats = initialised(clock, 10);
    stats.recordUsage(1, 1);
    clock.set(9_999);
    expect(stats.isWindowExpired()).toBe(false);
    clock.set(10_000);
    expect(stats.isWindowExpired()).toBe(true);
    // isWindowExpired is read-only
    expect(stats.windowRequestCount).toBe(1);
  });

  it('resets on recordUsage after expiry, keeping lifetime count, last used and samples', () => {
    const clock = new ManualClock(0);
    const stats = initialised(clock, 10);
    stats.recordUsage(10, 10);
    stats.recordCacheHit(true);
    stats.recordLatency(100, 100);
    clock.set(10_000);
    stats.recordUsage(1, 2);
    expect(stats.windowStart).toBe(10_000);
    expect(stats.windowRequestCount).toBe(1);
    expect(stats.windowTokensConsumed).toBe(3);
    expect(stats.windowCostTokens).toBe(3);
    expect(stats.windowCacheHits).toBe(0);
    expect(stats.requestCount).toBe(2);
    expect(stats.getLatencyStats().sampleCount).toBe(1);
  });

  it('getWindowStats on an expired window resets it and reads zeros (a read with a side effect)', () => {
    const clock = new ManualClock(0);
    const stats = initialised(clock, 5);
    stats.recordUsage(40, 60);
    stats.recordCacheHit(false);
    clock.set(5_000);
    expect(stats.getWindowStats()).toEqual({ requestCount: 0, tokensConsumed: 0 });
    expect(stats.windowStart).toBe(5_000);
    expect(stats.windowCacheMisses).toBe(0);
    expect(stats.requestCount).toBe(1);
    stats.recordUsage(1, 1);
    clock.set(10_000);
    expect(stats.getWindowTokenDetails()).toEqual({ requestCount: 0, inputTokens: 0, outputTokens: 0 });
    expect(stats.windowRequestCount).toBe(0);
  });

  it('a zero time window is always expired', () => {
    const clock = new ManualClock(0);
    const stats = initialised(clock, 0);
    expect(stats.isWindowExpired()).toBe(true);
    stats.recordUsage(10, 10);
    expect(stats.windowTokensConsumed).toBe(20);
    expect(stats.getWindowStats()).toEqual({ requestCount: 0, tokensConsumed: 0 });
    expect(stats.requestCount).toBe(1);
  });

  it('an uninitialised window (no start) counts as expired', () => {
    const stats = new ServiceStats(new ManualClock(0));
    expect(stats.serviceId).toBe('');
    expect(stats.isWindowExpired()).toBe(true);
  });

  it('cache hit rate, hits and misses; neither cache nor cost reads check expiry', () => {
    const clock = new ManualClock(0);
    const stats = initialised(clock, 1);
    stats.recordCacheHit(true);
    stats.recordCacheHit(false);
    stats.recordCacheHit(true);
    stats.recordUsage(3, 4);
    clock.set(1_000);
    expect(stats.getCacheStats()).toEqual({ hitRate: 2 / 3, hits: 2, misses: 1 });
    expect(stats.getCostMetrics()).toBe(7);
    expect(stats.isWindowExpired()).toBe(true);
  });

  it('rejects negative token counts', () => {
    const stats = initialised(new ManualClock());
    expect(() => stats.recordUsage(-1, 0)).toThrow(RangeError);
  });
});

describe('ServiceStats samples', () => {
  it('computes the spec example: [40, 10, 30, 20] gives avg 25, p50 25, p95 38.5, p99 39.7', () => {
    const stats = initialised(new ManualClock());
    for (const ms of [40, 10, 30, 20]) stats.recordLatency(ms, 100);
    const s = stats.getLatencyStats();
    expect(s.avg).toBe(25);
    expect(s.p50).toBe(25);
    expect(s.p95).toBeCloseTo(38.5, 10);
    expect(s.p99).toBeCloseTo(39.7, 10);
    expect(s.sampleCount).toBe(4);
    expect(stats.avgLatencyMs).toBe(25);
    expect(stats.p95LatencyMs).toBe(s.p95);
  });

  it('computes the same for TTFT and sets the matching update times', () => {
    const clock = new ManualClock(7);
    const stats = initialised(clock);
    for (const ms of [40, 10, 30, 20]) stats.recordTTFT(ms, 100);
    expect(stats.getTTFTStats()).toEqual(stats.getTTFTStats());
    expect(stats.getTTFTStats().p50).toBe(25);
    expect(stats.avgTTFTMs).toBe(25);
    expect(stats.lastTTFTUpdate).toBe(7);
    expect(stats.lastLatencyUpdate).toBeUndefined();
    clock.advance(3);
    stats.recordLatency(1, 100);
    stats.recordTokenSpeed(10, 100);
    expect(stats.lastLatencyUpdate).toBe(10);
    expect(stats.lastSpeedUpdate).toBe(10);
  });

  it('keeps only the newest max samples', () => {
    const stats = initialised(new ManualClock());
    for (let i = 1; i <= 10; i++) stats.recordLatency(i * 10, 4);
    expect(stats.latencySamples).toEqual([70, 80, 90, 100]);
    expect(stats.getLatencyStats().avg).toBe(85);
    stats.recordLatency(5, 2);
    expect(stats.latencySamples).toEqual([100, 5]);
  });

  it('max samples 0 keeps nothing and reads zeros; negative max is rejected', () => {
    const stats = initialised(new ManualClock(3));
    stats.recordLatency(50, 0);
    expect(stats.getLatencyStats()).toEqual({ avg: 0, p50: 0, p95: 0, p99: 0, sampleCount: 0 });
    expect(stats.lastLatencyUpdate).toBe(3);
    stats.recordTokenSpeed(12.5, 0);
    expect(stats.getTokenSpeedStats()).toEqual({ avgSpeed: 0, sampleCount: 0 });
    expect(() => stats.recordLatency(50, -1)).toThrow(RangeError);
    expect(() => stats.recordTTFT(50, -5)).toThrow(/maxSamples/);
    expect(() => stats.recordTokenSpeed(1, -1)).toThrow(RangeError);
  });

  it('empty samples read zeros', () => {
    const stats = initialised(new ManualClock());
    expect(stats.getLatencyStats()).toEqual({ avg: 0, p50: 0, p95: 0, p99: 0, sampleCount: 0 });
    expect(stats.getTTFTStats().sampleCount).toBe(0);
    expect(stats.getTokenSpeedStats()).toEqual({ avgSpeed: 0, sampleCount: 0 });
  });

  it('token speed keeps the average only, over the retained samples', () => {
    const stats = initialised(new ManualClock());
    for (const tps of [10, 20.5, 30, 40]) stats.recordTokenSpeed(tps, 3);
    expect(stats.speedSamples).toEqual([20.5, 30, 40]);
    expect(stats.getTokenSpeedStats()).toEqual({ avgSpeed: (20.5 + 30 + 40) / 3, sampleCount: 3 });
  });

  it('latency and TTFT take whole milliseconds only', () => {
    const stats = initialised(new ManualClock());
    expect(() => stats.recordLatency(1.5, 100)).toThrow(RangeError);
    expect(() => stats.recordTTFT(Number.NaN, 100)).toThrow(RangeError);
    expect(() => stats.recordTokenSpeed(Number.POSITIVE_INFINITY, 100)).toThrow(RangeError);
  });

  it('samples survive window resets', () => {
    const clock = new ManualClock();
    const stats = initialised(clock, 1);
    stats.recordLatency(10, 100);
    stats.recordTokenSpeed(10, 100);
    stats.resetWindow();
    clock.advance(5_000);
    stats.getWindowStats();
    expect(stats.getLatencyStats().sampleCount).toBe(1);
    expect(stats.getTokenSpeedStats().sampleCount).toBe(1);
  });

  it('property: percentiles are monotone and within [min, max] of the retained samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000, max: 100_000 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 150 }),
        (samples, max) => {
          const stats = initialised(new ManualClock());
          for (const ms of samples) stats.recordLatency(ms, max);
          const retained = samples.slice(-max);
          const { avg, p50, p95, p99, sampleCount } = stats.getLatencyStats();
          expect(sampleCount).toBe(retained.length);
          const lo = Math.min(...retained);
          const hi = Math.max(...retained);
          expect(p50).toBeLessThanOrEqual(p95);
          expect(p95).toBeLessThanOrEqual(p99);
          for (const p of [p50, p95, p99, avg]) {
            expect(p).toBeGreaterThanOrEqual(lo);
            expect(p).toBeLessThanOrEqual(hi);
          }
        },
      ),
    );
  });

  it('property: only the newest max samples are retained, and the stats are those of a full re-sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 20 })), { maxLength: 300 }),
        (records) => {
          const stats = initialised(new ManualClock());
          let reference: number[] = [];
          for (const [ms, max] of records) {
            stats.recordTTFT(ms, max);
            reference = [...reference, ms].slice(Math.max(0, reference.length + 1 - max));
            if (max === 0) reference = [];
          }
          expect(stats.ttftSamples).toEqual(reference);
          const sorted = [...reference].sort((a, b) => a - b);
          const pct = (p: number): number => {
            if (sorted.length === 0) return 0;
            const idx = p * (sorted.length - 1);
            const lo = Math.floor(idx);
            return lo + 1 >= sorted.length ? sorted[lo]! : sorted[lo]! + (idx - lo) * (sorted[lo + 1]! - sorted[lo]!);
          };
          const avg = sorted.length === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / sorted.length;
          expect(stats.getTTFTStats()).toEqual({ avg, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), sampleCount: sorted.length });
        },
      ),
    );
  });
});

describe('ServiceStats snapshots', () => {
  it('getStats copies every scalar field and toJSON uses the seed snake_case names', () => {
    const clock = new ManualClock(2_000);
    const stats = initialised(clock, 30);
    stats.recordUsage(10, 5);
    stats.recordLatency(120, 100);
    stats.recordTTFT(40, 100);
    stats.recordTokenSpeed(55, 100);
    stats.recordCacheHit(true);
    const snapshot = stats.getStats();
    expect(snapshot).toMatchObject({
      serviceId: 'p:m',
      requestCount: 1,
      lastUsed: 2_000,
      windowStart: 2_000,
      windowTokensConsumed: 15,
      avgLatencyMs: 120,
      p99TTFTMs: 40,
      avgTokenSpeed: 55,
      cacheHitRate: 1,
      windowCostTokens: 15,
      timeWindow: 30,
    });
    expect('latencySamples' in snapshot).toBe(false);
    stats.recordUsage(1, 1);
    expect(snapshot.requestCount).toBe(1);
    const json = stats.toJSON();
    expect(Object.keys(json)).toEqual([
      'service_id', 'request_count', 'last_used', 'window_start', 'window_request_count',
      'window_tokens_consumed', 'window_input_tokens', 'window_output_tokens', 'time_window',
      'avg_latency_ms', 'p50_latency_ms', 'p95_latency_ms', 'p99_latency_ms', 'last_latency_update',
      'avg_token_speed', 'last_speed_update', 'avg_ttft_ms', 'p50_ttft_ms', 'p95_ttft_ms', 'p99_ttft_ms',
      'last_ttft_update', 'window_cache_hits', 'window_cache_misses', 'cache_hit_rate', 'window_cost_tokens',
    ]);
    expect(json['request_count']).toBe(2);
    expect(new ServiceStats(clock).toJSON()['last_used']).toBeNull();
  });
});
