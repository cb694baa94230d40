/** The rows of every dataset a scenario report charts, built from results data. */
import type { EncodedRow } from '../chart-types.js';
import { costLatencyFront } from '../cost-latency-front.js';
import { formatWindow } from '../format.js';
import { keyMetric } from '../key-metrics.js';
import { type DistributionSummary, isRankable } from '../../engine/index.js';
import { cellEstimate, type CellView, type ReportModel } from '../report-model.js';
import { encodeRows, lean } from './dataset.js';
import {
  CELL_STATS,
  INCIDENTS,
  LATENCY_CURVE,
  LATENCY_QUANTILES,
  SERIES,
  SERVICES,
  type CellStatsRow,
  type IncidentRow,
  type LatencyCurveRow,
  type LatencyQuantilesRow,
  type SeriesRow,
  type ServiceRow,
} from './report-datasets.js';

/** The rows of each dataset. */
export interface ReportRows {
  cellStats: CellStatsRow[];
  services: ServiceRow[];
  series: SeriesRow[];
  incidents: IncidentRow[];
  latencyCurve: LatencyCurveRow[];
  latencyQuantiles: LatencyQuantilesRow[];
}

/** The datasets and lookups the charts read, built from results data. */
export interface ReportData {
  rows: ReportRows;
  lookups: { cells: string[]; services: string[] };
  /** Where time axes end, in s: the scenario's duration (the end of the longest time series when it has none). */
  endSeconds: number;
  /** Width of the charted time buckets, in s. */
  bucketSeconds: number;
  /** How many of the results' buckets each charted bucket merges (1: none). */
  mergedBuckets: number;
  /** Some confidence interval reached past 0 or 100% and is drawn cut there. */
  clippedIntervals: boolean;
}

/** Most time-series rows embedded in a report (about 95 bytes each): keeps a long run's report well under 5 MB. */
export const MAX_SERIES_ROWS = 24_000;

/** Buckets charted of a cell's series: up to the scenario's duration (time axes end there; the drain after the last arrival is left out). */
function seriesLength(v: CellView, durationMs: number | null): number {
  const length = Math.max(0, ...Object.values(v.cell.timeSeries.services).map((s) => s.attempts.length));
  return durationMs === null || !(v.cell.timeSeries.bucketMs > 0) ? length : Math.min(length, Math.ceil(durationMs / v.cell.timeSeries.bucketMs));
}

/** A mean and its 95% interval as embedded (null: not ranked), and whether the interval was cut. */
interface Interval {
  mean: number | null;
  low: number | null;
  high: number | null;
  clipped: boolean;
}

/** A metric's mean and 95% interval for a cell, the interval drawn within what the metric can be (0-100% for rates, >= 0 otherwise). */
function interval(view: CellView, name: string): Interval {
  const m = keyMetric(name);
  if (!isRankable(view.cell, m)) return { mean: null, low: null, high: null, clipped: false };
  const e = cellEstimate(view.cell, m);
  const low = Math.max(0, e.mean - e.ci95);
  const high = m.unit === 'fraction' ? Math.min(1, e.mean + e.ci95) : e.mean + e.ci95;
  return { mean: lean(e.mean), low: lean(low), high: lean(high), clipped: low !== e.mean - e.ci95 || high !== e.mean + e.ci95 };
}

function cellStatsRows(model: ReportModel): { rows: CellStatsRow[]; clipped: boolean } {
  const front = costLatencyFront(model);
  let clipped = false;
  const rows = model.cells.map((v, c): CellStatsRow => {
    const sr = interval(v, 'success_rate');
    const p95 = interval(v, 'latency_p95_ms');
    const ttft = interval(v, 'ttft_p95_ms');
    const cost = interval(v, 'cost_per_1k_success');
    if (sr.clipped || p95.clipped || ttft.clipped || cost.clipped) clipped = true;
    return {
      cellIndex: c,
      label: v.label,
      tactic: v.cell.tactic,
      setting: model.settings[v.settingIndex]!.label,
      tacticIndex: v.tacticIndex,
      settingIndex: v.settingIndex,
      servedEverywhere: v.servedEverywhere,
      onParetoFront: front[c]!,
      frontLabel: null,
      successRate: sr.mean,
      successRateLow: sr.low,
      successRateHigh: sr.high,
      latencyP95Ms: p95.mean,
      latencyP95MsLow: p95.low,
      latencyP95MsHigh: p95.high,
      ttftP95Ms: ttft.mean,
      ttftP95MsLow: ttft.low,
      ttftP95MsHigh: ttft.high,
      costPer1kSuccess: cost.mean,
      costPer1kSuccessLow: cost.low,
      costPer1kSuccessHigh: cost.high,
    };
  });
  // One label per spot on the front: cells with identical cost and latency share it.
  const spots = new Map<string, CellStatsRow>();
  for (const row of rows) {
    if (!row.onParetoFront) continue;
    const key = JSON.stringify([row.latencyP95Ms, row.costPer1kSuccess]);
    const first = spots.get(key);
    if (first) first.frontLabel = `${String(first.frontLabel)} = ${row.label}`;
    else {
      row.frontLabel = row.label;
      spots.set(key, row);
    }
  }
  return { rows, clipped };
}

/** Per cell, service and (merged) bucket; long runs merge neighbouring buckets so the series stay under MAX_SERIES_ROWS. */
function seriesRows(model: ReportModel): { rows: SeriesRow[]; endSeconds: number; bucketSeconds: number; merge: number } {
  const bucketMs = Math.max(0, ...model.cells.map((v) => v.cell.timeSeries.bucketMs));
  const rawRows = model.cells.reduce((sum, v) => sum + seriesLength(v, model.durationMs) * Object.keys(v.cell.timeSeries.services).length, 0);
  const merge = Math.max(1, Math.ceil(rawRows / MAX_SERIES_ROWS));
  const rows: SeriesRow[] = [];
  let end = 0;
  model.cells.forEach((v, c) => {
    const series = v.cell.timeSeries;
    const width = series.bucketMs / 1_000;
    if (!(width > 0)) return;
    const length = seriesLength(v, model.durationMs);
    end = Math.max(end, length * width);
    for (let first = 0; first < length; first += merge) {
      const last = Math.min(length, first + merge);
      const seconds = (last - first) * width;
      const sum = (xs: readonly number[]): number => {
        let total = 0;
        for (let b = first; b < last; b++) total += xs[b] ?? 0;
        return total;
      };
      const total = model.serviceIds.reduce((acc, id) => acc + sum(series.services[id]?.attempts ?? []), 0);
      model.serviceIds.forEach((id, s) => {
        const one = series.services[id];
        if (!one) return;
        const attempts = sum(one.attempts);
        rows.push({
          cellIndex: c,
          tacticIndex: v.tacticIndex,
          settingIndex: v.settingIndex,
          serviceIndex: s,
          startSeconds: lean(first * width),
          endSeconds: lean(last * width),
          midSeconds: lean(((first + last) / 2) * width),
          attemptsPerSecond: lean(attempts / seconds),
          shareOfAttempts: lean(total > 0 ? attempts / total : 0),
          errorsPerSecond: lean(sum(one.errors) / seconds),
          rateLimitedPerSecond: lean(sum(one.rateLimited) / seconds),
          unhealthyFraction: lean(sum(one.unhealthyFraction) / (last - first)),
        });
      });
    }
  });
  return { rows, endSeconds: model.durationMs === null ? end : model.durationMs / 1_000, bucketSeconds: (bucketMs * merge) / 1_000, merge };
}

/** The quantile of a cell's pooled distribution at `level`, one of its levels (NaN: not kept). */
function quantileAt(d: DistributionSummary, level: number): number {
  const k = d.levels.findIndex((l) => Math.abs(l - level) < 1e-12);
  return k < 0 ? Number.NaN : (d.quantiles[k] ?? Number.NaN);
}

/** Each cell's pooled latency distribution with a success: its curve, from the fastest request (0) to the slowest (1), and a few quantiles for the table. */
function latencyRows(model: ReportModel): { latencyCurve: LatencyCurveRow[]; latencyQuantiles: LatencyQuantilesRow[] } {
  const latencyCurve: LatencyCurveRow[] = [];
  const latencyQuantiles: LatencyQuantilesRow[] = [];
  model.cells.forEach((v, c) => {
    const d = v.cell.latencyDistribution;
    if (d.count === 0) return;
    const point = (probability: number, latencyMs: number): void =>
      void latencyCurve.push({ cellIndex: c, settingIndex: v.settingIndex, probability, slowerShare: lean(1 - probability), latencyMs: lean(latencyMs) });
    point(0, d.min);
    d.levels.forEach((level, k) => point(level, d.quantiles[k]!));
    point(1, d.max);
    latencyQuantiles.push({
      cellIndex: c,
      label: v.label,
      count: d.count,
      meanMs: lean(d.mean),
      p50Ms: lean(quantileAt(d, 0.5)),
      p90Ms: lean(quantileAt(d, 0.9)),
      p95Ms: lean(quantileAt(d, 0.95)),
      p99Ms: lean(quantileAt(d, 0.99)),
      p999Ms: lean(quantileAt(d, 0.999)),
      maxMs: lean(d.max),
    });
  });
  return { latencyCurve, latencyQuantiles };
}

/** Builds every dataset of the scenario report. */
export function reportData(model: ReportModel): ReportData {
  const cellStats = cellStatsRows(model);
  const series = seriesRows(model);
  const serviceIndex = new Map(model.serviceIds.map((id, s) => [id, s]));
  const incidents = model.incidents
    .filter((i) => serviceIndex.has(i.service))
    .map((i): IncidentRow => ({
      serviceIndex: serviceIndex.get(i.service)!,
      service: i.service,
      kind: i.kind,
      startSeconds: lean(i.startMs / 1_000),
      endSeconds: lean(i.endMs / 1_000),
      description: `${i.service}: ${i.kind.replace(/_/g, ' ')}, ${formatWindow(i.startMs, i.endMs)}`,
    }));
  return {
    rows: {
      cellStats: cellStats.rows,
      services: model.serviceIds.map((service, serviceIndex) => ({ serviceIndex, service })),
      series: series.rows,
      incidents,
      ...latencyRows(model),
    },
    lookups: { cells: model.cells.map((v) => v.label), services: [...model.serviceIds] },
    endSeconds: lean(series.endSeconds) ?? 0,
    bucketSeconds: series.bucketSeconds,
    mergedBuckets: series.merge,
    clippedIntervals: cellStats.clipped,
  };
}

/** The datasets as embedded in the page, by payload name. */
export function encodeReportData(data: ReportData): Record<string, EncodedRow[]> {
  const { rows } = data;
  return {
    [CELL_STATS.name]: encodeRows(CELL_STATS, rows.cellStats),
    [SERVICES.name]: encodeRows(SERVICES, rows.services),
    [SERIES.name]: encodeRows(SERIES, rows.series),
    [INCIDENTS.name]: encodeRows(INCIDENTS, rows.incidents),
    [LATENCY_CURVE.name]: encodeRows(LATENCY_CURVE, rows.latencyCurve),
    [LATENCY_QUANTILES.name]: encodeRows(LATENCY_QUANTILES, rows.latencyQuantiles),
  };
}
