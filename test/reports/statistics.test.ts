import { describe, expect, it } from 'vitest';
import { estimate, pairedDifference, tCritical95 } from '../../reports/index.js';
import { smallResults } from './fixtures.js';

describe('95% confidence intervals', () => {
  it('use Student t with n - 1 degrees of freedom (hand-computed)', () => {
    // mean 3, sample variance 10 / 4 = 2.5, standard error sqrt(2.5 / 5) = 0.70711, t(4) = 2.776445
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.ci95).toBeCloseTo(2.776445105 * Math.sqrt(0.5), 12);
    expect(e.ci95).toBeCloseTo(1.963243, 6);
    expect([e.min, e.max]).toEqual([1, 5]);
  });

  it('has no interval for one value and nothing for none; non-finite values are left out', () => {
    expect(estimate([7])).toEqual({ n: 1, mean: 7, ci95: 0, min: 7, max: 7 });
    expect(estimate([])).toEqual({ n: 0, mean: 0, ci95: 0, min: 0, max: 0 });
    expect(estimate([1, Number.NaN, 3, Number.POSITIVE_INFINITY]).mean).toBe(2);
  });

  it('t critical values match tables, and the series beyond 30 degrees of freedom', () => {
    expect(tCritical95(1)).toBeCloseTo(12.7062, 4);
    expect(tCritical95(9)).toBeCloseTo(2.2622, 4);
    expect(tCritical95(40)).toBeCloseTo(2.021075, 5);
    expect(tCritical95(120)).toBeCloseTo(1.979930, 5);
    expect(() => tCritical95(0)).toThrow(/at least 2 values/);
  });

  it('agree with the aggregates stored in simulated results', async () => {
    const results = await smallResults();
    for (const cell of results.cells) {
      const mine = estimate(cell.replications.map((r) => r.metrics.successRate));
      const stored = cell.aggregate['success_rate']!;
      expect(mine.mean).toBeCloseTo(stored.mean, 12);
      expect(mine.ci95).toBeCloseTo(stored.ci95, 12);
    }
  });
});

describe('paired differences', () => {
  it('are a tie when the interval of the differences includes 0 (hand-computed)', () => {
    // differences 1, 2, 3: mean 2, sd 1, se 1 / sqrt(3) = 0.57735, t(2) = 4.302653 -> half-width 2.48414 > 2
    const d = pairedDifference([10, 12, 14], [9, 10, 11]);
    expect(d.mean).toBe(2);
    expect(d.ci95).toBeCloseTo(4.30265273 / Math.sqrt(3), 10);
    expect(d.ci95).toBeCloseTo(2.48414, 5);
    expect(d.significant).toBe(false);
  });

  it('are clear when the interval excludes 0 (hand-computed)', () => {
    // differences 0.05, 0.04, 0.05, 0.06: mean 0.05, sd sqrt(0.0002 / 3) = 0.0081650, se 0.0040825, t(3) = 3.182446
    const d = pairedDifference([0.95, 0.97, 0.96, 0.98], [0.9, 0.93, 0.91, 0.92]);
    expect(d.mean).toBeCloseTo(0.05, 12);
    expect(d.ci95).toBeCloseTo(3.182446305 * Math.sqrt(0.0002 / 3 / 4), 10);
    expect(d.ci95).toBeCloseTo(0.0129923, 6);
    expect(d.significant).toBe(true);
  });

  it('pair only samples of equal length, and one pair is never significant', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/pair replications by seed/);
    expect(pairedDifference([5], [1]).significant).toBe(false);
  });

  it('agree with the comparisons stored in simulated results', async () => {
    const results = await smallResults();
    const baseline = results.cells.find((c) => c.id === results.comparisons!.baseline)!;
    for (const cell of results.cells) {
      const mine = pairedDifference(
        cell.replications.map((r) => r.metrics.latencyMs.p95),
        baseline.replications.map((r) => r.metrics.latencyMs.p95),
      );
      const stored = results.comparisons!.paired[cell.id]!['latency_p95_ms']!;
      expect(mine.mean).toBeCloseTo(stored.mean, 9);
      expect(mine.ci95).toBeCloseTo(stored.ci95, 9);
      expect(mine.significant).toBe(stored.significant);
    }
  });
});
