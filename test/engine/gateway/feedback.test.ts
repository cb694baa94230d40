import { describe, expect, it } from 'vitest';
import { HealthMonitor, ManualClock, Service } from '../../../engine/balancer/index.js';
import { errorTextOf, healthReportOf, Outcome, recordFeedback, RequestTable } from '../../../engine/gateway/index.js';

/** A service and a table slot holding one finished attempt sent at 1 s. */
function setup(end: number, fill: (t: RequestTable, slot: number) => void) {
  const clock = new ManualClock(end);
  const service = new Service({ provider: 'p', model: 'm', weight: 1, active: true, timeWindow: 60 }, clock);
  const monitor = new HealthMonitor({ consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 10, probeEnabled: false }, clock);
  const t = new RequestTable(1);
  const slot = t.allocate();
  t.sendMs[slot] = 1_000;
  t.inputTokens[slot] = 500;
  t.outputTokens[slot] = 100;
  fill(t, slot);
  return { clock, service, monitor, t, slot };
}

describe('recordFeedback: the statistics and health report of one attempt', () => {
  it('a streamed success: its tokens, latency and TTFT from the send, the speed since the first token, a success report', () => {
    const { service, monitor, t, slot } = setup(3_000, (t, s) => {
      t.streamStarted[s] = 1;
      t.delivered[s] = 100;
      t.firstTokenMs[s] = 1_500;
      t.endMs[s] = 3_000;
      t.cacheHit[s] = 1;
    });
    monitor.reportError('p:m', 'earlier');
    recordFeedback(service, monitor, t, slot, Outcome.Ok, 3_000, true);
    expect(service.stats.getStats()).toMatchObject({ requestCount: 1, windowInputTokens: 500, windowOutputTokens: 100, avgLatencyMs: 2_000, avgTTFTMs: 500, avgTokenSpeed: 100 / 1.5, windowCacheHits: 1 });
    expect(monitor.isHealthy('p:m')).toBe(true);
  });

  it('a non-streamed success: TTFT is the whole latency, no speed sample', () => {
    const { service, t, slot } = setup(2_500, (t, s) => {
      t.delivered[s] = 100;
    });
    recordFeedback(service, undefined, t, slot, Outcome.Ok, 2_500, true);
    expect(service.stats.getStats()).toMatchObject({ avgLatencyMs: 1_500, avgTTFTMs: 1_500, avgTokenSpeed: 0, lastSpeedUpdate: undefined });
  });

  it('a failure before the stream: no tokens, a cache miss, its latency unless record_failure_latency is off, an error report', () => {
    const recorded = setup(1_050, () => undefined);
    recordFeedback(recorded.service, recorded.monitor, recorded.t, recorded.slot, 503, 1_050, true);
    expect(recorded.service.stats.getStats()).toMatchObject({ windowInputTokens: 0, windowOutputTokens: 0, avgLatencyMs: 50, windowCacheMisses: 1 });
    expect(recorded.monitor.getHealth('p:m')).toMatchObject({ status: 1, lastError: 'HTTP 503 service unavailable' });
    const kept = setup(1_050, () => undefined);
    recordFeedback(kept.service, kept.monitor, kept.t, kept.slot, 503, 1_050, false);
    expect(kept.service.stats.getStats()).toMatchObject({ requestCount: 1, avgLatencyMs: 0, lastLatencyUpdate: undefined });
  });

  it('a stream broken after its first token: its input and the tokens it sent, TTFT from the first token', () => {
    const { service, t, slot } = setup(2_000, (t, s) => {
      t.streamStarted[s] = 1;
      t.delivered[s] = 30;
      t.firstTokenMs[s] = 1_400;
      t.endMs[s] = 2_000;
    });
    recordFeedback(service, undefined, t, slot, Outcome.StreamError, 2_000, true);
    expect(service.stats.getStats()).toMatchObject({ windowInputTokens: 500, windowOutputTokens: 30, avgTTFTMs: 400, avgTokenSpeed: 50 });
  });

  it('reports 429 as a rate limit, 401/403 as auth errors, everything else as errors', () => {
    expect([Outcome.Ok, 429, 401, 403, 500, 503, 529, 408, Outcome.Timeout, Outcome.StreamError, Outcome.ConnectionError].map((o) => healthReportOf(o))).toEqual([
      'success', 'rate_limit', 'auth_error', 'auth_error', 'error', 'error', 'error', 'error', 'error', 'error', 'error',
    ]);
  });

  it('reads the body the provider sent as upstream reads the error text: a 5xx that says "rate limit" is a rate limit', () => {
    expect(healthReportOf(503, 'rate limit exceeded, please retry')).toBe('rate_limit');
    expect(healthReportOf(500, 'RateLimitError: too many tokens')).toBe('rate_limit');
    expect(healthReportOf(500, 'Rate Limit')).toBe('error'); // case-sensitive, as upstream
    expect(healthReportOf(502, 'upstream unauthorized')).toBe('auth_error');
    expect(healthReportOf(503, 'the server is overloaded')).toBe('error');
    expect(healthReportOf(Outcome.Ok, 'rate limit')).toBe('success');
  });

  it('gives the monitor error texts that upstream would classify the same way (no 429, rate limit, 401, 403 or their words)', () => {
    for (const outcome of [Outcome.Timeout, Outcome.ConnectionError, Outcome.StreamError, 408, 409, 500, 502, 503, 504, 529]) {
      const text = errorTextOf(outcome);
      expect(text, String(outcome)).not.toMatch(/429|rate limit|RateLimit|401|403|unauthorized|forbidden/);
    }
    expect(errorTextOf(529)).toBe('HTTP 529 overloaded_error: Overloaded'); // Anthropic's overloaded: an error, not a rate limit
    expect(errorTextOf(418)).toBe('HTTP 418');
  });
});
