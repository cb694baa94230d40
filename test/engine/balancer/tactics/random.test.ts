import { chiSquaredDistributionTable } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { ManualClock, RandomTactic, Rule, SeededRng, type Service } from '../../../../engine/balancer/index.js';
import { fixedRng, makeService } from '../../../helpers/services.js';

function withWeights(weights: number[], clock = new ManualClock()): Service[] {
  return weights.map((weight, i) => makeService(clock, { provider: `p${i}`, weight }));
}

describe('random', () => {
  const tactic = new RandomTactic();

  it('returns nothing for an empty list and the only service of one', () => {
    expect(tactic.selectService(new Rule({ services: [] }), fixedRng(0.5))).toBeUndefined();
    const [only] = withWeights([3]);
    expect(tactic.selectService(new Rule({ services: [only!] }), fixedRng(0.99))).toBe(only);
  });

  it('maps r = floor(u * total) to the first service where r < running sum', () => {
    const services = withWeights([1, 2, 3]); // total 6
    const pick = (u: number): Service | undefined => tactic.selectService(new Rule({ services }), fixedRng(u));
    expect(pick(0)).toBe(services[0]); // r 0
    expect(pick(1 / 6 - 1e-9)).toBe(services[0]); // r 0
    expect(pick(1 / 6)).toBe(services[1]); // r 1
    expect(pick(0.49)).toBe(services[1]); // r 2
    expect(pick(0.5)).toBe(services[2]); // r 3
    expect(pick(0.999)).toBe(services[2]); // r 5
  });

  it('never picks a zero-weight service while some weight is positive', () => {
    const services = withWeights([0, 5, 0]);
    for (const u of [0, 0.2, 0.5, 0.99]) expect(tactic.selectService(new Rule({ services }), fixedRng(u))).toBe(services[1]);
  });

  it('is uniform when no weight is positive', () => {
    const services = withWeights([0, -1, 0, 0]);
    expect(tactic.selectService(new Rule({ services }), fixedRng(0))).toBe(services[0]);
    expect(tactic.selectService(new Rule({ services }), fixedRng(0.3))).toBe(services[1]);
    expect(tactic.selectService(new Rule({ services }), fixedRng(0.99))).toBe(services[3]);
  });

  it('a negative weight lowers the running sum, and an unreached draw falls back to the first service', () => {
    const services = withWeights([-5, 10]); // total 10; running sums -5, 5
    expect(tactic.selectService(new Rule({ services }), fixedRng(0.1))).toBe(services[1]); // r 1 < 5
    expect(tactic.selectService(new Rule({ services }), fixedRng(0.7))).toBe(services[0]); // r 7: never < 5
    const shifted = withWeights([4, -2, 4]); // total 8; running 4, 2, 6
    expect(tactic.selectService(new Rule({ services: shifted }), fixedRng(0.5))).toBe(shifted[2]); // r 4
    expect(tactic.selectService(new Rule({ services: shifted }), fixedRng(0.9))).toBe(shifted[0]); // r 7: fallback
  });

  it('skips inactive services', () => {
    const services = withWeights([100, 1]);
    services[0]!.active = false;
    expect(tactic.selectService(new Rule({ services }), fixedRng(0))).toBe(services[1]);
  });

  it('converges to the weights: chi-square goodness of fit at a fixed seed', () => {
    const weights = [1, 2, 3, 4, 5, 6, 7, 8];
    const services = withWeights(weights);
    const rule = new Rule({ services });
    const rng = new SeededRng('chi-square');
    const n = 72_000;
    const counts = new Map<Service, number>();
    for (let i = 0; i < n; i++) {
      const s = tactic.selectService(rule, rng)!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const observed = services.map((s) => counts.get(s) ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    const expected = weights.map((w) => (w / total) * n);
    const statistic = observed.reduce((acc, o, i) => acc + (o - expected[i]!) ** 2 / expected[i]!, 0);
    const critical = chiSquaredDistributionTable[7][0.05]; // 14.07 for 7 degrees of freedom
    expect(critical).toBeCloseTo(14.07, 2);
    expect(statistic).toBeLessThan(critical);
    // and the test has power: a tactic that ignored the weights would fail it by far
    const uniform = expected.reduce((acc, e) => acc + (n / weights.length - e) ** 2 / e, 0);
    expect(uniform).toBeGreaterThan(critical * 100);
  });
});
