import { describe, expect, it } from 'vitest';
import { AdaptiveTactic, ManualClock, normalisedRanks, Rule, type Service } from '../../../../engine/balancer/index.js';
import { makeService } from '../../../helpers/services.js';

interface Shape { latency?: number[]; speed?: number[]; tokens?: number }
function shaped(shapes: Shape[]): Service[] {
  const clock = new ManualClock();
  return shapes.map((shape, i) => {
    const s = makeService(clock, { provider: `p${i}` });
    s.recordUsage(shape.tokens ?? 0, 0);
    for (const ms of shape.latency ?? []) s.stats.recordLatency(ms, 100);
    for (const tps of shape.speed ?? []) s.stats.recordTokenSpeed(tps, 100);
    return s;
  });
}

describe('adaptive', () => {
  it('defaults and parameter resolution', () => {
    expect(new AdaptiveTactic().params).toEqual({
      latencyWeight: 0.25, tokenWeight: 0.15, speedWeight: 0.15, healthWeight: 0.1,
      maxLatencyMs: 2_000, maxTokenUsage: 10_000, minSpeedTps: 50, scoringMode: 'weighted_sum',
    });
    expect(new AdaptiveTactic({ scoringMode: 'nonsense', latencyWeight: 0 }).params).toMatchObject({ scoringMode: 'weighted_sum', latencyWeight: 0.25 });
    expect(new AdaptiveTactic({ scoringMode: 'rank_based' }).params.scoringMode).toBe('rank_based');
    expect(() => new AdaptiveTactic({ maxLatencyMs: Number.NaN })).toThrow(RangeError);
    expect(() => new AdaptiveTactic({ scoringMode: 3 as never })).toThrow(TypeError);
  });

  it('empty list: nothing; one service: it', () => {
    const tactic = new AdaptiveTactic();
    expect(tactic.selectService(new Rule({ services: [] }))).toBeUndefined();
    const [a] = shaped([{}]);
    expect(tactic.selectService(new Rule({ services: [a!] }))).toBe(a);
  });

  it('dimension scores follow the formulas (neutral 0.5 without samples)', () => {
    const tactic = new AdaptiveTactic();
    const [a, b] = shaped([{ latency: [500], speed: [25], tokens: 2_500 }, { latency: [5_000], speed: [500], tokens: 50_000 }]);
    expect(tactic.dimensionScores(a!)).toEqual({ latency: 0.75, tokens: 0.75, speed: 0.25, health: 1 });
    expect(tactic.dimensionScores(b!)).toEqual({ latency: 0, tokens: 0, speed: 1, health: 1 });
    const [c] = shaped([{}]);
    expect(tactic.dimensionScores(c!)).toEqual({ latency: 0.5, tokens: 1, speed: 0.5, health: 1 });
  });

  it('weighted_sum: highest composite wins, the first on ties', () => {
    const tactic = new AdaptiveTactic();
    const services = shaped([{ latency: [1_000] }, { latency: [200] }, { latency: [200] }]);
    const scores = tactic.scores(services);
    expect(scores[0]).toBeCloseTo(0.5 * 0.25 + 1 * 0.15 + 0.5 * 0.15 + 0.1, 12);
    expect(scores[1]).toBeCloseTo(0.9 * 0.25 + 0.15 + 0.075 + 0.1, 12);
    expect(tactic.selectService(new Rule({ services }))).toBe(services[1]);
  });

  it('multiplicative is the product of score^weight, so one zero dimension sinks a service', () => {
    const tactic = new AdaptiveTactic({ scoringMode: 'multiplicative' });
    const services = shaped([{ latency: [4_000], speed: [500] }, { latency: [1_900], speed: [50] }]);
    const [s0, s1] = tactic.scores(services);
    expect(s0).toBe(0);
    expect(s1).toBeCloseTo(0.05 ** 0.25 * 1 ** 0.15 * 0.5 ** 0.15 * 1, 12);
    expect(tactic.selectService(new Rule({ services }))).toBe(services[1]);
    // weighted_sum on the same data prefers the first: 0.40 against 0.3375
    expect(new AdaptiveTactic().selectService(new Rule({ services }))).toBe(services[0]);
  });

  it('rank_based: weighted sum of normalised ranks; mid-ranks on ties', () => {
    expect(normalisedRanks([3, 1, 2])).toEqual([1, 0, 0.5]);
    expect(normalisedRanks([5, 5, 1])).toEqual([0.75, 0.75, 0]);
    expect(normalisedRanks([7])).toEqual([0.5]);
    const tactic = new AdaptiveTactic({ scoringMode: 'rank_based' });
    // p0 best latency, worst speed; p1 the reverse; p2 middle on both
    const services = shaped([{ latency: [100], speed: [10] }, { latency: [1_900], speed: [99] }, { latency: [1_000], speed: [50] }]);
    const scores = tactic.scores(services);
    expect(scores[0]).toBeCloseTo(1 * 0.25 + 0.5 * 0.15 + 0 * 0.15 + 0.5 * 0.1, 12);
    expect(scores[1]).toBeCloseTo(0 * 0.25 + 0.5 * 0.15 + 1 * 0.15 + 0.5 * 0.1, 12);
    expect(scores[2]).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.15 + 0.5 * 0.15 + 0.5 * 0.1, 12);
    expect(tactic.selectService(new Rule({ services }))).toBe(services[0]);
  });
});
