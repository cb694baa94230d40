/**
 * The verdict: for each key metric the best cell, its runner-up, and whether the lead is clear (the
 * paired difference's 95% CI over replications with the same seeds excludes 0) or a tie. Then one
 * recommendation: the cell with the lowest p95 latency among those whose success rate is best or
 * statistically tied with the best.
 */
import type { CellResult } from '../engine/index.js';
import type { Estimate, PairedDifference } from '../engine/index.js';
import type { Better } from './pareto-front.js';
import { KEY_METRICS, keyMetric, type ReportMetric } from './key-metrics.js';
import { isRankable, rankCells } from '../engine/index.js';
import { cellEstimate, type CellView, type ReportModel } from './report-model.js';
import { pairedDifference } from './statistics.js';

/** How the best cell compares with another one. */
export interface HeadToHead {
  other: CellView;
  /** Best minus other, in the metric's unit (null: replications could not be paired by seed). */
  difference: PairedDifference | null;
  /** The best is better and the CI of the difference excludes 0. */
  clear: boolean;
  /** Same value as the best in every replication (e.g. two health settings that behave alike). */
  identical: boolean;
}

/** The verdict on one metric. */
export interface MetricVerdict {
  metric: ReportMetric;
  label: string;
  better: Better;
  /** Rankable cells, best first (equal means: matrix order). */
  ranking: CellView[];
  /** Cells left out: no value, or (for latency and cost) a replication without any success. */
  excluded: CellView[];
  best: CellView | null;
  bestEstimate: Estimate | null;
  /** Cells with the best's value in every replication: they share first place. */
  identicalToBest: CellView[];
  /** The best-ranked cell that is not identical to the best. */
  runnerUp: CellView | null;
  runnerUpEstimate: Estimate | null;
  /** Best against the runner-up. */
  lead: HeadToHead | null;
  /** Cells identical to or statistically indistinguishable from the best (the best excluded). */
  tiedWithBest: CellView[];
  /** Best against every other rankable cell, in ranking order. */
  headToHead: HeadToHead[];
}

/**
 * Replication values of a metric for two cells, paired by replication seed (the same seeds give
 * both cells the same traffic and provider draws). Null when the cells' seeds differ or the metric
 * cannot be read per replication.
 */
export function pairedValues(a: CellResult, b: CellResult, metric: ReportMetric): { a: number[]; b: number[] } | null {
  const read = metric.read;
  if (!read) return null;
  const bySeed = new Map(b.replications.map((r) => [r.seed, r]));
  if (a.replications.length === 0 || bySeed.size !== a.replications.length) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of a.replications) {
    const other = bySeed.get(r.seed);
    if (!other) return null;
    xs.push(read(r.metrics));
    ys.push(read(other.metrics));
  }
  return { a: xs, b: ys };
}

/** The paired difference best minus other over common seeds (null when they cannot be paired), and whether the best's lead is clear. */
export function compareToBest(best: CellView, other: CellView, metric: ReportMetric, better: Better): HeadToHead {
  const values = pairedValues(best.cell, other.cell, metric);
  if (!values) return { other, difference: null, clear: false, identical: false };
  const difference = pairedDifference(values.a, values.b);
  const favourable = better === 'higher' ? difference.mean > 0 : difference.mean < 0;
  return { other, difference, clear: difference.significant && favourable, identical: values.a.every((x, i) => x === values.b[i]) };
}

/** The verdict on `metric` over the model's cells. */
export function metricVerdict(model: ReportModel, metric: ReportMetric): MetricVerdict {
  const better = metric.better;
  const label = model.results.metricInfo[metric.name]?.label ?? metric.title;
  const viewOf = new Map(model.cells.map((v) => [v.cell, v]));
  const ranked = rankCells(model.cells.map((v) => v.cell), metric.name);
  const ranking = ranked.ranked.map((c) => viewOf.get(c)!);
  const excluded = ranked.excluded.map((c) => viewOf.get(c)!);
  const best = ranking[0] ?? null;
  const headToHead = best ? ranking.slice(1).map((other) => compareToBest(best, other, metric, better)) : [];
  const lead = headToHead.find((h) => !h.identical) ?? null;
  const runnerUp = lead?.other ?? null;
  return {
    metric,
    label,
    better,
    ranking,
    excluded,
    best,
    bestEstimate: best ? cellEstimate(best.cell, metric) : null,
    identicalToBest: headToHead.filter((h) => h.identical).map((h) => h.other),
    runnerUp,
    runnerUpEstimate: runnerUp ? cellEstimate(runnerUp.cell, metric) : null,
    lead,
    tiedWithBest: headToHead.filter((h) => !h.clear && h.difference !== null).map((h) => h.other),
    headToHead,
  };
}

/** Verdicts on the four key metrics, in KEY_METRICS order. */
export function keyVerdicts(model: ReportModel): MetricVerdict[] {
  return KEY_METRICS.map((m) => metricVerdict(model, m));
}

/** The cell to use, and why. */
export interface Recommendation {
  cell: CellView;
  /** Cells whose success rate is the best or statistically tied with it (the recommended one included), in run order. */
  contenders: CellView[];
  /** Contenders with the lowest p95 latency or statistically tied with it, fastest first. */
  fastest: CellView[];
  /** Cells of `fastest` not clearly costlier than the recommended one: as good on this evidence. */
  equallyGood: CellView[];
  /** The rule that settled it; `order` when nothing separated the last candidates (then the cheaper, else earlier, cell). */
  decidedBy: 'success_rate' | 'latency_p95_ms' | 'cost_per_1k_success' | 'order';
  /** The cheapest contender, when it is neither the recommended cell nor among the fastest. */
  cheaperAlternative: CellView | null;
}

/**
 * Success rate first (failed requests are what users see), then p95 latency, then cost per 1,000
 * successful requests; at each step cells statistically tied with the best (paired over the same
 * seeds) go on to the next. Null with no rankable cell.
 */
export function recommend(model: ReportModel, verdicts: readonly MetricVerdict[] = keyVerdicts(model)): Recommendation | null {
  const success = verdicts.find((v) => v.metric.name === 'success_rate') ?? metricVerdict(model, keyMetric('success_rate'));
  if (!success.best) return null;
  const contenders = [success.best, ...success.tiedWithBest];
  const byMean = (metric: ReportMetric) => (x: CellView, y: CellView) =>
    (metric.better === 'higher' ? -1 : 1) * (cellEstimate(x.cell, metric).mean - cellEstimate(y.cell, metric).mean) || x.cell.index - y.cell.index;
  // Cells tied with the best of `cells` on `metric` (the best first); cells without a value drop out.
  const tiedBest = (cells: readonly CellView[], metric: ReportMetric): CellView[] => {
    const ranked = cells.filter((c) => isRankable(c.cell, metric)).sort(byMean(metric));
    const top = ranked[0];
    if (!top) return [];
    return [top, ...ranked.slice(1).filter((other) => {
      const h = compareToBest(top, other, metric, metric.better);
      return h.difference !== null && !h.clear;
    })];
  };
  const latency = keyMetric('latency_p95_ms');
  const cost = keyMetric('cost_per_1k_success');
  const fastest = contenders.length > 1 ? tiedBest(contenders, latency) : [];
  const cheapestOfFastest = fastest.length > 1 ? tiedBest(fastest, cost) : [];
  const cell = cheapestOfFastest[0] ?? fastest[0] ?? success.best;
  const equallyGood = fastest.length > 1 ? (cheapestOfFastest.length > 0 ? cheapestOfFastest.slice(1) : fastest.filter((c) => c !== cell)) : [];
  const decidedBy = contenders.length === 1 ? 'success_rate' : fastest.length <= 1 ? 'latency_p95_ms' : equallyGood.length === 0 ? 'cost_per_1k_success' : 'order';
  const cheapest = contenders.filter((c) => isRankable(c.cell, cost)).sort(byMean(cost))[0] ?? null;
  return {
    cell,
    contenders: [...contenders].sort((x, y) => x.cell.index - y.cell.index),
    fastest,
    equallyGood,
    decidedBy,
    cheaperAlternative: cheapest && cheapest !== cell && !fastest.includes(cheapest) ? cheapest : null,
  };
}
