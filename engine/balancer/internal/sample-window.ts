import { OrderStatisticTree } from './order-statistic-tree.js';
import { percentileOfSorted } from './percentile.js';

/**
 * The newest `maxSamples` samples of one measurement, oldest first, as the original keeps them.
 * Recording is O(1) amortised for a plain window and O(log n) for an ordered one; the average and
 * percentiles are computed when read, once per change, and give exactly the original's numbers.
 */
export class SampleWindow {
  private ring: Float64Array;
  private head = 0;
  private length = 0;
  private readonly tree: OrderStatisticTree | undefined;
  /** Exact running sum, kept only for ordered (integer) windows. */
  private integerSum = 0;
  private stale = true;
  private cachedAverage = 0;
  private cachedP50 = 0;
  private cachedP95 = 0;
  private cachedP99 = 0;

  /**
   * @param ordered keep the samples sorted as well, for percentiles; ordered windows take integer
   *   samples only, so that their running sum is exact.
   */
  constructor(ordered: boolean) {
    this.ring = new Float64Array(8);
    this.tree = ordered ? new OrderStatisticTree(8) : undefined;
  }

  /** Number of samples held. */
  get count(): number {
    return this.length;
  }

  /** Appends `value`, then drops the oldest samples until at most `maxSamples` remain. */
  push(value: number, maxSamples: number): void {
    if (this.length === this.ring.length) this.growRing();
    const slot = this.head + this.length;
    this.ring[slot < this.ring.length ? slot : slot - this.ring.length] = value;
    this.length++;
    if (this.tree) {
      this.tree.insert(value);
      this.integerSum += value;
    }
    while (this.length > maxSamples) this.dropOldest();
    this.stale = true;
  }

  /** The samples, oldest first (a copy). */
  values(): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.ring[(this.head + i) % this.ring.length]!;
    return out;
  }

  /** Mean of the samples; 0 when empty. */
  average(): number {
    this.refresh();
    return this.cachedAverage;
  }

  /** Median (ordered windows only; 0 otherwise). */
  p50(): number {
    this.refresh();
    return this.cachedP50;
  }

  /** 95th percentile (ordered windows only; 0 otherwise). */
  p95(): number {
    this.refresh();
    return this.cachedP95;
  }

  /** 99th percentile (ordered windows only; 0 otherwise). */
  p99(): number {
    this.refresh();
    return this.cachedP99;
  }

  private dropOldest(): void {
    const oldest = this.ring[this.head]!;
    this.head = this.head + 1 === this.ring.length ? 0 : this.head + 1;
    this.length--;
    if (this.tree) {
      this.tree.delete(oldest);
      this.integerSum -= oldest;
    }
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const n = this.length;
    if (n === 0) {
      this.cachedAverage = this.cachedP50 = this.cachedP95 = this.cachedP99 = 0;
      return;
    }
    const tree = this.tree;
    if (tree) {
      this.cachedAverage = this.integerSum / n;
      const at = (i: number): number => tree.select(i);
      this.cachedP50 = percentileOfSorted(n, 0.5, at);
      this.cachedP95 = percentileOfSorted(n, 0.95, at);
      this.cachedP99 = percentileOfSorted(n, 0.99, at);
    } else {
      // Summed oldest first, in the original's order, so float rounding matches it.
      let sum = 0;
      for (let i = 0; i < n; i++) sum += this.ring[(this.head + i) % this.ring.length]!;
      this.cachedAverage = sum / n;
    }
  }

  private growRing(): void {
    const bigger = new Float64Array(this.ring.length * 2);
    for (let i = 0; i < this.length; i++) bigger[i] = this.ring[(this.head + i) % this.ring.length]!;
    this.ring = bigger;
    this.head = 0;
  }
}
