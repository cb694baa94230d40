import { describe, expect, it } from 'vitest';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import type { GatewayOptions } from '../../../engine/gateway/index.js';
import type { Scenario } from '../../../engine/scenario/index.js';
import { simulate } from '../../../engine/simulate.js';
import { Outcome } from '../../../engine/gateway/index.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

const withGateway = (s: Scenario, options: Partial<GatewayOptions>): Scenario => {
  const gateway = { ...UPSTREAM_GATEWAY_OPTIONS, ...options };
  return { ...s, gateway, gatewayVariants: [{ name: 'variant', options: gateway }] };
};

/**
 * B (first in config order) fails fast (50 ms 503s) on a share of its tries and answers the
 * rest in 8 s; A answers everything in 3 s. Both are over the 2 s threshold, so latency_based
 * always takes the lowest metric.
 */
function fastFailing(errorProbability = 1): Scenario {
  return scenario({
    durationMs: 120_000,
    workload: { arrivals: { kind: 'poisson', ratePerSecond: 10 }, inputTokens: { kind: 'constant', value: 100 }, outputTokens: { kind: 'constant', value: 100 }, streamingFraction: 1, sessions: 0 },
    services: [
      service('b', provider({ ttftMs: { kind: 'constant', value: 6_000 }, tokensPerSecond: { kind: 'constant', value: 50 }, errorLatencyMs: { kind: 'constant', value: 50 }, incidents: [{ kind: 'flaky', errorProbability, status: 503, startMs: 0, durationMs: 200_000 }] })), // on through the drain
      service('a', provider({ ttftMs: { kind: 'constant', value: 1_000 }, tokensPerSecond: { kind: 'constant', value: 50 } })),
    ],
  });
}

/** Two equal providers; B is hard down (503) from 20 s to 80 s. */
function outage(): Scenario {
  return scenario({
    durationMs: 100_000,
    services: [service('a'), service('b', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 20_000, durationMs: 60_000 }] }))],
  });
}

describe('upstream fidelity (the default gateway options)', () => {
  it('never fails over: a failure goes back to the client after one attempt (the SDK retried it on the same service)', () => {
    const r = simulate(outage(), { tactic: 'random', health: 'none' });
    expect(r.metrics.attemptsPerRequest).toBe(1);
    expect(r.metrics.providerAttemptsPerRequest).toBeGreaterThan(1);
    expect(r.metrics.errorsByStatus['503']).toBeGreaterThan(100);
  });

  it('quirk: a fast-failing provider attracts latency_based traffic because failures feed latency samples', () => {
    const r = simulate(fastFailing(), { tactic: 'latency_based', health: 'none' });
    // three fast 503s and the SDK's two backoffs (0.75-1.5 s in all) keep B's average under A's unsampled 4 s, so A is never tried
    expect(r.metrics.services['b:m']!.share).toBeGreaterThan(0.99);
    expect(r.metrics.successRate).toBe(0);
  });

  it('the SDK retries weaken that quirk: a provider failing 80% of tries looks slow once its retries succeed', () => {
    const withoutSdkRetries = simulate(withGateway(fastFailing(0.8), { clientRetries: 0 }), { tactic: 'latency_based', health: 'none' });
    const seed = simulate(fastFailing(0.8), { tactic: 'latency_based', health: 'none' });
    expect(withoutSdkRetries.metrics.services['b:m']!.share).toBeGreaterThan(0.99);
    expect(seed.metrics.services['b:m']!.share).toBeLessThan(0.5);
  });

  it('keeping failures out of the samples sends that traffic back to the working provider', () => {
    const r = simulate(withGateway(fastFailing(0.8), { recordFailureLatency: false }), { tactic: 'latency_based', health: 'none' });
    expect(r.metrics.services['a:m']!.share).toBeGreaterThan(0.9);
    expect(r.metrics.successRate).toBeGreaterThan(0.9);
  });

  it('quirk: the unconfigured health setting filters nothing; the seed default excludes the failing provider', () => {
    const none = simulate(outage(), { tactic: 'random', health: 'none' });
    const unconfigured = simulate(outage(), { tactic: 'random', health: 'unconfigured' });
    const seedDefault = simulate(outage(), { tactic: 'random', health: 'default' });
    const shareB = (r: typeof none): number => r.metrics.services['b:m']!.share;
    expect(Math.abs(shareB(unconfigured) - shareB(none))).toBeLessThan(0.02);
    expect(unconfigured.metrics.successRate).toBeCloseTo(none.metrics.successRate, 1);
    expect(shareB(seedDefault)).toBeLessThan(shareB(none) - 0.2);
    expect(seedDefault.metrics.successRate).toBeGreaterThan(none.metrics.successRate + 0.2);
    const [incident] = seedDefault.incidents;
    expect(incident!.detectionDelayMs).not.toBeNull();
    expect(incident!.detectionDelayMs!).toBeLessThan(2_000);
    expect(incident!.requestsSentInto).toBeGreaterThan(0);
    expect(none.incidents[0]!.detectionDelayMs).toBeNull();
  });

  it('the probe runs inside isHealthy and its time delays the request; probes are counted', () => {
    const s = scenario({
      durationMs: 90_000,
      services: [service('a'), service('b', provider({ timeoutMs: 2_000, incidents: [{ kind: 'down', status: 'timeout', inFlight: 'cut', startMs: 5_000, durationMs: 45_000 }] }))],
      health: [{ name: 'quick', config: { consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 5, probeEnabled: true } }],
    });
    const delayed: number[] = [];
    const r = simulate(s, { tactic: 'random', health: 'quick', observers: { onRequest: (q) => q.endMs - q.arrivalMs > 10_000 && delayed.push(q.arrivalMs) } });
    // every 5 s of the outage a probe runs and times out after the 10 s probe timeout
    expect(r.metrics.probes).toBeGreaterThan(4);
    expect(delayed.length).toBeGreaterThanOrEqual(r.metrics.probes - 1);
    expect(r.incidents[0]!.recoveryDelayMs).not.toBeNull();
  });

  it('never advances the current service id; the option does, and changes where traffic goes', () => {
    const s = scenario({ services: [service('a'), service('b'), service('c')] });
    const tactic = { name: 'token_based', type: 1 as const, params: { tokenThreshold: 5_000 } };
    const upstream = simulate(s, { tactic, health: 'none' });
    const advancing = simulate(withGateway(s, { advanceCurrentService: true }), { tactic, health: 'none' });
    expect(upstream.currentServiceId).toBe('');
    expect(advancing.currentServiceId).toMatch(/^[abc]:m$/);
    const shares = (r: typeof upstream): number[] => Object.values(r.metrics.services).map((x) => x.share);
    expect(shares(advancing)).not.toEqual(shares(upstream));
  });
});

describe('gateway options', () => {
  it('max_attempts with exclude_tried fails over and lifts the success rate; streams the outage cut cannot be retried', () => {
    const upstream = simulate(outage(), { tactic: 'random', health: 'none' });
    const failover = simulate(withGateway(outage(), { maxAttempts: 3, excludeTried: true }), { tactic: 'random', health: 'none' });
    expect(upstream.metrics.successRate).toBeLessThan(0.8);
    expect(failover.metrics.successRate).toBeGreaterThan(0.98);
    expect(Object.keys(failover.metrics.errorsByStatus)).toEqual(['stream_error']);
    expect(failover.metrics.attemptsPerRequest).toBeGreaterThan(1.1);
  });

  it('only retryable statuses are retried', () => {
    const s = withGateway(outage(), { maxAttempts: 3, excludeTried: true, retryOn: [429] });
    expect(simulate(s, { tactic: 'random', health: 'none' }).metrics.attemptsPerRequest).toBe(1);
  });

  it('honouring Retry-After keeps a rate-limited provider out of selection until it expires', () => {
    // Without the SDK's retries, which would wait out the same Retry-After before the gateway sees the 429.
    const s = scenario({
      durationMs: 60_000,
      services: [service('a'), service('b', provider({ incidents: [{ kind: 'rate_limited', retryAfterMs: 10_000, startMs: 10_000, durationMs: 30_000 }] }))],
    });
    const ignored = simulate(withGateway(s, { clientRetries: 0 }), { tactic: 'random', health: 'none' });
    const honoured = simulate(withGateway(s, { clientRetries: 0, honorRetryAfter: true }), { tactic: 'random', health: 'none' });
    expect(honoured.metrics.rateLimited).toBeLessThan(ignored.metrics.rateLimited / 5);
    expect(honoured.metrics.successRate).toBeGreaterThan(ignored.metrics.successRate);
  });

  it('a request timeout ends slow attempts with a timeout', () => {
    const s = withGateway(scenario({ services: [service('a', provider({ ttftMs: { kind: 'constant', value: 4_000 } }))] }), { requestTimeoutMs: 2_000 });
    const r = simulate(s, { tactic: 'random', health: 'none' });
    expect(r.metrics.successes).toBe(0);
    expect(r.metrics.errorsByStatus['timeout']).toBe(r.metrics.requests);
  });

  it('with no healthy service the request fails with no_healthy_services', () => {
    const s = scenario({
      services: [service('a', provider({ incidents: [{ kind: 'auth_revoked', status: 401, startMs: 0, durationMs: 60_000 }] }))],
      health: [{ name: 'strict', config: { consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 300, probeEnabled: false } }],
    });
    const seen: number[] = [];
    const r = simulate(s, { tactic: 'random', health: 'strict', observers: { onRequest: (q) => seen.push(q.outcome) } });
    expect(r.metrics.noHealthy).toBeGreaterThan(0);
    expect(r.metrics.errorsByStatus['401']).toBe(1);
    expect(seen.filter((x) => x === Outcome.NoHealthy)).toHaveLength(r.metrics.noHealthy);
  });
});

describe('scenarios that must finish', () => {
  it('an exponential token speed (draws near 0) no longer makes a 30 s scenario run for hours', () => {
    const s = scenario({ durationMs: 30_000, services: [service('a', provider({ tokensPerSecond: { kind: 'exponential', mean: 20 } }))], limits: { maxEvents: 10_000_000, maxSimulatedMs: 20 * 30_000 + 3_600_000 } });
    const r = simulate(s, { tactic: 'random', health: 'none' });
    expect(r.totals.arrivals).toBe(r.totals.successes + r.totals.failures);
    // well inside the default guard of 20 x duration + 1 h, which it used to hit
    expect(r.totals.simulatedMs).toBeLessThan(20 * 30_000 + 3_600_000);
  });
});

describe('metrics of a run', () => {
  it('time series cover the run and add up to the totals', () => {
    const r = simulate(outage(), { tactic: 'random', health: 'default' });
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    expect(sum(r.timeSeries.arrivals)).toBe(r.totals.arrivals);
    expect(sum(r.timeSeries.successes) + sum(r.timeSeries.failures)).toBe(r.totals.arrivals);
    const b = r.timeSeries.services['b:m']!;
    const during = b.unhealthyFraction.slice(5, 15);
    expect(Math.max(...during)).toBeGreaterThan(0.5);
    expect(Math.max(...b.unhealthyFraction.slice(0, 4))).toBe(0);
  });

  it('warm-up requests are simulated but not measured', () => {
    const r = simulate(scenario({ warmupMs: 30_000 }), { tactic: 'random', health: 'none' });
    expect(r.metrics.requests).toBeLessThan(r.totals.arrivals * 0.6);
    expect(r.metrics.goodputPerSecond).toBeCloseTo(r.metrics.successes / 30, 9);
  });

  it('cost counts billed tokens at each provider’s price', () => {
    const s = scenario({
      workload: { ...scenario().workload, inputTokens: { kind: 'constant', value: 1_000 }, outputTokens: { kind: 'constant', value: 100 } },
      services: [service('a', provider({ price: { inputPerMillion: 10, outputPerMillion: 30 } }))],
    });
    const r = simulate(s, { tactic: 'random', health: 'none' });
    expect(r.metrics.costPer1kSuccess).toBeCloseTo(1_000 * (1_000 * 10 + 100 * 30) / 1e6, 9);
  });
});

describe('error bodies, as upstream reads the error text', () => {
  it('a 503 whose body says "rate limit" is reported as a rate limit: one benches the service, where plain 503s need three in a row', () => {
    const flaky = (errorText: Record<number, string>): Scenario =>
      scenario({
        durationMs: 120_000,
        services: [service('a'), service('b', provider({ errorText, incidents: [{ kind: 'flaky', errorProbability: 0.3, status: 503, startMs: 0, durationMs: 120_000 }] }))],
      });
    const plain = simulate(withGateway(flaky({}), { clientRetries: 0 }), { tactic: 'random', health: 'default' });
    const limited = simulate(withGateway(flaky({ 503: 'rate limit exceeded' }), { clientRetries: 0 }), { tactic: 'random', health: 'default' });
    // benched after every 503 until a success in flight lets it back: it gets less traffic than with plain 503s
    expect(limited.metrics.services['b:m']!.share).toBeLessThan(plain.metrics.services['b:m']!.share - 0.05);
    expect(limited.metrics.errorsByStatus['503']).toBeGreaterThan(0);
  });
});

