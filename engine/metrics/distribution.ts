import { QuantileSketch, type SketchData } from './quantile-sketch.js';
import type { DistributionSummary } from './types.js';

/**
 * Relative accuracy of the run-level latency and TTFT sketches: 0.1%, ten times finer than the
 * run-to-run spread of a library scenario's p95 (about 1%), so replications' quantiles differ by
 * what happened, not by which bucket they fell in.
 */
export const RUN_SKETCH_ACCURACY = 0.001;

/**
 * Probability levels a cell's distribution is kept at: every 1% from 1% to 99%, then every 0.1%
 * from 99.1% to 99.9%, where tail latency lives. 108 points draw the whole distribution and its
 * tail in about 1 KB per cell; the full sketch at 0.1% would keep thousands of buckets per cell
 * (one every 0.2% of latency), tens of kilobytes per cell in results.json and in the report, for
 * a chart that cannot show more.
 */
export const DISTRIBUTION_LEVELS: readonly number[] = [...Array.from({ length: 99 }, (_, i) => (i + 1) / 100), ...Array.from({ length: 9 }, (_, i) => (991 + i) / 1000)];

/** A sketch of the values of several parts (the replications of a cell), merged exactly; parts without a sketch are skipped. */
export function mergeSketches(parts: readonly (SketchData | undefined)[], relativeAccuracy = RUN_SKETCH_ACCURACY): QuantileSketch {
  const merged = new QuantileSketch(relativeAccuracy);
  for (const part of parts) if (part) merged.merge(QuantileSketch.fromData(part));
  return merged;
}

/** Six significant digits: 200 times finer than the sketch's 0.1%, and half the bytes of a full double. */
function compact(x: number): number {
  return Number(x.toPrecision(6));
}

/** The compact form of a sketch kept in results: exact count, mean, min and max, and its quantiles at DISTRIBUTION_LEVELS. */
export function summariseDistribution(sketch: QuantileSketch): DistributionSummary {
  const empty = sketch.count === 0;
  return {
    relativeAccuracy: sketch.relativeAccuracy,
    count: sketch.count,
    mean: sketch.mean(),
    min: empty ? 0 : sketch.min,
    max: empty ? 0 : sketch.max,
    levels: [...DISTRIBUTION_LEVELS],
    quantiles: empty ? [] : DISTRIBUTION_LEVELS.map((q) => compact(sketch.quantile(q))),
  };
}
