import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantileSketch, type SketchData } from '../../../engine/metrics/index.js';

const A = 0.001;

/** Values from a light body or a heavy tail: uniform, lognormal, Pareto (alpha 1.1) and a spike of ties. */
const sample = fc.oneof(
  fc.array(fc.double({ min: 0.5, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), { minLength: 1, maxLength: 400 }).map((pairs) =>
    // Box-Muller normal, exponentiated: median 800 ms, a long right tail.
    pairs.map(([u, v]) => 800 * Math.exp(1.5 * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v))),
  ),
  fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 400 }).map((us) => us.map((u) => 100 / (1 - u) ** (1 / 1.1))),
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.double({ min: 1, max: 1e5, noNaN: true }), fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), { maxLength: 20 })).map(([n, v, rest]) => [...Array.from({ length: n }, () => v), ...rest]),
);

function sketchOf(values: readonly number[], accuracy = A): QuantileSketch {
  const s = new QuantileSketch(accuracy);
  for (const v of values) s.add(v);
  return s;
}

describe('QuantileSketch', () => {
  it('is empty at first: count, mean and every quantile 0', () => {
    const s = new QuantileSketch(A);
    expect([s.count, s.mean(), s.sum(), s.quantile(0), s.quantile(0.5), s.quantile(1)]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.toData()).toMatchObject({ count: 0, min: 0, max: 0, buckets: '', lowCount: 0 });
  });

  it('gives the one value back, exactly, at every quantile', () => {
    const s = sketchOf([1234.5678]);
    for (const q of [0, 0.01, 0.5, 0.95, 0.999, 1]) expect(s.quantile(q)).toBe(1234.5678);
    expect([s.count, s.mean(), s.min, s.max]).toEqual([1, 1234.5678, 1234.5678, 1234.5678]);
  });

  it('keeps count, sum, mean, min and max exact', () => {
    const s = sketchOf([0.1, 0.2, 0.3, 1e16, 1, -1e16]);
    expect(s.sum()).toBe(1.6); // a naive sum loses the small values to the large ones
    expect([s.count, s.min, s.max, s.quantile(0), s.quantile(1)]).toEqual([6, -1e16, 1e16, -1e16, 1e16]);
  });

  it('property: every quantile is within 0.1% of the exact order statistic, heavy tails included', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const s = sketchOf(values);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.floor(q * (sorted.length - 1))]!;
        expect(Math.abs(s.quantile(q) - exact)).toBeLessThanOrEqual(A * exact * (1 + 1e-9));
      }),
      { numRuns: 500 },
    );
  });

  it('property: the sketch of parts, merged, is exactly the sketch of the whole', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { maxLength: 4 }), (values, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (values.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...at, values.length];
        const merged = new QuantileSketch(A);
        // Parts merged in reverse order: the result cannot depend on the order either.
        for (let k = bounds.length - 2; k >= 0; k--) merged.merge(sketchOf(values.slice(bounds[k], bounds[k + 1])));
        const whole = sketchOf(values);
        const { sumPartials: _m, ...mergedData } = merged.toData();
        const { sumPartials: _w, ...wholeData } = whole.toData();
        expect(mergedData).toEqual(wholeData);
        expect(merged.sum()).toBe(whole.sum());
        expect(merged.mean()).toBe(whole.mean());
        for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) expect(merged.quantile(q)).toBe(whole.quantile(q));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips through its plain data (what crosses a worker boundary)', () => {
    const s = sketchOf([5, 50, 500, 5000, 0.001, 7]);
    const back = QuantileSketch.fromData(JSON.parse(JSON.stringify(s.toData())) as SketchData);
    // The partial sums may come back regrouped: the exact sum they hold is the same.
    const { sumPartials: _b, ...backData } = back.toData();
    const { sumPartials: _s, ...data } = s.toData();
    expect(backData).toEqual(data);
    expect(back.sum()).toBe(s.sum());
    for (const q of [0, 0.3, 0.6, 1]) expect(back.quantile(q)).toBe(s.quantile(q));
  });

  it('refuses to merge sketches of different accuracies', () => {
    expect(() => new QuantileSketch(A).merge(new QuantileSketch(0.01))).toThrow(/accuracy/);
  });

  it('memory does not grow with the count: a million values in about a thousand buckets, a few bytes each as data', () => {
    const s = new QuantileSketch(A);
    for (let i = 0; i < 1_000_000; i++) s.add(100 + (i % 1_000));
    expect(s.count).toBe(1_000_000);
    const buckets = Math.ceil(Math.log(1_099 / 100) / Math.log((1 + A) / (1 - A))) + 1;
    // Each non-empty bucket: a gap of 1 (one byte) and a count below 2^14 (two bytes).
    expect(s.toData().buckets.length).toBeLessThanOrEqual(3 * buckets);
    expect(Math.abs(s.quantile(0.5) - 599) / 599).toBeLessThanOrEqual(A);
  });

  it('values below the floor share one bucket, reported as the minimum', () => {
    const s = new QuantileSketch(A, { minValue: 1 });
    for (const v of [0, 0.5, 0.25, 500]) s.add(v);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(1)).toBe(500);
  });

  it('keeps counts beyond 2^32 exact in its data', () => {
    const one = new QuantileSketch(A);
    one.add(10);
    const count = 2 ** 40 + 3;
    // One bucket: gap 0, then 3 + 2^40 in little-endian base-128 digits (3, 0, 0, 0, 0, 32).
    const data = { ...one.toData(), count, sumPartials: [10 * count], buckets: String.fromCharCode(0, 128 + 3, 128, 128, 128, 128, 32) };
    const big = QuantileSketch.fromData(data);
    expect(big.toData()).toEqual(data);
    expect(big.quantile(0.5)).toBe(10);
  });

  it('without its exact sum, gives quantiles but no mean, merge or data', () => {
    const s = new QuantileSketch(A, { exactSum: false });
    for (const v of [1, 2, 3]) s.add(v);
    expect([s.quantile(0), s.quantile(1), s.count]).toEqual([1, 3, 3]);
    expect(s.mean()).toBeNaN();
    expect(() => s.toData()).toThrow(RangeError);
    expect(() => new QuantileSketch(A).merge(s)).toThrow(RangeError);
  });

  it('refuses values that are not finite', () => {
    expect(() => new QuantileSketch(A).add(Number.NaN)).toThrow(RangeError);
    expect(() => new QuantileSketch(A).add(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
