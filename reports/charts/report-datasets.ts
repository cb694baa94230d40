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

/** One latency quantile of one replication of a cell. */
export interface LatencyRow {
  cellIndex: number;
  tacticIndex: number;
  settingIndex: number;
  tactic: string;
  label: string;
  replication: number;
  /** 0.5, 0.95 or 0.99. */
  quantile: number;
  latencyMs: number | null;
}

/** The `lat` dataset. */
export const LATENCY = defineDataset<LatencyRow>('lat', {
  cellIndex: 'c',
  tacticIndex: 'ti',
  settingIndex: 'si',
  tactic: 'tactic',
  label: 'label',
  replication: 'r',
  quantile: 'q',
  latencyMs: 'ms',
});

/** One latency quantile of a cell over its replications. */
export interface LatencyMeanRow {
  cellIndex: number;
  tacticIndex: number;
  settingIndex: number;
  tactic: string;
  label: string;
  /** 0.5, 0.95 or 0.99. */
  quantile: number;
  /** "p50", "p95" or "p99". */
  quantileName: string;
  /** Mean of the quantile over replications. */
  latencyMs: number | null;
  lowestMs: number | null;
  highestMs: number | null;
  /** Mean latency, averaged over replications. */
  meanLatencyMs: number | null;
}

/** The `latMean` dataset. */
export const LATENCY_MEANS = defineDataset<LatencyMeanRow>('latMean', {
  cellIndex: 'c',
  tacticIndex: 'ti',
  settingIndex: 'si',
  tactic: 'tactic',
  label: 'label',
  quantile: 'q',
  quantileName: 'quantile',
  latencyMs: 'ms',
  lowestMs: 'lo',
  highestMs: 'hi',
  meanLatencyMs: 'mean',
});
