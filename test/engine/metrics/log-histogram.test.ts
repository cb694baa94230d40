import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jainIndex, LogHistogram } from '../../../engine/metrics/index.js';

describe('LogHistogram', () => {
  it('is empty at first', () => {
    const h = new LogHistogram();
    expect([h.count, h.mean(), h.quantile(0.5)]).toEqual([0, 0, 0]);
  });

  it('keeps the mean exact and min and max at q = 0 and 1', () => {
    const h = new LogHistogram();
    for (const v of [3, 1, 4, 1, 5, 9, 2, 6]) h.add(v);
    expect(h.mean()).toBe(31 / 8);
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(1)).toBe(9);
  });

  it('property: quantiles are within 1% of a true sample quantile', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (values, q) => {
        const h = new LogHistogram(0.01);
        for (const v of values) h.add(v);
        const sorted = [...values].sort((a, b) => a - b);
        const rank = q * (sorted.length - 1);
        const lower = sorted[Math.floor(rank)]!;
        const upper = sorted[Math.ceil(rank)]!;
        const estimate = h.quantile(q);
        expect(estimate).toBeGreaterThanOrEqual(lower * 0.99 - 1e-9);
        expect(estimate).toBeLessThanOrEqual(upper * 1.01 + 1e-9);
      }),
    );
  });

  it('memory does not grow with the count: a million values in a few hundred buckets', () => {
    const h = new LogHistogram(0.01);
    for (let i = 0; i < 1_000_000; i++) h.add(100 + (i % 1_000));
    expect(h.count).toBe(1_000_000);
    expect(h.quantile(0.5)).toBeGreaterThan(590);
    expect(h.quantile(0.5)).toBeLessThan(610);
  });

  it('values below the floor share one bucket', () => {
    const h = new LogHistogram(0.01, 1);
    for (const v of [0, 0, 0, 500]) h.add(v);
    expect(h.quantile(0.5)).toBe(0);
  });
});

describe('jainIndex', () => {
  it('is 1 for equal shares and 1/n when one takes all', () => {
    expect(jainIndex([2, 2, 2, 2])).toBe(1);
    expect(jainIndex([1, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([1, 3])).toBeCloseTo(16 / 20, 12);
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([0, 0])).toBe(1);
  });
});
