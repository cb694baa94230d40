/** A random quantity (milliseconds, tokens per second, or tokens, depending on use). */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  /** Normal, clamped at `min` (0 unless given). */
  | { kind: 'normal'; mean: number; sd: number; min: number }
  /** Lognormal fitted to a median and a 99th percentile (p99 > median). */
  | { kind: 'lognormal'; median: number; p99: number }
  | { kind: 'exponential'; mean: number }
  /** Resampled uniformly from observed values. */
  | { kind: 'empirical'; values: number[] };

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
export const Z99 = 2.3263478740408408;

// Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** The standard normal quantile of p in (0, 1); p = 0 gives -Infinity. */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
}

/**
 * A distribution ready to draw from by inverse transform: one uniform in [0, 1) gives one value,
 * so a counter-based uniform gives the same value in every cell.
 */
export class Sampler {
  private readonly kind: number;
  private readonly a: number;
  private readonly b: number;
  private readonly c: number;
  private readonly values: Float64Array;

  constructor(readonly distribution: Distribution) {
    this.values = new Float64Array(0);
    switch (distribution.kind) {
      case 'constant':
        [this.kind, this.a, this.b, this.c] = [0, distribution.value, 0, 0];
        break;
      case 'uniform':
        [this.kind, this.a, this.b, this.c] = [1, distribution.min, distribution.max - distribution.min, 0];
        break;
      case 'normal':
        [this.kind, this.a, this.b, this.c] = [2, distribution.mean, distribution.sd, distribution.min];
        break;
      case 'lognormal': {
        const mu = Math.log(distribution.median);
        [this.kind, this.a, this.b, this.c] = [3, mu, (Math.log(distribution.p99) - mu) / Z99, 0];
        break;
      }
      case 'exponential':
        [this.kind, this.a, this.b, this.c] = [4, distribution.mean, 0, 0];
        break;
      case 'empirical':
        [this.kind, this.a, this.b, this.c] = [5, 0, 0, 0];
        // Sorted, so that a larger draw gives a larger value whichever provider it goes to.
        this.values = Float64Array.from(distribution.values).sort();
        break;
    }
  }

  /** The value at uniform draw `u` in [0, 1). */
  at(u: number): number {
    switch (this.kind) {
      case 0:
        return this.a;
      case 1:
        return this.a + u * this.b;
      case 2:
        return Math.max(this.c, this.a + this.b * normalQuantile(u));
      case 3:
        return Math.exp(this.a + this.b * normalQuantile(u));
      case 4:
        return -this.a * Math.log(1 - u);
      default:
        return this.values[Math.floor(u * this.values.length)]!;
    }
  }

  /** The distribution's mean (exact, or the empirical average). */
  mean(): number {
    const d = this.distribution;
    switch (d.kind) {
      case 'constant':
        return d.value;
      case 'uniform':
        return (d.min + d.max) / 2;
      case 'normal':
        return d.mean; // before clamping
      case 'lognormal':
        return Math.exp(this.a + (this.b * this.b) / 2);
      case 'exponential':
        return d.mean;
      case 'empirical':
        return d.values.reduce((s, v) => s + v, 0) / d.values.length;
    }
  }

  /** The distribution's median. */
  median(): number {
    return this.at(0.5);
  }
}
