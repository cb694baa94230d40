/**
 * Streaming quantiles with a bounded relative error (DDSketch-style): values fall into
 * logarithmic buckets whose width is a fixed fraction of their value, so memory depends on the
 * range of values, never on how many there are. Values below `minValue` share one bucket.
 * The mean is exact.
 */
export class LogHistogram {
  private readonly gamma: number;
  private readonly logGamma: number;
  private counts: Float64Array;
  /** Bucket index of counts[0]. */
  private offset = 0;
  private used = false;
  private lowCount = 0;
  private sum = 0;
  /** Values added. */
  count = 0;
  /** Smallest value added (Infinity when empty). */
  min = Number.POSITIVE_INFINITY;
  /** Largest value added (-Infinity when empty). */
  max = Number.NEGATIVE_INFINITY;

  /**
   * @param relativeAccuracy quantiles are within this fraction of a true sample value (default 1%).
   * @param minValue values below this are counted in one bucket, reported as the smallest value.
   */
  constructor(
    relativeAccuracy = 0.01,
    private readonly minValue = 0.01,
  ) {
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
    this.counts = new Float64Array(64);
  }

  /** Adds one value. */
  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value < this.minValue) {
      this.lowCount++;
      return;
    }
    const index = Math.ceil(Math.log(value) / this.logGamma);
    if (!this.used) {
      this.used = true;
      this.offset = index - 32;
    }
    let at = index - this.offset;
    if (at < 0 || at >= this.counts.length) at = this.makeRoom(index);
    this.counts[at]!++;
  }

  /** Mean of the values added (exact); 0 when empty. */
  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The q-quantile (q in [0, 1]); 0 when empty. Exact at q = 0 and q = 1. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const rank = q * (this.count - 1);
    if (rank < this.lowCount) return this.min; // within minValue of the truth
    let seen = this.lowCount;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen > rank) {
        const estimate = (2 * this.gamma ** (i + this.offset)) / (this.gamma + 1);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }

  /** Returns where `index` lives after growing the buckets to include it. */
  private makeRoom(index: number): number {
    const low = Math.min(this.offset, index - 16);
    const high = Math.max(this.offset + this.counts.length, index + 17);
    const grown = new Float64Array(Math.max(high - low, this.counts.length * 2));
    grown.set(this.counts, this.offset - low);
    this.counts = grown;
    this.offset = low;
    return index - low;
  }
}
