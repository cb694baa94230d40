import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveTactic,
  ALL_TACTIC_TYPES,
  createTactic,
  LatencyBasedTactic,
  ManualClock,
  Rule,
  SeededRng,
  Service,
  tacticTypeToString,
} from '../../../../engine/balancer/index.js';

describe('createTactic', () => {
  it('builds each tactic with its type and name', () => {
    const names = ALL_TACTIC_TYPES.map((t) => [tacticTypeToString(t), createTactic(t).name, createTactic(t).type]);
    expect(names).toEqual([
      ['token_based', 'Token Based', 1],
      ['random', 'Random', 3],
      ['latency_based', 'Latency Based', 4],
      ['speed_based', 'Speed Based', 5],
      ['adaptive', 'Adaptive', 6],
      ['capacity_based', 'Capacity Based', 7],
    ]);
  });

  it('passes the gateway parameters through', () => {
    const latency = createTactic(4, { latencyThresholdMs: 800, comparisonMode: 'p95', tokenThreshold: 5 });
    expect(latency).toBeInstanceOf(LatencyBasedTactic);
    expect((latency as LatencyBasedTactic).params).toMatchObject({ latencyThresholdMs: 800, comparisonMode: 'p95' });
    expect((createTactic(6, { scoringMode: 'multiplicative' }) as AdaptiveTactic).params.scoringMode).toBe('multiplicative');
  });

  it('gives adaptive with defaults for a type with no tactic, as the gateway does', () => {
    for (const t of [0, 2, 42]) {
      const tactic = createTactic(t, { scoringMode: 'rank_based' });
      expect(tactic).toBeInstanceOf(AdaptiveTactic);
      expect((tactic as AdaptiveTactic).params.scoringMode).toBe('weighted_sum');
    }
  });
});

describe('every tactic', () => {
  const serviceArb = fc.record({
    weight: fc.integer({ min: -3, max: 10 }),
    active: fc.boolean(),
    modelCapacity: fc.option(fc.integer({ min: -2, max: 50 }), { nil: undefined }),
    latencies: fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 6 }),
    speeds: fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { maxLength: 8 }),
    tokens: fc.integer({ min: 0, max: 20_000 }),
  });

  it('property: never returns an inactive service or one not in the list', () => {
    fc.assert(
      fc.property(
        fc.array(serviceArb, { maxLength: 8 }),
        fc.constantFrom(...ALL_TACTIC_TYPES),
        fc.integer(),
        fc.nat({ max: 9 }),
        (specs, type, seed, currentIndex) => {
          const clock = new ManualClock();
          const services = specs.map((spec, i) => {
            const s = new Service({ provider: `p${i}`, model: 'm', weight: spec.weight, active: spec.active, timeWindow: 60, modelCapacity: spec.modelCapacity }, clock);
            s.recordUsage(spec.tokens, 0);
            for (const ms of spec.latencies) s.stats.recordLatency(ms, 100);
            for (const tps of spec.speeds) s.stats.recordTokenSpeed(tps, 100);
            return s;
          });
          const rule = new Rule({ services, currentServiceId: `p${currentIndex}:m` });
          const tactic = createTactic(type);
          const rng = new SeededRng(seed);
          for (let i = 0; i < 5; i++) {
            const chosen = tactic.selectService(rule, rng);
            const active = services.filter((s) => s.active);
            if (active.length === 0) expect(chosen).toBeUndefined();
            else {
              expect(chosen).toBeDefined();
              expect(services).toContain(chosen);
              expect(chosen!.active).toBe(true);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
