import { describe, expect, it } from 'vitest';
import type { AttemptRecord, TryRecord } from '../../../engine/gateway/index.js';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import type { GatewayOptions, HealthSetting } from '../../../engine/gateway/index.js';
import type { Incident, ProviderModel } from '../../../engine/providers/index.js';
import type { Scenario } from '../../../engine/scenario/index.js';
import { Outcome } from '../../../engine/gateway/index.js';
import { simulate } from '../../../engine/simulate.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

/**
 * One request a second (at 1 s, 2 s, ... `seconds` s) to a provider with constant behaviour: TTFT
 * 100 ms, 100 tokens/s, 100 output tokens (first token at +100 ms, last at +1100 ms), failures
 * after 50 ms.
 */
function steady(behaviour: Partial<ProviderModel>, gateway: Partial<GatewayOptions> = {}, seconds = 5, streaming = 1): Scenario {
  const options = { ...UPSTREAM_GATEWAY_OPTIONS, ...gateway };
  return scenario({
    durationMs: seconds * 1_000 + 1,
    workload: { arrivals: { kind: 'constant', ratePerSecond: 1 }, inputTokens: { kind: 'constant', value: 1_000 }, outputTokens: { kind: 'constant', value: 100 }, streamingFraction: streaming, sessions: 0 },
    services: [
      service('a', provider({ ttftMs: { kind: 'constant', value: 100 }, tokensPerSecond: { kind: 'constant', value: 100 }, errorLatencyMs: { kind: 'constant', value: 50 }, price: { inputPerMillion: 1_000, outputPerMillion: 10_000 }, ...behaviour })),
    ],
    gateway: options,
    gatewayVariants: [{ name: 'variant', options }],
    limits: { maxEvents: 1_000_000, maxSimulatedMs: 3_600_000 },
  });
}

interface Observed {
  tries: TryRecord[];
  attempts: AttemptRecord[];
  result: ReturnType<typeof simulate>;
}

function observe(s: Scenario, health: string | HealthSetting = 'none'): Observed {
  const tries: TryRecord[] = [];
  const attempts: AttemptRecord[] = [];
  const result = simulate(s, { tactic: 'random', health, observers: { onTry: (t) => tries.push(t), onAttempt: (a) => attempts.push(a) } });
  return { tries, attempts, result };
}

const always = (status: 500 | 503 | 409 | 408 | 401 | 403 | 429): Partial<ProviderModel> => ({ errorRates: { [status]: 1 } });
const during = (incident: Incident): Partial<ProviderModel> => ({ incidents: [incident] });

describe("the SDK's retries on the same service", () => {
  it('tries a failing request 3 times by default, on the same service, waiting 0.5 s then 1 s less up to 25% jitter', () => {
    const { tries, attempts, result } = observe(steady(always(500)));
    expect(attempts).toHaveLength(5);
    for (const attempt of attempts) {
      const own = tries.filter((t) => t.index === attempt.index);
      expect(own.map((t) => t.try)).toEqual([0, 1, 2]);
      expect(new Set(own.map((t) => t.service))).toEqual(new Set(['a:m']));
      expect(own.map((t) => t.outcome)).toEqual([500, 500, 500]);
      expect(own[0]!.retryDelayMs).toBeGreaterThan(375);
      expect(own[0]!.retryDelayMs).toBeLessThanOrEqual(500);
      expect(own[1]!.retryDelayMs).toBeGreaterThan(750);
      expect(own[1]!.retryDelayMs).toBeLessThanOrEqual(1_000);
      expect(own[2]!.retryDelayMs).toBe(-1);
      expect(own[1]!.sendMs).toBeCloseTo(own[0]!.endMs + own[0]!.retryDelayMs, 9);
      expect(own[2]!.sendMs).toBeCloseTo(own[1]!.endMs + own[1]!.retryDelayMs, 9);
      expect(attempt.tries).toBe(3);
    }
    expect(result.metrics).toMatchObject({ attempts: 5, providerAttempts: 15, sdkRetries: 10, providerAttemptsPerRequest: 3, attemptsPerRequest: 1 });
    expect(result.metrics.providerAttemptsByStatus).toEqual({ '500': 15 });
    expect(result.metrics.attemptsByStatus).toEqual({ '500': 5 });
  });

  it('draws its jitter from the keyed streams: the same request waits the same in every cell, and a new seed moves it', () => {
    const delays = (s: Scenario, tactic: string): number[] => {
      const out: number[] = [];
      simulate(s, { tactic, health: 'none', observers: { onTry: (t) => out.push(t.retryDelayMs) } });
      return out;
    };
    const s = steady(always(503));
    expect(delays(s, 'random')).toEqual(delays(s, 'capacity_based'));
    expect(delays({ ...s, seed: s.seed + 1 }, 'random')).not.toEqual(delays(s, 'random'));
  });

  it.each([408, 409, 429, 500, 503] as const)('retries %i', (status) => {
    expect(observe(steady(always(status))).result.metrics.providerAttemptsPerRequest).toBe(3);
  });

  it.each([401, 403] as const)('does not retry %i', (status) => {
    expect(observe(steady(always(status))).result.metrics.providerAttemptsPerRequest).toBe(1);
  });

  it('retries a provider that never answers (a connection timeout), and stops when a try succeeds', () => {
    const down: Incident = { kind: 'down', status: 'timeout', inFlight: 'cut', startMs: 0, durationMs: 2_200 };
    const { tries } = observe(steady({ ...during(down), timeoutMs: 1_000 }, {}, 1));
    // try 0 at 1 s times out at 2 s; the retry 0.375-0.5 s later lands after the outage and succeeds
    expect(tries.map((t) => t.outcome)).toEqual([Outcome.Timeout, Outcome.Ok]);
  });

  it('client_retries sets how many: 0 turns them off, 5 makes six tries with the backoff capped at 8 s', () => {
    expect(observe(steady(always(500), { clientRetries: 0 })).result.metrics.providerAttemptsPerRequest).toBe(1);
    const { tries } = observe(steady(always(500), { clientRetries: 5 }, 1));
    expect(tries).toHaveLength(6);
    const nominal = [500, 1_000, 2_000, 4_000, 8_000];
    tries.slice(0, 5).forEach((t, n) => {
      expect(t.retryDelayMs).toBeGreaterThan(0.75 * nominal[n]!);
      expect(t.retryDelayMs).toBeLessThanOrEqual(nominal[n]!);
    });
  });

  it('waits a Retry-After under 60 s exactly; ignores one of 60 s or more, and backs off instead', () => {
    const storm = (retryAfterMs: number | null): Partial<ProviderModel> => during({ kind: 'rate_limited', retryAfterMs, startMs: 0, durationMs: 5_000 });
    // the storm lasts 5 s: the first retry, 10 s later, succeeds
    const short = observe(steady(storm(10_000), {}, 1)).tries;
    expect(short.map((t) => [t.outcome, t.retryDelayMs])).toEqual([[429, 10_000], [Outcome.Ok, -1]]);
    const long = observe(steady(storm(60_000), {}, 1)).tries;
    expect(long[0]!.retryDelayMs).toBeGreaterThan(375);
    expect(long[0]!.retryDelayMs).toBeLessThanOrEqual(500);
    const none = observe(steady(storm(null), {}, 1)).tries;
    expect(none[0]!.retryDelayMs).toBeLessThanOrEqual(500);
  });

  it('the balancer sees one outcome per attempt: one stats record whose latency spans every try, one health report after the last', () => {
    // Threshold 3: a report per try would bench the service after the first request. Each request
    // takes about 1.6 s, so by 5 s three have reported and the fifth finds no healthy service.
    const health: HealthSetting = { name: 'three', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: false } };
    const statuses: number[] = [];
    const lastTryEnd = new Map<number, number>();
    const sent = new Map<number, number>();
    const result = simulate(steady(always(500), {}, 5), {
      tactic: 'random',
      health,
      observers: { onRequest: (r) => (statuses[r.index] = r.outcome), onTry: (t) => lastTryEnd.set(t.index, t.endMs), onAttempt: (a) => sent.set(a.index, a.sendMs) },
    });
    expect(statuses).toEqual([500, 500, 500, 500, Outcome.NoHealthy]);
    const { stats, health: record } = result.balancer['a:m']!;
    expect(stats.requestCount).toBe(4);
    expect(record).toMatchObject({ consecutiveErrors: 4, status: 1 });
    const latencies = [...sent].map(([index, sendMs]) => Math.floor(lastTryEnd.get(index)! - sendMs));
    expect(stats.avgLatencyMs).toBeCloseTo(latencies.reduce((x, y) => x + y, 0) / latencies.length, 9);
    expect(stats.avgLatencyMs).toBeGreaterThan(3 * 50 + 375 + 750);
  });
});

describe('a rate limit at this version', () => {
  it('a success in flight when the provider answers 429 puts it straight back into rotation; rate_limit_hold keeps it out', () => {
    // b answers slowly (5 s TTFT) and rate-limits from 10 s to 40 s; a is always fine
    const s = scenario({
      durationMs: 60_000,
      services: [
        service('a'),
        service('b', provider({ ttftMs: { kind: 'constant', value: 5_000 }, incidents: [{ kind: 'rate_limited', retryAfterMs: null, startMs: 10_000, durationMs: 30_000 }] })),
      ],
      gateway: { ...UPSTREAM_GATEWAY_OPTIONS, clientRetries: 0 },
      gatewayVariants: [{ name: 'variant', options: { ...UPSTREAM_GATEWAY_OPTIONS, clientRetries: 0 } }],
    });
    const seedDefault: HealthSetting = { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } };
    const withHold: HealthSetting = { name: 'hold', config: { ...seedDefault.config!, rateLimitHold: true } };
    const limitedDuringStorm = (health: HealthSetting): number => {
      let n = 0;
      simulate(s, { tactic: 'random', health, observers: { onAttempt: (a) => a.outcome === 429 && a.sendMs > 16_000 && n++ } });
      return n;
    };
    const seed = limitedDuringStorm(seedDefault);
    const held = limitedDuringStorm(withHold);
    // in flight since before 10 s, b's slow successes keep re-admitting it through the storm
    expect(seed).toBeGreaterThan(10);
    // with the hold, b stays out for 300 s after its first 429, its successes notwithstanding
    expect(held).toBe(0);
  });
});

describe('streams that fail after their first token', () => {
  const breaking: Partial<ProviderModel> = during({ kind: 'mid_stream', errorProbability: 1, status: 503, startMs: 0, durationMs: 10_000 });

  it('records what upstream records: partial output in usage, TTFT from the first token, a speed sample, the tokens billed', () => {
    const { attempts, tries, result } = observe(steady(breaking, {}, 5));
    expect(tries).toHaveLength(5); // a stream that has started is not retried
    expect(attempts.every((a) => a.outcome === Outcome.StreamError)).toBe(true);
    const delivered = attempts.reduce((sum, a) => sum + a.deliveredTokens, 0);
    const { stats } = result.balancer['a:m']!;
    expect(stats.requestCount).toBe(5);
    expect(stats.windowInputTokens).toBe(5 * 1_000);
    expect(stats.windowOutputTokens).toBe(delivered);
    expect(stats.avgTTFTMs).toBe(100);
    if (attempts.some((a) => a.deliveredTokens > 0)) expect(stats.avgTokenSpeed).toBeCloseTo(100, -1);
    // $1,000 per million input tokens, $10,000 per million output tokens
    expect(result.metrics.costDollars).toBeCloseTo(5 * 1 + delivered * 0.01, 9);
    expect(result.metrics.errorsByStatus).toEqual({ stream_error: 5 });
    expect(result.metrics.successes).toBe(0);
  });

  it('a non-streamed request that breaks gets the incident status, is retried by the SDK, and costs nothing', () => {
    const { tries, result } = observe(steady(breaking, {}, 2, 0));
    expect(tries.map((t) => t.outcome)).toEqual([503, 503, 503, 503, 503, 503]);
    expect(result.metrics.costDollars).toBe(0);
    expect(result.balancer['a:m']!.stats.windowOutputTokens).toBe(0);
  });

  it('no speed sample when a broken stream delivered no token', () => {
    const early: Partial<ProviderModel> = { ...during({ kind: 'down', status: 503, inFlight: 'cut', startMs: 1_150, durationMs: 10 }) };
    // the request's first token comes at 1.1 s; at 10 tokens/s, the outage at 1.15 s cuts it before its next token
    const { attempts, result } = observe(steady({ ...early, tokensPerSecond: { kind: 'constant', value: 10 } }, {}, 1));
    expect(attempts[0]).toMatchObject({ outcome: Outcome.StreamError, deliveredTokens: 0 });
    expect(result.balancer['a:m']!.stats.avgTokenSpeed).toBe(0);
    expect(result.balancer['a:m']!.stats.lastSpeedUpdate).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('the gateway deadline spans every try and ends the attempt during the SDK backoff; the pending retry never fires', () => {
    const { tries, attempts, result } = observe(steady(always(500), { requestTimeoutMs: 1_000 }, 1));
    // try 0 fails after 50 ms, try 1 goes 425-550 ms after the send and fails 50 ms later; the deadline hits during the second wait
    expect(tries.map((t) => t.try)).toEqual([0, 1]);
    expect(attempts).toEqual([expect.objectContaining({ outcome: Outcome.Timeout, tries: 2 })]);
    expect(result.metrics.errorsByStatus).toEqual({ timeout: 1 });
    expect(result.metrics.attemptsByStatus).toEqual({ timeout: 1 });
  });

  it('a deadline left over from an attempt never fires during the gateway retry backoff', () => {
    // attempt 0 fails after 50 ms; the gateway waits 2 s; attempt 0's 1 s deadline must not count
    const { attempts, result } = observe(steady(always(500), { clientRetries: 0, maxAttempts: 2, retryBackoffMs: 2_000, requestTimeoutMs: 1_000 }, 1));
    expect(attempts.map((a) => a.outcome)).toEqual([500, 500]);
    expect(result.metrics.attemptsByStatus).toEqual({ '500': 2 });
    expect(result.metrics.errorsByStatus).toEqual({ '500': 1 });
  });

  it('a deadline in the middle of a stream bills and records the tokens streamed by then', () => {
    // first token 100 ms after the send, 100 tokens/s: 40 tokens by the 500 ms deadline
    const { attempts, result } = observe(steady({}, { requestTimeoutMs: 500, clientRetries: 0 }, 1));
    expect(attempts[0]).toMatchObject({ outcome: Outcome.Timeout, deliveredTokens: 40 });
    expect(result.metrics.costDollars).toBeCloseTo(1 + 40 * 0.01, 9);
    expect(result.balancer['a:m']!.stats.windowOutputTokens).toBe(40);
  });
});

describe('what the gateway records, row by row of the spec (section 5)', () => {
  it('takes the start time after selection: a probe delays the request but is not in its latency sample', () => {
    // Down from 1.5 s to 2.5 s: it cuts the request of 1 s after 500 ms, which benches the service
    // for 1 s (the request at 2 s finds none healthy); at 3 s the probe (500 ms) recovers it, and
    // that request is served in 1.1 s like every other.
    const s = steady({ probeLatencyMs: 500, incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 1_500, durationMs: 1_000 }] }, { clientRetries: 0 }, 6);
    const health: HealthSetting = { name: 'probing', config: { consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 1, probeEnabled: true } };
    const waited: number[] = [];
    const attempts: AttemptRecord[] = [];
    const result = simulate(s, { tactic: 'random', health, observers: { onRequest: (r) => waited.push(r.endMs - r.arrivalMs), onAttempt: (a) => attempts.push(a) } });
    expect(result.metrics.probes).toBeGreaterThan(0);
    const probed = attempts.find((a) => a.sendMs % 1_000 === 500)!;
    expect(probed.outcome).toBe(Outcome.Ok);
    expect(Math.max(...waited)).toBeCloseTo(1_600, 6);
    // samples: the cut stream's 500 ms and four successes of exactly 1,100 ms
    expect(result.balancer['a:m']!.stats.avgLatencyMs).toBeCloseTo((500 + 4 * 1_100) / 5, 9);
  });

  it('records a cache miss for every failure, and usage of 0 tokens for one before the stream started', () => {
    const s = steady({ errorRates: { 500: 1 }, cache: { hitProbability: 1, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 60_000 } }, { clientRetries: 0 }, 3);
    const { stats } = simulate(s, { tactic: 'random', health: 'none' }).balancer['a:m']!;
    expect(stats).toMatchObject({ requestCount: 3, windowInputTokens: 0, windowOutputTokens: 0, windowCacheHits: 0, windowCacheMisses: 3 });
  });
});
