import { ExactSum } from './exact-sum.js';

/** A quantile sketch as plain data: what crosses a worker boundary and what merges. */
export interface SketchData {
  /** Quantiles are within this fraction of a true sample value. */
  relativeAccuracy: number;
  /** Values below this share one bucket (an absolute error of at most this much). */
  minValue: number;
  count: number;
  /** Smallest value added (0 when empty). */
  min: number;
  /** Largest value added (0 when empty). */
  max: number;
  /** The exact sum as non-overlapping partial sums (see exact-sum.ts), so merges lose nothing. */
  sumPartials: number[];
  /** Values below `minValue`. */
  lowCount: number;
  /** Index of the first non-empty bucket (0 when none). */
  offset: number;
  /**
   * The non-empty buckets, in index order, as 7-bit varints, one character (code 0-255) per
   * byte: the gap to the previous non-empty bucket (0 for the first), then the count. A run's
   * sketch spans thousands of buckets and every run's waits in memory until its cell is merged:
   * about 2 bytes per non-empty bucket, against 8 per bucket in an array of numbers.
   */
  buckets: string;
}

/** How a sketch is built. */
export interface SketchOptions {
  /** Values below this (0 included) share one bucket, reported as the minimum (default 0.01). */
  minValue?: number;
  /**
   * Keep the exact sum, and so the mean, merges and plain data (default true). A sketch only
   * ever asked for a quantile skips that work: the thousands of per-bucket sketches of a long
   * run's time series, where it measurably raised the run's peak memory.
   */
  exactSum?: boolean;
}

/**
 * Streaming quantiles with a bounded relative error (DDSketch): a value v lands in bucket
 * ceil(log_γ v) with γ = (1 + a) / (1 - a), and a bucket reports 2γ^i / (γ + 1), within a of
 * every value it holds. Memory depends on the range of values (about ln(max/min) / 2a buckets),
 * never on how many there are; count, min, max and the sum are exact, and merging the sketches
 * of parts gives exactly the sketch of the whole (counts add, partial sums add exactly).
 */
export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private counts: Float64Array;
  /** Bucket index of counts[0]. */
  private offset = 0;
  private used = false;
  private lowCount = 0;
  private readonly total: ExactSum | null;
  /** Values below this share one bucket. */
  readonly minValue: number;
  /** Values added. */
  count = 0;
  /** Smallest value added (Infinity when empty). */
  min = Number.POSITIVE_INFINITY;
  /** Largest value added (-Infinity when empty). */
  max = Number.NEGATIVE_INFINITY;

  /** @param relativeAccuracy a, the bound on a quantile's relative error (0 < a < 1). */
  constructor(
    readonly relativeAccuracy: number,
    options: SketchOptions = {},
  ) {
    this.minValue = options.minValue ?? 0.01;
    this.total = options.exactSum === false ? null : new ExactSum();
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError(`relative accuracy must be in (0, 1), got ${relativeAccuracy}`);
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
    this.counts = new Float64Array(64);
  }

  /** A sketch holding what `data` describes. */
  static fromData(data: SketchData): QuantileSketch {
    const sketch = new QuantileSketch(data.relativeAccuracy, { minValue: data.minValue });
    if (data.count === 0) return sketch;
    sketch.count = data.count;
    sketch.min = data.min;
    sketch.max = data.max;
    sketch.lowCount = data.lowCount;
    sketch.total!.addAll(data.sumPartials);
    decodeBuckets(data.offset, data.buckets, (index, count) => sketch.bump(index, count));
    return sketch;
  }

  /** Adds one finite value. */
  add(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`a quantile sketch takes finite values, got ${value}`);
    this.count++;
    this.total?.add(value);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value < this.minValue) {
      this.lowCount++;
      return;
    }
    this.bump(Math.ceil(Math.log(value) / this.logGamma), 1);
  }

  /** Adds every value of `other` (same accuracy and floor), exactly. */
  merge(other: QuantileSketch): void {
    if (!this.total || !other.total) throw new RangeError('a sketch without its exact sum cannot merge');
    if (other.relativeAccuracy !== this.relativeAccuracy || other.minValue !== this.minValue) {
      throw new RangeError(`cannot merge a sketch of accuracy ${other.relativeAccuracy} (floor ${other.minValue}) into one of ${this.relativeAccuracy} (floor ${this.minValue})`);
    }
    if (other.count === 0) return;
    this.count += other.count;
    this.total.addAll(other.total.partials());
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.lowCount += other.lowCount;
    if (!other.used) return;
    for (let i = 0; i < other.counts.length; i++) {
      const c = other.counts[i]!;
      if (c > 0) this.bump(i + other.offset, c);
    }
  }

  /** The exact sum of the values added (correctly rounded); 0 when empty, NaN without an exact sum. */
  sum(): number {
    return this.total ? this.total.value() : Number.NaN;
  }

  /** Mean of the values added (exact sum over count); 0 when empty, NaN without an exact sum. */
  mean(): number {
    return this.count === 0 ? 0 : this.sum() / this.count;
  }

  /**
   * The q-quantile (q in [0, 1]): within the relative accuracy of the order statistic of rank
   * floor(q (count - 1)) (0-based); exact at q = 0 and q = 1; 0 when empty.
   */
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
        // Clamping only moves the estimate towards the true value, which lies in [min, max].
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }

  /** The sketch as plain data (equal sketches give equal buckets, however their storage grew). */
  toData(): SketchData {
    if (!this.total) throw new RangeError('a sketch without its exact sum has no plain data');
    const bytes: number[] = [];
    let first = -1;
    let previous = 0;
    for (let i = 0; i < this.counts.length; i++) {
      const count = this.counts[i]!;
      if (count === 0) continue;
      if (first < 0) first = previous = i;
      pushVarint(bytes, i - previous);
      pushVarint(bytes, count);
      previous = i;
    }
    return {
      relativeAccuracy: this.relativeAccuracy,
      minValue: this.minValue,
      count: this.count,
      min: this.count === 0 ? 0 : this.min,
      max: this.count === 0 ? 0 : this.max,
      sumPartials: this.total.partials(),
      lowCount: this.lowCount,
      offset: first < 0 ? 0 : first + this.offset,
      buckets: bytesToText(bytes),
    };
  }

  private bump(index: number, by: number): void {
    if (!this.used) {
      this.used = true;
      this.offset = index - (this.counts.length >> 1);
    }
    let at = index - this.offset;
    if (at < 0 || at >= this.counts.length) at = this.makeRoom(index);
    this.counts[at]! += by;
  }

  /**
   * Returns where `index` lives after growing the buckets to include it: at least doubling, with
   * the new room on the side that grew, so a run whose values drift one way copies its buckets
   * a logarithmic number of times.
   */
  private makeRoom(index: number): number {
    const length = this.counts.length;
    const needLow = Math.min(this.offset, index);
    const needHigh = Math.max(this.offset + length, index + 1);
    const size = Math.max(needHigh - needLow, 2 * length);
    const low = index < this.offset ? needHigh - size : needLow;
    const grown = new Float64Array(size);
    grown.set(this.counts, this.offset - low);
    this.counts = grown;
    this.offset = low;
    return index - low;
  }
}

/** Appends the integer n >= 0 (exact up to 2^53, hence arithmetic, not bit operations) as a little-endian 7-bit varint. */
function pushVarint(bytes: number[], n: number): void {
  while (n >= 128) {
    bytes.push(128 + (n % 128));
    n = Math.floor(n / 128);
  }
  bytes.push(n);
}

/** Bytes 0-255 as a one-byte string, in chunks small enough for fromCharCode's arguments. */
function bytesToText(bytes: readonly number[]): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8_192) text += String.fromCharCode(...bytes.slice(i, i + 8_192));
  return text;
}

/** Calls `visit` with each (bucket index, count) that `SketchData.buckets` holds. */
function decodeBuckets(offset: number, text: string, visit: (index: number, count: number) => void): void {
  let at = 0;
  const next = (): number => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = text.charCodeAt(at++);
      if (!(byte >= 0 && byte <= 255)) throw new RangeError('malformed sketch buckets');
      n += (byte % 128) * scale;
      if (byte < 128) return n;
      scale *= 128;
    }
  };
  let index = offset;
  while (at < text.length) {
    index += next();
    visit(index, next());
  }
}
