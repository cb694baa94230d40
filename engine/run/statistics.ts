/**
 * Statistics over replications: means, Student-t 95% confidence intervals and paired
 * differences. Pure functions, no dependencies beyond arithmetic.
 */

// Two-sided 95% critical values of Student's t for 1..30 degrees of freedom.
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1; a series beyond 30, exact to 1e-5). */
export function tCritical95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${df}: a confidence interval needs at least 2 values`);
  if (df <= 30 && Number.isInteger(df)) return T975[df - 1]!;
  // Cornish-Fisher expansion around the normal quantile.
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** Mean and 95% confidence interval of a sample. */
export interface Estimate {
  /** Number of values. */
  n: number;
  mean: number;
  /** Half-width of the 95% confidence interval of the mean (0 with fewer than 2 values). */
  ci95: number;
  min: number;
  max: number;
}

/** Mean and Student-t 95% confidence interval of `values`, in their unit (NaN and infinite values are left out). */
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

/** A paired difference (cell minus baseline) over replications with the same seeds. */
export interface PairedDifference extends Estimate {
  /** True when the 95% interval of the difference excludes 0. */
  significant: boolean;
}

/** The paired difference a[i] - b[i] over replications: its mean, CI, and whether the CI excludes 0. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}; pair replications by seed first`);
  const e = estimate(a.map((x, i) => x - b[i]!));
  return { ...e, significant: e.n >= 2 && Math.abs(e.mean) > e.ci95 };
}
