/**
 * Statistics shown in reports: Student-t 95% confidence intervals and paired differences over
 * replications. The same formulas as engine/run/statistics.ts, restated here because reports/ reads
 * results data only and imports nothing from engine/ at runtime.
 */
import type { Estimate, PairedDifference } from '../engine/run/statistics.js';

export type { Estimate, PairedDifference };

// Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** The 0.975 quantile of Student's t with `df` degrees of freedom (unitless; df >= 1, beyond 30 by a Cornish-Fisher series exact to 1e-5). */
export function tCritical95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${df}: a confidence interval needs at least 2 values`);
  if (df <= 30 && Number.isInteger(df)) return T975[df - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Mean, Student-t 95% CI half-width, min and max of `values`, in their unit (NaN and non-finite values are left out). */
export function estimate(values: readonly number[]): Estimate {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n: 0, mean: 0, ci95: 0, min: 0, max: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  const ci95 = n < 2 ? 0 : tCritical95(n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { n, mean, ci95, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Paired difference a[i] - b[i] over replications run with the same seeds, in the values' unit; significant when its 95% CI excludes 0. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}; pair replications by seed first`);
  const e = estimate(a.map((x, i) => x - b[i]!));
  return { ...e, significant: e.n >= 2 && Math.abs(e.mean) > e.ci95 };
}
