/**
 * The verdict: for each key metric the best cell, its runner-up, and whether the lead is clear (the
 * paired difference's 95% CI over replications with the same seeds excludes 0) or a tie; and the
 * results' recommendation (decided by the engine's selection procedure), shown as it is.
 */
import type { CellResult, Estimate, PairedDifference, Results } from '../engine/index.js';
import type { Better } from './pareto-front.js';
import { KEY_METRICS, type ReportMetric } from './key-metrics.js';
import { rankCells } from '../engine/index.js';
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
 * both cells the same traffic and provider draws), over the seeds both ran (with replications:
 * auto, contenders ran on). Null when they share no seed or the metric cannot be read per replication.
 */
export function pairedValues(a: CellResult, b: CellResult, metric: ReportMetric): { a: number[]; b: number[] } | null {
  const read = metric.read;
  if (!read) return null;
  const bySeed = new Map(b.replications.map((r) => [r.seed, r]));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of a.replications) {
    const other = bySeed.get(r.seed);
    if (!other) continue;
    xs.push(read(r.metrics));
    ys.push(read(other.metrics));
  }
  return xs.length === 0 ? null : { a: xs, b: ys };
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

/**
 * The recommendation of the results (results.json `recommendation`, decided by the engine's
 * selection procedure), with its cells as views of the report. Never recomputed here.
 */
export interface RecommendationView {
  data: NonNullable<Results['recommendation']>;
  /** The recommended cell; null when the evidence supports none. */
  cell: CellView | null;
  /** The leading cell by sample mean, decided or not. */
  leading: CellView | null;
  /** Cells shown equivalent to the recommended one on every goal metric. */
  asGood: CellView[];
  /** Cells within the zone of the best on the optimised metric. */
  withinZone: CellView[];
}

/** The results' recommendation as views (null for a shard, which has none). */
export function recommendationOf(model: ReportModel): RecommendationView | null {
  const data = model.results.recommendation;
  if (!data) return null;
  const byId = new Map(model.cells.map((v) => [v.cell.id, v]));
  const views = (ids: readonly string[]): CellView[] => ids.map((id) => byId.get(id)).filter((v): v is CellView => v !== undefined);
  return {
    data,
    cell: data.cell === null ? null : (byId.get(data.cell) ?? null),
    leading: data.leading === null ? null : (byId.get(data.leading) ?? null),
    asGood: views(data.asGood),
    withinZone: views(data.withinZone),
  };
}
