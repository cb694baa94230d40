import { OrderStatisticTree } from './order-statistic-tree.js';
import { percentileOfSorted } from './percentile.js';

/**
 * The newest `maxSamples` samples of one measurement, oldest first, as the original keeps them,
 * with exactly the original's average and percentiles.
 *
 * Costs: recording is O(1) amortised; the average is O(1) for ordered (integer) windows, whose
 * sum is kept exactly, and one pass per change otherwise. Percentiles come from an order-statistic
 * tree that is brought up to date when they are read: each sample is inserted and deleted at most
 * once, O(log n) each, and only if someone reads a percentile. The original re-sorts the whole
 * window on every record (O(n^2)).
 */
export class SampleWindow {
  private ring: Float64Array;
  private head = 0;
  private length = 0;
  private readonly tree: OrderStatisticTree | undefined;
  /** Exact running sum, kept only for ordered (integer) windows. */
  private integerSum = 0;
  /** Samples pushed since the tree was last brought up to date. */
  private unsynced = 0;
  /** Values evicted since then that the tree still holds. */
  private evicted: Float64Array;
  private evictedCount = 0;
  /** The tree is too far behind: rebuild it from the window. */
  private rebuild = false;
  private stale = true;
  private cachedAverage = 0;
  private cachedP50 = 0;
  private cachedP95 = 0;
  private cachedP99 = 0;

  /**
   * @param ordered keep an order-statistic tree for percentiles; ordered windows take integer
   *   samples only, so that their running sum is exact.
   */
  constructor(ordered: boolean) {
    this.ring = new Float64Array(8);
    this.tree = ordered ? new OrderStatisticTree(8) : undefined;
    this.evicted = new Float64Array(ordered ? 8 : 0);
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
      this.integerSum += value;
      this.unsynced++;
    }
    while (this.length > maxSamples) this.dropOldest();
    this.stale = true;
  }

  /** The samples, oldest first (a copy). */
  values(): number[] {
    const out = new Array<number>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  /** Mean of the samples; 0 when empty. */
  average(): number {
    if (this.tree) return this.length === 0 ? 0 : this.integerSum / this.length;
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

  /** The i-th sample from the oldest. */
  private at(i: number): number {
    const slot = this.head + i;
    return this.ring[slot < this.ring.length ? slot : slot - this.ring.length]!;
  }

  private dropOldest(): void {
    const oldest = this.ring[this.head]!;
    this.head = this.head + 1 === this.ring.length ? 0 : this.head + 1;
    // The oldest sample is in the tree unless every sample held was pushed after the last sync.
    const inTree = this.length > this.unsynced;
    this.length--;
    if (!this.tree) return;
    this.integerSum -= oldest;
    if (!inTree) {
      this.unsynced = this.length;
      return;
    }
    if (this.rebuild) return;
    if (this.evictedCount === this.evicted.length) {
      if (this.evictedCount >= this.tree.size) {
        this.rebuild = true; // cheaper to rebuild than to replay
        return;
      }
      const bigger = new Float64Array(this.evicted.length * 2);
      bigger.set(this.evicted);
      this.evicted = bigger;
    }
    this.evicted[this.evictedCount++] = oldest;
  }

  /** Brings the tree up to date with the window. */
  private sync(tree: OrderStatisticTree): void {
    if (this.rebuild || this.unsynced >= this.length) {
      tree.clear();
      for (let i = 0; i < this.length; i++) tree.insert(this.at(i));
    } else {
      for (let i = 0; i < this.evictedCount; i++) tree.delete(this.evicted[i]!);
      for (let i = this.length - this.unsynced; i < this.length; i++) tree.insert(this.at(i));
    }
    this.unsynced = 0;
    this.evictedCount = 0;
    this.rebuild = false;
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const n = this.length;
    const tree = this.tree;
    if (tree) {
      this.sync(tree);
      const at = (i: number): number => tree.select(i);
      this.cachedAverage = n === 0 ? 0 : this.integerSum / n;
      this.cachedP50 = percentileOfSorted(n, 0.5, at);
      this.cachedP95 = percentileOfSorted(n, 0.95, at);
      this.cachedP99 = percentileOfSorted(n, 0.99, at);
      return;
    }
    // Summed oldest first, in the original's order, so float rounding matches it.
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.at(i);
    this.cachedAverage = n === 0 ? 0 : sum / n;
  }

  private growRing(): void {
    const bigger = new Float64Array(this.ring.length * 2);
    for (let i = 0; i < this.length; i++) bigger[i] = this.at(i);
    this.ring = bigger;
    this.head = 0;
  }
}
