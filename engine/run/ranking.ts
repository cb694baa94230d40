import { findMetric, type MetricDefinition } from '../metrics/index.js';
import type { CellResult } from './results.js';

/** Cells ranked on one metric: best first, and those left out. */
export interface Ranking {
  metric: MetricDefinition;
  /** Rankable cells, best first; equal means keep the run's order. */
  ranked: CellResult[];
  /** Cells with no value, or, for a metric that needs successes, a replication without any (streamed ones for TTFT). */
  excluded: CellResult[];
}

/**
 * Whether a cell takes part in a metric's ranking: it has a finite mean over at least one
 * replication and, for a metric that needs successes (latency, cost per success), a success in
 * every replication (for TTFT, a streamed success).
 */
export function isRankable(cell: CellResult, metric: MetricDefinition): boolean {
  const e = cell.aggregate[metric.name];
  if (!e || e.n === 0 || !Number.isFinite(e.mean)) return false;
  return !metric.needsSuccess || (cell.replications.length > 0 && cell.replications.every((r) => metric.successesOf(r.metrics) > 0));
}

/**
 * The one ranking of cells on a metric, which every output uses to name the best cell: by mean
 * over replications in the metric's direction, ties in the run's order.
 */
export function rankCells(cells: readonly CellResult[], metricName: string): Ranking {
  const metric = findMetric(metricName);
  if (!metric) throw new RangeError(`unknown metric "${metricName}"`);
  const eligible = cells.filter((c) => isRankable(c, metric));
  const sign = metric.better === 'higher' ? -1 : 1;
  const ranked = [...eligible].sort((a, b) => sign * (a.aggregate[metric.name]!.mean - b.aggregate[metric.name]!.mean) || a.index - b.index);
  return { metric, ranked, excluded: cells.filter((c) => !isRankable(c, metric)) };
}
