import { describe, expect, it } from 'vitest';
import { percentileOfSorted } from '../../../../engine/balancer/internal/percentile.js';

const of = (sorted: number[], p: number): number => percentileOfSorted(sorted.length, p, (i) => sorted[i]!);

describe('percentileOfSorted', () => {
  it('interpolates between ranks at p * (n - 1): the spec example [10, 20, 30, 40]', () => {
    expect(of([10, 20, 30, 40], 0.5)).toBe(25);
    expect(of([10, 20, 30, 40], 0.95)).toBeCloseTo(38.5, 10);
    expect(of([10, 20, 30, 40], 0.99)).toBeCloseTo(39.7, 10);
  });

  it('gives the minimum for p <= 0, the maximum for p >= 1 and 0 when empty', () => {
    expect(of([3, 7, 11], 0)).toBe(3);
    expect(of([3, 7, 11], -0.5)).toBe(3);
    expect(of([3, 7, 11], 1)).toBe(11);
    expect(of([3, 7, 11], 1.2)).toBe(11);
    expect(of([], 0.5)).toBe(0);
  });

  it('returns the single value of a one-element list for any p', () => {
    for (const p of [0.01, 0.5, 0.99]) expect(of([42], p)).toBe(42);
  });

  it('takes the exact rank when p * (n - 1) is whole', () => {
    expect(of([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(of([1, 2, 3, 4, 5], 0.25)).toBe(2);
  });
});
