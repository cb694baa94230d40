import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_TACTIC_TYPES, tacticTypeToString } from '../../engine/balancer/index.js';
import type { TryRecord } from '../../engine/gateway/index.js';
import type { GatewayOptions, HealthSetting } from '../../engine/gateway/index.js';
import type { FailureStatus, Incident } from '../../engine/providers/index.js';
import type { Scenario } from '../../engine/scenario/index.js';
import { Outcome } from '../../engine/gateway/index.js';
import { simulate, UnknownCellError } from '../../engine/simulate.js';
import { provider, scenario, service } from '../helpers/scenarios.js';

const TACTICS = ALL_TACTIC_TYPES.map(tacticTypeToString);
const HEALTH = ['unconfigured', 'default', 'none'];

/** A scenario with something of everything: errors, an outage, a 429 storm, rate limits, cache, sessions. */
function eventful(): Scenario {
  return scenario({
    durationMs: 30_000,
    workload: { arrivals: { kind: 'poisson', ratePerSecond: 30 }, inputTokens: { kind: 'lognormal', median: 500, p99: 4_000 }, outputTokens: { kind: 'uniform', min: 20, max: 400 }, streamingFraction: 0.8, sessions: 20 },
    services: [
      service('a', provider({ errorRates: { 500: 0.02 }, incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 5_000, durationMs: 8_000 }], cache: { hitProbability: 0.5, ttftFactor: 0.3, inputPriceFactor: 0.1, ttlMs: 60_000 } })),
      service('b', provider({ concurrency: 4, queueLimit: 20, rateLimits: { requestsPerMinute: 900, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null } })),
      service('c', provider({ incidents: [{ kind: 'rate_limited', retryAfterMs: 2_000, startMs: 12_000, durationMs: 5_000 }, { kind: 'slow', factor: 3, startMs: 20_000, durationMs: 5_000 }] }), { weight: 2 }),
    ],
  });
}

describe('simulate', () => {
  it('is deterministic: every tactic twice, under every health setting, gives byte-identical JSON', () => {
    const s = eventful();
    for (const tactic of TACTICS) {
      for (const health of HEALTH) {
        const first = JSON.stringify(simulate(s, { tactic, health }));
        const second = JSON.stringify(simulate(s, { tactic, health }));
        expect(second).toBe(first);
      }
    }
  });

  it('returns plain JSON data naming its cell; another seed gives another run', () => {
    const s = eventful();
    const result = simulate(s, { tactic: 'random', health: 'default', seed: 11 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect([result.scenario, result.tactic, result.health, result.gateway, result.seed]).toEqual(['test', 'random', 'default', 'default', 11]);
    expect(JSON.stringify(simulate(s, { tactic: 'random', health: 'default', seed: 12 }))).not.toBe(JSON.stringify(result));
  });

  it('names unknown cells with a typed error', () => {
    expect(() => simulate(scenario(), { tactic: 'fastest', health: 'none' })).toThrow(UnknownCellError);
    expect(() => simulate(scenario(), { tactic: 'random', health: 'strict' })).toThrow(/unknown health setting "strict"/);
    expect(() => simulate(scenario(), { tactic: 'random', health: 'none', gateway: 'failover' })).toThrow(/unknown gateway variant/);
  });

  it('common random numbers: two tactics routing a request to the same provider see the same latency for it', () => {
    const s = scenario({
      services: [service('a', provider({ ttftMs: { kind: 'lognormal', median: 300, p99: 3_000 }, tokensPerSecond: { kind: 'uniform', min: 20, max: 120 } })), service('b')],
    });
    const attemptsOf = (tactic: string): Map<string, TryRecord> => {
      const seen = new Map<string, TryRecord>();
      simulate(s, { tactic, health: 'none', observers: { onTry: (a) => seen.set(`${a.index}/${a.attempt}/${a.try}`, a) } });
      return seen;
    };
    const random = attemptsOf('random');
    const capacity = attemptsOf('capacity_based');
    let same = 0;
    for (const [key, a] of random) {
      const b = capacity.get(key)!;
      if (a.service !== b.service) continue;
      same++;
      // equal draws; only the float rounding of (end - start) at different start times may differ
      expect(Math.abs(b.serviceTtftMs - a.serviceTtftMs)).toBeLessThan(1e-6);
      expect(Math.abs(b.serviceMs - a.serviceMs)).toBeLessThan(1e-6);
    }
    expect(same).toBeGreaterThan(300);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated scenarios.

const statusArb = fc.constantFrom<FailureStatus>(500, 502, 503, 504, 408, 409, 401, 403, 429);
const incidentArb = (durationMs: number): fc.Arbitrary<Incident> =>
  fc
    .record({
      startMs: fc.integer({ min: 0, max: durationMs - 1_000 }),
      lengthMs: fc.integer({ min: 500, max: durationMs }),
      kind: fc.constantFrom('down', 'rate_limited', 'auth_revoked', 'slow', 'flaky', 'degraded', 'mid_stream'),
      status: fc.constantFrom<500 | 502 | 503 | 504 | 'timeout'>(500, 502, 503, 504, 'timeout'),
      factor: fc.double({ min: 0.2, max: 5, noNaN: true }),
      probability: fc.double({ min: 0.05, max: 1, noNaN: true }),
      retryAfterMs: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
    })
    .map(({ startMs, lengthMs, kind, status, factor, probability, retryAfterMs }): Incident => {
      const base = { startMs, durationMs: Math.min(lengthMs, durationMs - startMs) };
      switch (kind) {
        case 'down':
          return { ...base, kind, status, inFlight: factor > 2 ? 'finish' : 'cut' };
        case 'rate_limited':
          return { ...base, kind, retryAfterMs };
        case 'auth_revoked':
          return { ...base, kind, status: factor > 2 ? 401 : 403 };
        case 'slow':
        case 'degraded':
          return { ...base, kind, factor };
        case 'mid_stream':
          return { ...base, kind, errorProbability: probability, status: factor > 2 ? 503 : 500 };
        default:
          return { ...base, kind: 'flaky', errorProbability: probability, status: 500 };
      }
    });

const DURATION = 8_000;
const providerArb = fc.record({
  concurrency: fc.integer({ min: 1, max: 16 }),
  queueLimit: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 0, max: 10 })),
  errorRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  errorStatus: statusArb,
  rpm: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 30, max: 2_000 })),
  incidents: fc.array(incidentArb(DURATION), { maxLength: 2 }),
  weight: fc.integer({ min: 0, max: 5 }),
  ttftMedian: fc.integer({ min: 20, max: 2_000 }),
  active: fc.boolean(),
});

const gatewayArb: fc.Arbitrary<Partial<GatewayOptions>> = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  excludeTried: fc.boolean(),
  honorRetryAfter: fc.boolean(),
  retryBackoffMs: fc.constantFrom(0, 200),
  recordFailureLatency: fc.boolean(),
  advanceCurrentService: fc.boolean(),
  requestTimeoutMs: fc.constantFrom(Number.POSITIVE_INFINITY, 1_500, 10_000),
  clientRetries: fc.integer({ min: 0, max: 3 }),
});

const healthArb: fc.Arbitrary<HealthSetting> = fc.oneof(
  fc.constantFrom<HealthSetting>({ name: 'none', config: null }, { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } }),
  fc.record({ consecutiveErrorThreshold: fc.integer({ min: 0, max: 4 }), recoveryTimeoutSeconds: fc.integer({ min: 0, max: 5 }), probeEnabled: fc.boolean() }).map((config) => ({ name: 'generated', config })),
);

type ProviderSpec = typeof providerArb extends fc.Arbitrary<infer T> ? T : never;

function generatedScenario(specs: ProviderSpec[], gateway: Partial<GatewayOptions>, seed: number, cacheHitProbability = 0.3): Scenario {
  const base = scenario();
  return scenario({
    seed,
    durationMs: DURATION,
    workload: { ...base.workload, arrivals: { kind: 'poisson', ratePerSecond: 40 }, sessions: 5 },
    services: specs.map((p, i) =>
      service(
        `p${i}`,
        provider({
          concurrency: p.concurrency,
          queueLimit: p.queueLimit,
          errorRates: p.errorRate > 0 ? { [p.errorStatus]: p.errorRate } : {},
          rateLimits: { requestsPerMinute: p.rpm, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null },
          incidents: p.incidents,
          ttftMs: { kind: 'lognormal', median: p.ttftMedian, p99: p.ttftMedian * 5 },
          cache: { hitProbability: cacheHitProbability, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 10_000 },
        }),
        { weight: p.weight, active: p.active },
      ),
    ),
    gateway: { ...base.gateway, ...gateway },
    gatewayVariants: [{ name: 'generated', options: { ...base.gateway, ...gateway } }],
    // a single slot at 40 requests/s drains for a long while after the arrivals stop
    limits: { maxEvents: 10_000_000, maxSimulatedMs: 48 * 3_600_000 },
  });
}

describe('simulate over generated scenarios', () => {
  it('conserves requests, attempts and tries: each is counted once, under both kinds of retries and every incident', () => {
    fc.assert(
      fc.property(fc.array(providerArb, { minLength: 1, maxLength: 4 }), gatewayArb, healthArb, fc.constantFrom(...TACTICS), fc.nat(), (specs, gateway, health, tactic, seed) => {
        const s = generatedScenario(specs, gateway, seed);
        const ended = new Map<number, number>();
        const triesOfAttempt = new Map<string, number>();
        let attemptsSeen = 0;
        let triesSeen = 0;
        const r = simulate(s, {
          tactic,
          health,
          observers: {
            onRequest: (req) => ended.set(req.index, (ended.get(req.index) ?? 0) + 1),
            onAttempt: (a) => {
              attemptsSeen++;
              expect(triesOfAttempt.get(`${a.index}/${a.attempt}`)).toBe(a.tries);
            },
            onTry: (t) => {
              triesSeen++;
              const key = `${t.index}/${t.attempt}`;
              expect(t.try).toBe(triesOfAttempt.get(key) ?? 0);
              triesOfAttempt.set(key, t.try + 1);
            },
          },
        });
        const { totals, metrics } = r;
        expect(totals.successes + totals.failures).toBe(totals.arrivals);
        expect(ended.size).toBe(totals.arrivals);
        for (const count of ended.values()) expect(count).toBe(1);
        expect(metrics.successes + metrics.failures).toBe(metrics.requests);
        expect(Object.values(metrics.errorsByStatus).reduce((a, b) => a + b, 0)).toBe(metrics.failures);
        expect(Object.values(metrics.attemptsByStatus).reduce((a, b) => a + b, 0)).toBe(metrics.attempts);
        expect(attemptsSeen).toBe(metrics.attempts);
        expect(Object.values(metrics.services).reduce((a, svc) => a + svc.attempts, 0)).toBe(metrics.attempts);
        expect(metrics.attempts).toBeLessThanOrEqual(metrics.requests * s.gateway.maxAttempts);
        expect(triesSeen).toBe(metrics.providerAttempts);
        expect(Object.values(metrics.providerAttemptsByStatus).reduce((a, b) => a + b, 0)).toBe(metrics.providerAttempts);
        expect(Object.values(metrics.services).reduce((a, svc) => a + svc.providerAttempts, 0)).toBe(metrics.providerAttempts);
        expect(metrics.sdkRetries).toBe(metrics.providerAttempts - metrics.attempts);
        expect(metrics.providerAttempts).toBeGreaterThanOrEqual(metrics.attempts);
        expect(metrics.providerAttempts).toBeLessThanOrEqual(metrics.attempts * (1 + s.gateway.clientRetries));
        for (const value of Object.values(metrics)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('a service set inactive receives no request under any tactic or health setting', () => {
    fc.assert(
      fc.property(fc.array(providerArb, { minLength: 2, maxLength: 4 }), gatewayArb, fc.nat(), fc.nat(), (specs, gateway, seed, pick) => {
        const inactive = pick % specs.length;
        const adjusted = specs.map((p, i) => ({ ...p, active: i !== inactive }));
        const s = generatedScenario(adjusted, gateway, seed);
        for (const tactic of TACTICS) {
          for (const health of HEALTH) {
            const r = simulate(s, { tactic, health });
            expect(r.metrics.services[`p${inactive}:m`]!.attempts).toBe(0);
            expect(r.timeSeries.services[`p${inactive}:m`]!.attempts.every((n) => n === 0)).toBe(true);
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('with no monitor, the random tactic’s attempt shares converge to the weights whatever the incidents', () => {
    fc.assert(
      fc.property(fc.array(providerArb, { minLength: 2, maxLength: 5 }), fc.nat(), (specs, seed) => {
        // enough slots that queues drain; the shares do not depend on them
        const weighted = specs.map((p, i) => ({ ...p, concurrency: 64, active: true, weight: p.weight === 0 && i === 0 ? 1 : p.weight }));
        const s = { ...generatedScenario(weighted, { maxAttempts: 1 }, seed), durationMs: 60_000 };
        const r = simulate(s, { tactic: 'random', health: 'none' });
        const total = weighted.reduce((a, p) => a + p.weight, 0);
        const n = r.metrics.attempts;
        let chi = 0;
        weighted.forEach((p, i) => {
          const observed = r.metrics.services[`p${i}:m`]!.attempts;
          const expected = (n * p.weight) / total;
          if (expected === 0) expect(observed).toBe(0);
          else chi += (observed - expected) ** 2 / expected;
        });
        // Chi-square critical value at p = 1e-6 for up to 4 degrees of freedom: a false alarm is negligible.
        expect(chi).toBeLessThan(33.4);
      }),
      { numRuns: 40 },
    );
  });

  it('the same request index sees the same provider behaviour in every cell', () => {
    fc.assert(
      fc.property(fc.array(providerArb, { minLength: 2, maxLength: 3 }), gatewayArb, fc.nat(), fc.constantFrom(...TACTICS), fc.constantFrom(...TACTICS), (specs, gateway, seed, t1, t2) => {
        // Slow, degraded and mid-stream incidents act at service start, which queueing moves, an
        // outage that cuts in-flight requests acts on whatever is in flight, and a prompt-cache hit
        // depends on where the session went before: all history, not the request. Keep them out.
        const atStart = new Set(['slow', 'degraded', 'mid_stream']);
        const steady = specs.map((p) => ({ ...p, active: true, incidents: p.incidents.filter((i) => !atStart.has(i.kind) && !(i.kind === 'down' && i.inFlight === 'cut')) }));
        const s = generatedScenario(steady, gateway, seed, 0);
        const served = (tactic: string, health: string): Map<string, TryRecord> => {
          const out = new Map<string, TryRecord>();
          // successful tries: served to the end, not cut short by a deadline or an outage
          simulate(s, { tactic, health, observers: { onTry: (a) => a.outcome === Outcome.Ok && out.set(`${a.index}/${a.attempt}/${a.try}/${a.service}`, a) } });
          return out;
        };
        const a = served(t1, 'none');
        const b = served(t2, 'default');
        for (const [key, x] of a) {
          const y = b.get(key);
          if (!y) continue;
          expect(Math.abs(y.serviceTtftMs - x.serviceTtftMs)).toBeLessThan(1e-6);
          expect(Math.abs(y.serviceMs - x.serviceMs)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 30 },
    );
  });
});
