import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tCritical95 } from '../../../engine/run/statistics.js';
import { studentTCdf, studentTQuantile } from '../../../engine/run/student-t.js';

describe("Student's t", () => {
  it('matches tabled quantiles', () => {
    // (p, df, quantile) from standard tables
    for (const [p, df, q] of [
      [0.975, 1, 12.7062],
      [0.975, 4, 2.7764],
      [0.95, 4, 2.1318],
      [0.995, 9, 3.2498],
      [0.9995, 2, 31.5991],
      [0.99, 30, 2.4573],
      [0.9, 1000, 1.2824],
    ] as const) {
      expect(studentTQuantile(p, df)).toBeCloseTo(q, 3);
    }
  });

  it('agrees with the 95% table the intervals use', () => {
    for (let df = 1; df <= 30; df++) expect(studentTQuantile(0.975, df)).toBeCloseTo(tCritical95(df), 6);
  });

  it('the quantile inverts the CDF, and the CDF is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 9);
        expect(studentTCdf(-1.3, df) + studentTCdf(1.3, df)).toBeCloseTo(1, 12);
      }),
    );
  });
});
