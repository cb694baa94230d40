import { describe, expect, it } from 'vitest';
import { estimate, pairedDifference, tCritical95 } from '../../../engine/run/index.js';

describe('tCritical95', () => {
  it('matches Student t tables', () => {
    expect(tCritical95(1)).toBeCloseTo(12.706, 3);
    expect(tCritical95(4)).toBeCloseTo(2.776, 3);
    expect(tCritical95(30)).toBeCloseTo(2.042, 3);
    expect(tCritical95(40)).toBeCloseTo(2.021, 3);
    expect(tCritical95(120)).toBeCloseTo(1.980, 3);
    expect(tCritical95(1e6)).toBeCloseTo(1.960, 3);
    expect(() => tCritical95(0)).toThrow(RangeError);
  });
});

describe('estimate', () => {
  it('gives the mean and the t-based 95% half-width: hand-computed for [2, 4, 4, 4, 5, 5, 7, 9]', () => {
    // mean 5, sample variance 32/7, standard error sqrt(32/7/8) = 0.7559, t(7) = 2.3646
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e.n).toBe(8);
    expect(e.mean).toBe(5);
    expect(e.ci95).toBeCloseTo(2.364624252 * Math.sqrt(32 / 7 / 8), 9);
    expect([e.min, e.max]).toEqual([2, 9]);
  });

  it('has no interval with one value and is zero when empty; NaN values are left out', () => {
    expect(estimate([3])).toEqual({ n: 1, mean: 3, ci95: 0, min: 3, max: 3 });
    expect(estimate([])).toEqual({ n: 0, mean: 0, ci95: 0, min: 0, max: 0 });
    expect(estimate([1, Number.NaN, 3]).mean).toBe(2);
  });
});

describe('pairedDifference', () => {
  it('differences replication by replication: hand-computed', () => {
    // differences [1, 2, 3]: mean 2, sd 1, se 1/sqrt(3), t(2) = 4.3027 -> half-width 2.484
    const d = pairedDifference([11, 22, 33], [10, 20, 30]);
    expect(d.mean).toBe(2);
    expect(d.ci95).toBeCloseTo(4.30265273 / Math.sqrt(3), 9);
    expect(d.significant).toBe(false);
    expect(pairedDifference([11, 22, 33, 44], [10, 21, 32, 43]).significant).toBe(true); // constant +1
    expect(pairedDifference([1, 2], [1, 2]).significant).toBe(false);
  });

  it('pairing removes the shared variation a two-sample comparison would suffer', () => {
    const base = [100, 300, 200, 400, 250];
    const better = base.map((x) => x - 5);
    expect(pairedDifference(better, base)).toMatchObject({ mean: -5, ci95: 0, significant: true });
    expect(Math.abs(estimate(better).mean - estimate(base).mean)).toBeLessThan(estimate(base).ci95);
  });

  it('rejects samples of different lengths', () => {
    expect(() => pairedDifference([1], [1, 2])).toThrow(RangeError);
  });
});
