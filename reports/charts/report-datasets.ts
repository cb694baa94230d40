/**
 * The datasets of a scenario report: one row type each, with the short key each field is embedded
 * under (a report embeds tens of thousands of series rows, so keys are a few letters long).
 */
import { defineDataset } from './dataset.js';

/** One cell's key metrics, means with their 95% intervals drawn within what the metric can be (null: not ranked). */
export interface CellStatsRow {
  /** Position of the cell in the model. */
  cellIndex: number;
  label: string;
  tactic: string;
  /** Health setting (and gateway variant) label. */
  setting: string;
  tacticIndex: number;
  settingIndex: number;
  /** Every replication had a successful request. */
  servedEverywhere: boolean;
  /** On the cost / p95-latency Pareto front. */
  onParetoFront: boolean;
  /** The label drawn at the cell's spot on the front (cells at one spot share it; null: none). */
  frontLabel: string | null;
  successRate: number | null;
  successRateLow: number | null;
  successRateHigh: number | null;
  latencyP95Ms: number | null;
  latencyP95MsLow: number | null;
  latencyP95MsHigh: number | null;
  ttftP95Ms: number | null;
  ttftP95MsLow: number | null;
  ttftP95MsHigh: number | null;
  /** Dollars per 1,000 successful requests. */
  costPer1kSuccess: number | null;
  costPer1kSuccessLow: number | null;
  costPer1kSuccessHigh: number | null;
}

/** The `cellStats` dataset. */
export const CELL_STATS = defineDataset<CellStatsRow>('cellStats', {
  cellIndex: 'c',
  label: 'label',
  tactic: 'tactic',
  setting: 'setting',
  tacticIndex: 'ti',
  settingIndex: 'si',
  servedEverywhere: 'served',
  onParetoFront: 'front',
  frontLabel: 'frontLabel',
  successRate: 'sr',
  successRateLow: 'srLo',
  successRateHigh: 'srHi',
  latencyP95Ms: 'p95',
  latencyP95MsLow: 'p95Lo',
  latencyP95MsHigh: 'p95Hi',
  ttftP95Ms: 'ttft',
  ttftP95MsLow: 'ttftLo',
  ttftP95MsHigh: 'ttftHi',
  costPer1kSuccess: 'cost',
  costPer1kSuccessLow: 'costLo',
  costPer1kSuccessHigh: 'costHi',
});

/** The metrics of a cell-stats row that carry an interval. */
export type IntervalField = 'successRate' | 'latencyP95Ms' | 'ttftP95Ms' | 'costPer1kSuccess';

/** A service by index, so series rows store an index and the name once. */
export interface ServiceRow {
  serviceIndex: number;
  service: string;
}

/** The `services` dataset. */
export const SERVICES = defineDataset<ServiceRow>('services', { serviceIndex: 's', service: 'service' });

/** One service in one time bucket of one cell, averaged over replications (rates per second of the bucket). */
export interface SeriesRow {
  cellIndex: number;
  tacticIndex: number;
  settingIndex: number;
  serviceIndex: number;
  /** Bucket start, in s. */
  startSeconds: number | null;
  /** Bucket end, in s. */
  endSeconds: number | null;
  /** Bucket middle, in s. */
  midSeconds: number | null;
  attemptsPerSecond: number | null;
  /** Share of the bucket's attempts (0-1). */
  shareOfAttempts: number | null;
  /** Failed attempts other than 429s, per second. */
  errorsPerSecond: number | null;
  /** 429 answers per second. */
  rateLimitedPerSecond: number | null;
  /** Fraction of health checks in the bucket that excluded the service (0-1). */
  unhealthyFraction: number | null;
}

/** The `ts` dataset. */
export const SERIES = defineDataset<SeriesRow>('ts', {
  cellIndex: 'c',
  tacticIndex: 'ti',
  settingIndex: 'si',
  serviceIndex: 's',
  startSeconds: 't',
  endSeconds: 'te',
  midSeconds: 'tm',
  attemptsPerSecond: 'at',
  shareOfAttempts: 'sh',
  errorsPerSecond: 'er',
  rateLimitedPerSecond: 'rl',
  unhealthyFraction: 'uh',
});

/** An incident window of a service. */
export interface IncidentRow {
  serviceIndex: number;
  service: string;
  kind: string;
  /** In s from the start of the run. */
  startSeconds: number | null;
  endSeconds: number | null;
  /** "service: kind, window", for tooltips. */
  description: string;
}

/** The `inc` dataset. */
export const INCIDENTS = defineDataset<IncidentRow>('inc', {
  serviceIndex: 's',
  service: 'service',
  kind: 'kind',
  startSeconds: 'start',
  endSeconds: 'end',
  description: 'what',
});

/**
 * One point of a cell's latency distribution, pooled over its replications: the latency within
 * which a fraction `probability` of its successful requests finished.
 */
export interface LatencyCurveRow {
  cellIndex: number;
  settingIndex: number;
  /** Cumulative probability: 0 for the fastest request, 1 for the slowest, in between the sketch's levels. */
  probability: number;
  /** 1 - probability: the share of the cell's successful requests slower than `latencyMs` (the tail, drawn on a log scale). */
  slowerShare: number | null;
  latencyMs: number | null;
}

/** The `latCdf` dataset: about a hundred rows per cell, so only short fields (labels come from cellStats). */
export const LATENCY_CURVE = defineDataset<LatencyCurveRow>('latCdf', {
  cellIndex: 'c',
  settingIndex: 'si',
  probability: 'p',
  slowerShare: 'tail',
  latencyMs: 'ms',
});

/** A cell's pooled latency distribution in a few quantiles, for the distribution chart's table. */
export interface LatencyQuantilesRow {
  cellIndex: number;
  label: string;
  /** Successful requests over every replication. */
  count: number;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  maxMs: number | null;
}

/** The `latQ` dataset. */
export const LATENCY_QUANTILES = defineDataset<LatencyQuantilesRow>('latQ', {
  cellIndex: 'c',
  label: 'label',
  count: 'n',
  meanMs: 'mean',
  p50Ms: 'p50',
  p90Ms: 'p90',
  p95Ms: 'p95',
  p99Ms: 'p99',
  p999Ms: 'p999',
  maxMs: 'max',
});
