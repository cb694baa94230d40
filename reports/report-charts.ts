/**
 * The charts of a scenario report as vega-lite specs over a few lean named datasets. Scenario strings
 * (cell, tactic, setting and service names) only ever appear as data values, titles and literal
 * scale domains, never inside expressions or field names: filters compare numeric indexes.
 */
import type { ChartDefinition, TableColumn } from './chart-types.js';
import { formatDuration, formatWindow } from './format.js';
import { keyMetric } from './key-metrics.js';
import { paretoFront } from './pareto-front.js';
import { cycle, OKABE_ITO, SHAPES } from './palette.js';
import { isRankable } from '../engine/index.js';
import { cellEstimate, type CellView, type ReportModel } from './report-model.js';
import type { JsonSpec } from './vega-compile.js';

/** Six significant digits: enough for every chart and table, and keeps the embedded data lean. */
export function lean(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}

/** The datasets and lookups the charts read, built from results data. */
export interface ReportData {
  datasets: Record<string, Record<string, unknown>[]>;
  lookups: Record<string, string[]>;
  /** End of the longest time series, in s. */
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

function seriesLength(v: CellView): number {
  return Math.max(0, ...Object.values(v.cell.timeSeries.services).map((s) => s.attempts.length));
}

/** Position of each cell in the model: the `c` of every row. */
const positionOf = (model: ReportModel, view: CellView): number => model.cells.indexOf(view);

/** Cells on the cost / p95-latency Pareto front (both lower is better; cells without successes are off it). */
export function costLatencyFront(model: ReportModel): boolean[] {
  const p95 = keyMetric('latency_p95_ms');
  const cost = keyMetric('cost_per_1k_success');
  return paretoFront(model.cells, [
    { value: (v) => (isRankable(v.cell, p95) ? cellEstimate(v.cell, p95).mean : Number.NaN), better: 'lower' },
    { value: (v) => (isRankable(v.cell, cost) ? cellEstimate(v.cell, cost).mean : Number.NaN), better: 'lower' },
  ]);
}

/** Builds every dataset of the scenario report. */
export function reportData(model: ReportModel): ReportData {
  const front = costLatencyFront(model);
  const metric = (name: string) => keyMetric(name);
  let clipped = false;
  const cellStats = model.cells.map((v, c) => {
    const row: Record<string, unknown> = {
      c,
      label: v.label,
      tactic: v.cell.tactic,
      setting: model.settings[v.settingIndex]!.label,
      ti: v.tacticIndex,
      si: v.settingIndex,
      served: v.servedEverywhere,
      front: front[c]!,
    };
    row['frontLabel'] = null;
    for (const [key, name] of [['sr', 'success_rate'], ['p95', 'latency_p95_ms'], ['ttft', 'ttft_p95_ms'], ['cost', 'cost_per_1k_success']] as const) {
      const m = metric(name);
      const e = cellEstimate(v.cell, m);
      const ok = isRankable(v.cell, m);
      // Intervals are drawn within what the metric can be: 0-100% for rates, >= 0 otherwise.
      const low = Math.max(0, e.mean - e.ci95);
      const high = m.unit === 'fraction' ? Math.min(1, e.mean + e.ci95) : e.mean + e.ci95;
      if (ok && (low !== e.mean - e.ci95 || high !== e.mean + e.ci95)) clipped = true;
      row[key] = ok ? lean(e.mean) : null;
      row[`${key}Lo`] = ok ? lean(low) : null;
      row[`${key}Hi`] = ok ? lean(high) : null;
    }
    return row;
  });
  // One label per spot on the front: cells with identical cost and latency share it.
  const spots = new Map<string, Record<string, unknown>>();
  for (const row of cellStats) {
    if (!row['front']) continue;
    const key = JSON.stringify([row['p95'], row['cost']]);
    const first = spots.get(key);
    if (first) first['frontLabel'] = `${String(first['frontLabel'])} = ${String(row['label'])}`;
    else {
      row['frontLabel'] = row['label'];
      spots.set(key, row);
    }
  }
  const bucketMs = Math.max(0, ...model.cells.map((v) => v.cell.timeSeries.bucketMs));
  // Long runs have many buckets: merge neighbours so the embedded series stay under the row budget.
  const rawRows = model.cells.reduce((sum, v) => sum + seriesLength(v) * Object.keys(v.cell.timeSeries.services).length, 0);
  const merge = Math.max(1, Math.ceil(rawRows / MAX_SERIES_ROWS));
  const bucketSeconds = (bucketMs * merge) / 1_000;
  const ts: Record<string, unknown>[] = [];
  let end = 0;
  model.cells.forEach((v, c) => {
    const series = v.cell.timeSeries;
    const width = series.bucketMs / 1_000;
    if (!(width > 0)) return;
    const length = seriesLength(v);
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
        ts.push({
          c,
          ti: v.tacticIndex,
          si: v.settingIndex,
          s,
          t: lean(first * width),
          te: lean(last * width),
          tm: lean(((first + last) / 2) * width),
          at: lean(attempts / seconds),
          sh: lean(total > 0 ? attempts / total : 0),
          er: lean(sum(one.errors) / seconds),
          rl: lean(sum(one.rateLimited) / seconds),
          uh: lean(sum(one.unhealthyFraction) / (last - first)),
        });
      });
    }
  });
  const serviceIndex = new Map(model.serviceIds.map((id, s) => [id, s]));
  const inc = model.incidents
    .filter((i) => serviceIndex.has(i.service))
    .map((i) => ({
      s: serviceIndex.get(i.service)!,
      service: i.service,
      kind: i.kind,
      start: lean(i.startMs / 1_000),
      end: lean(i.endMs / 1_000),
      what: `${i.service}: ${i.kind.replace(/_/g, ' ')}, ${formatWindow(i.startMs, i.endMs)}`,
    }));
  const lat: Record<string, unknown>[] = [];
  const latMean: Record<string, unknown>[] = [];
  model.cells.forEach((v, c) => {
    if (!v.servedEverywhere) return;
    const base = { c, ti: v.tacticIndex, si: v.settingIndex, tactic: v.cell.tactic, label: v.label };
    for (const [q, pick] of [[0.5, 'p50'], [0.95, 'p95'], [0.99, 'p99']] as const) {
      const values = v.cell.replications.map((r) => r.metrics.latencyMs[pick]);
      v.cell.replications.forEach((r, i) => lat.push({ ...base, r: r.replication, q, ms: lean(values[i]!) }));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const meanLatency = v.cell.replications.reduce((a, r) => a + r.metrics.latencyMs.mean, 0) / v.cell.replications.length;
      latMean.push({ ...base, q, quantile: pick, ms: lean(mean), lo: lean(Math.min(...values)), hi: lean(Math.max(...values)), mean: lean(meanLatency) });
    }
  });
  return {
    datasets: {
      cellStats,
      services: model.serviceIds.map((service, s) => ({ s, service })),
      ts,
      inc,
      lat,
      latMean,
    },
    lookups: { cells: model.cells.map((v) => v.label), services: [...model.serviceIds] },
    endSeconds: lean(end) ?? 0,
    bucketSeconds,
    mergedBuckets: merge,
    clippedIntervals: clipped,
  };
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Shared vega-lite config: fonts, muted grid, Okabe-Ito categories. */
export const CHART_CONFIG: JsonSpec = {
  font: FONT,
  view: { stroke: '#d0d0d0' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#ececec', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260, titleLimit: 320 },
  title: { fontSize: 13, anchor: 'start', limit: 400 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: [...OKABE_ITO] },
  concat: { spacing: 24 },
};

function top(spec: JsonSpec): JsonSpec {
  return { config: CHART_CONFIG, autosize: { type: 'pad' }, ...spec };
}

const col = (key: string, title: string, format: TableColumn['format'], lookup?: string): TableColumn => (lookup ? { key, title, format, lookup } : { key, title, format });

/** A select box bound to a numeric parameter, labelled with scenario strings (vega sets them as text). */
function selectParam(name: string, label: string, labels: readonly string[], value: number): JsonSpec {
  return { name, value, bind: { input: 'select', options: labels.map((_, i) => i), labels: [...labels], name: label } };
}

/** Every chart of the scenario report, in display order. */
export function reportCharts(model: ReportModel, data: ReportData, recommended: CellView | null): ChartDefinition[] {
  const tacticColor = {
    field: 'tactic',
    type: 'nominal',
    title: 'tactic',
    scale: { domain: [...model.tactics], range: cycle(OKABE_ITO, model.tactics.length) },
    legend: { symbolOpacity: 1 },
  };
  const settingTitle = model.gateways.length > 1 ? 'health · gateway' : 'health setting';
  const settingLabels = model.settings.map((s) => s.label);
  const settingShape = { field: 'setting', type: 'nominal', title: settingTitle, scale: { domain: settingLabels, range: cycle(SHAPES, settingLabels.length) } };
  const serviceColor = {
    field: 'service',
    type: 'nominal',
    title: 'service',
    scale: { domain: [...model.serviceIds], range: cycle(OKABE_ITO, model.serviceIds.length) },
    legend: { orient: 'top', direction: 'horizontal' },
  };
  const timeX = (title: string | null = 'time (s)') => ({ field: 't', type: 'quantitative', title, scale: { domain: [0, data.endSeconds], nice: false, zero: true } });
  const lookupService = { lookup: 's', from: { data: { name: 'services' }, key: 's', fields: ['service'] } };
  // Behind lines: a grey band. Over filled rects: a light shade in a dashed box, so the colours underneath stay readable.
  const incidentLayer = (service: number | null, style: 'band' | 'box'): JsonSpec => ({
    data: { name: 'inc' },
    ...(service === null ? {} : { transform: [{ filter: `datum.s == ${service}` }] }),
    mark: style === 'band' ? { type: 'rect', color: '#7f7f7f', opacity: 0.18 } : { type: 'rect', fill: '#000000', fillOpacity: 0.1, stroke: '#000000', strokeWidth: 2, strokeDash: [5, 3] },
    encoding: {
      x: { field: 'start', type: 'quantitative' },
      x2: { field: 'end' },
      tooltip: [{ field: 'what', type: 'nominal', title: 'incident' }],
    },
  });
  const recommendedPosition = recommended ? positionOf(model, recommended) : 0;
  const defaultTactic = recommended ? recommended.tacticIndex : 0;
  const defaultSetting = recommended ? recommended.settingIndex : 0;
  const cellLabels = model.cells.map((v) => v.label);
  const columns = (n: number): number => Math.max(1, Math.min(3, n));
  const incidentNote = model.incidents.length > 0 ? ' Shaded dashed boxes (grey bands in line charts) are incident windows.' : '';
  const warmupNote = model.warmupMs > 0 ? ` The first ${formatDuration(model.warmupMs)} are warm-up, left out of the metrics.` : '';
  const bucketNote =
    data.mergedBuckets > 1
      ? ` Each bar or point covers ${formatDuration(data.bucketSeconds * 1_000)} (${data.mergedBuckets} of the results' buckets merged to keep the report small).`
      : data.bucketSeconds > 0
        ? ` Buckets of ${formatDuration(data.bucketSeconds * 1_000)}, averaged over replications.`
        : '';
  const timeNote = `${warmupNote}${bucketNote}`;

  const ciPanel = (key: string, title: string, format: string, servedOnly: boolean, showLabels: boolean): JsonSpec => ({
    width: 340,
    height: { step: 18 },
    ...(servedOnly ? { transform: [{ filter: 'datum.served' }] } : {}),
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, scale: { domain: cellLabels }, title: null, axis: showLabels ? { labelLimit: 260 } : { labels: false, ticks: false } },
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: `${key}Lo`, type: 'quantitative', title, scale: { zero: false }, axis: { format } }, x2: { field: `${key}Hi` }, color: tacticColor } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: {
          x: { field: key, type: 'quantitative' },
          color: tacticColor,
          shape: settingShape,
          tooltip: [
            { field: 'label', type: 'nominal', title: 'cell' },
            { field: key, type: 'quantitative', title: 'mean', format },
            { field: `${key}Lo`, type: 'quantitative', title: '95% CI from', format },
            { field: `${key}Hi`, type: 'quantitative', title: '95% CI to', format },
          ],
        },
      },
    ],
  });

  const charts: ChartDefinition[] = [];
  charts.push({
    id: 'chart-ci',
    title: 'Success rate and p95 latency per cell',
    caption: `Dots are means over replications, bars their 95% confidence intervals${data.clippedIntervals ? ' (cut at 0 and 100%)' : ''}: cells whose bars overlap may not really differ; right is better for success rate, left for latency.`,
    spec: top({
      data: { name: 'cellStats' },
      hconcat: [ciPanel('sr', 'success rate (95% CI)', '.1%', false, true), ciPanel('p95', 'p95 latency, ms (95% CI)', ',.0f', true, false)],
      resolve: { scale: { y: 'shared' } },
    }),
    table: {
      dataset: 'cellStats',
      columns: [col('label', 'Cell', 'text'), col('sr', 'Success rate', 'pct'), col('srLo', '95% CI from', 'pct'), col('srHi', '95% CI to', 'pct'), col('p95', 'p95 latency', 'ms'), col('p95Lo', '95% CI from', 'ms'), col('p95Hi', '95% CI to', 'ms')],
    },
  });

  charts.push({
    id: 'chart-share',
    title: 'Traffic share per provider over time',
    caption: `One panel per tactic, for the health setting chosen below: watch how quickly traffic leaves a provider when its incident starts and how it returns after.${incidentNote}${timeNote}`,
    spec: top({
      params: [selectParam('setting', `${settingTitle}: `, settingLabels, defaultSetting)],
      data: { name: 'ts' },
      columns: columns(model.tactics.length),
      concat: model.tactics.map((tactic, ti) => ({
        title: tactic,
        width: 260,
        height: 150,
        layer: [
          {
            transform: [
              { filter: `datum.ti == ${ti} && datum.si == setting` },
              lookupService,
              // Stacked by hand: vega-lite does not stack rects, and bars with x2 turn horizontal.
              { stack: 'sh', groupby: ['t'], sort: [{ field: 's', order: 'ascending' }], as: ['y0', 'y1'] },
            ],
            mark: { type: 'rect' },
            encoding: {
              x: timeX(),
              x2: { field: 'te' },
              y: { field: 'y0', type: 'quantitative', title: 'share of attempts', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
              y2: { field: 'y1' },
              color: serviceColor,
              tooltip: [
                { field: 'service', type: 'nominal', title: 'service' },
                { field: 't', type: 'quantitative', title: 'from (s)' },
                { field: 'te', type: 'quantitative', title: 'to (s)' },
                { field: 'sh', type: 'quantitative', title: 'share', format: '.1%' },
                { field: 'at', type: 'quantitative', title: 'attempts/s', format: ',.2f' },
              ],
            },
          },
          incidentLayer(null, 'box'),
        ],
      })),
    }),
    table: {
      dataset: 'ts',
      columns: [col('c', 'Cell', 'text', 'cells'), col('s', 'Service', 'text', 'services'), col('t', 'From (s)', 's'), col('te', 'To (s)', 's'), col('sh', 'Share of attempts', 'pct'), col('at', 'Attempts/s', 'num')],
    },
  });

  charts.push({
    id: 'chart-errors',
    title: 'Errors and 429s per provider over time',
    caption: `Failed attempts per second at each provider, for the cell chosen below: failures inside a band mean traffic was still being sent into the incident; a drop to zero means the gateway routed around it.${timeNote}`,
    spec: top({
      params: [selectParam('cell', 'cell: ', cellLabels, recommendedPosition)],
      data: { name: 'ts' },
      columns: columns(model.serviceIds.length),
      concat: model.serviceIds.map((service, s) => ({
        title: service,
        width: 260,
        height: 150,
        layer: [
          incidentLayer(s, 'band'),
          {
            transform: [
              { filter: `datum.c == cell && datum.s == ${s}` },
              { fold: ['er', 'rl'], as: ['measure', 'perSecond'] },
              { calculate: "datum.measure == 'er' ? 'errors (not 429)' : '429 rate limited'", as: 'what' },
            ],
            mark: { type: 'line', point: true, strokeWidth: 2 },
            encoding: {
              x: { ...timeX(), field: 'tm' },
              y: { field: 'perSecond', type: 'quantitative', title: 'failed attempts / s', axis: { format: ',.3~f' } },
              color: {
                field: 'what',
                type: 'nominal',
                title: 'failure',
                scale: { domain: ['errors (not 429)', '429 rate limited'], range: ['#D55E00', '#0072B2'] },
                legend: { orient: 'top', direction: 'horizontal' },
              },
              strokeDash: { field: 'what', type: 'nominal', title: 'failure', scale: { domain: ['errors (not 429)', '429 rate limited'], range: [[1, 0], [5, 3]] } },
              tooltip: [
                { field: 'what', type: 'nominal', title: 'failure' },
                { field: 't', type: 'quantitative', title: 'from (s)' },
                { field: 'te', type: 'quantitative', title: 'to (s)' },
                { field: 'perSecond', type: 'quantitative', title: 'per second', format: ',.2f' },
                { field: 'at', type: 'quantitative', title: 'attempts/s', format: ',.2f' },
              ],
            },
          },
        ],
      })),
    }),
    table: {
      dataset: 'ts',
      columns: [col('c', 'Cell', 'text', 'cells'), col('s', 'Service', 'text', 'services'), col('t', 'From (s)', 's'), col('te', 'To (s)', 's'), col('er', 'Errors/s (not 429)', 'num'), col('rl', '429s/s', 'num'), col('at', 'Attempts/s', 'num')],
    },
  });

  const healthHeight = Math.max(60, 24 * model.serviceIds.length);
  charts.push({
    id: 'chart-health',
    title: 'Health state of each provider over time',
    caption: `Darker means the health monitor kept the provider out of selection for more of the bucket, one panel per health setting, for the tactic chosen below; dashed boxes are incident windows: a good setting darkens soon after a box starts and clears soon after it ends.${timeNote}`,
    spec: top({
      params: [selectParam('tactic', 'tactic: ', model.tactics, defaultTactic)],
      data: { name: 'ts' },
      vconcat: model.settings.map((setting, si) => ({
        title: `${settingTitle}: ${setting.label}`,
        width: 760,
        height: healthHeight,
        layer: [
          {
            transform: [{ filter: `datum.ti == tactic && datum.si == ${si}` }, lookupService],
            mark: { type: 'rect' },
            encoding: {
              x: timeX(si === model.settings.length - 1 ? 'time (s)' : null),
              x2: { field: 'te' },
              y: { field: 'service', type: 'nominal', title: null, scale: { domain: [...model.serviceIds] } },
              color: { field: 'uh', type: 'quantitative', title: 'health checks that excluded the service', scale: { domain: [0, 1], range: ['#f4f4f4', '#fdae6b', '#e6550d', '#7f2704'] }, legend: { format: '.0%', orient: 'top', direction: 'horizontal' } },
              tooltip: [
                { field: 'service', type: 'nominal', title: 'service' },
                { field: 't', type: 'quantitative', title: 'from (s)' },
                { field: 'te', type: 'quantitative', title: 'to (s)' },
                { field: 'uh', type: 'quantitative', title: 'unhealthy', format: '.0%' },
              ],
            },
          },
          {
            data: { name: 'inc' },
            mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 1.5, strokeDash: [4, 2] },
            encoding: {
              x: { field: 'start', type: 'quantitative' },
              x2: { field: 'end' },
              y: { field: 'service', type: 'nominal' },
              tooltip: [{ field: 'what', type: 'nominal', title: 'incident' }],
            },
          },
        ],
      })),
    }),
    table: {
      dataset: 'ts',
      columns: [col('c', 'Cell', 'text', 'cells'), col('s', 'Service', 'text', 'services'), col('t', 'From (s)', 's'), col('te', 'To (s)', 's'), col('uh', 'Unhealthy (fraction of checks)', 'pct')],
    },
  });

  charts.push({
    id: 'chart-latency',
    title: 'Latency distribution per tactic',
    caption:
      'Approximate: results keep only p50, p95 and p99 per replication, not raw samples, so each line joins the mean of those three quantiles (faint dots: single replications) and says nothing below the median or beyond p99; further right means slower.',
    spec: top({
      columns: columns(model.settings.length),
      concat: model.settings.map((setting, si) => ({
        title: `${settingTitle}: ${setting.label}`,
        width: 260,
        height: 200,
        layer: [
          {
            data: { name: 'lat' },
            transform: [{ filter: `datum.si == ${si}` }],
            mark: { type: 'point', filled: true, size: 22, opacity: 0.35 },
            encoding: {
              x: { field: 'ms', type: 'quantitative', title: 'end-to-end latency (ms)' },
              y: { field: 'q', type: 'quantitative', title: 'cumulative probability', scale: { domain: [0.45, 1] }, axis: { format: '.0%', values: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] } },
              color: tacticColor,
              tooltip: [
                { field: 'label', type: 'nominal', title: 'cell' },
                { field: 'r', type: 'quantitative', title: 'replication' },
                { field: 'q', type: 'quantitative', title: 'quantile', format: '.0%' },
                { field: 'ms', type: 'quantitative', title: 'latency (ms)', format: ',.0f' },
              ],
            },
          },
          {
            data: { name: 'latMean' },
            transform: [{ filter: `datum.si == ${si}` }],
            mark: { type: 'line', point: { filled: true, size: 45 }, strokeWidth: 2 },
            encoding: {
              x: { field: 'ms', type: 'quantitative' },
              y: { field: 'q', type: 'quantitative' },
              color: tacticColor,
              detail: { field: 'c', type: 'nominal' },
              order: { field: 'q', type: 'quantitative' },
              tooltip: [
                { field: 'label', type: 'nominal', title: 'cell' },
                { field: 'quantile', type: 'nominal', title: 'quantile' },
                { field: 'ms', type: 'quantitative', title: 'mean over replications (ms)', format: ',.0f' },
                { field: 'lo', type: 'quantitative', title: 'lowest replication (ms)', format: ',.0f' },
                { field: 'hi', type: 'quantitative', title: 'highest replication (ms)', format: ',.0f' },
                { field: 'mean', type: 'quantitative', title: 'mean latency (ms)', format: ',.0f' },
              ],
            },
          },
        ],
      })),
      resolve: { scale: { x: 'shared' } },
    }),
    table: {
      dataset: 'latMean',
      columns: [col('label', 'Cell', 'text'), col('quantile', 'Quantile', 'text'), col('ms', 'Mean over replications', 'ms'), col('lo', 'Lowest replication', 'ms'), col('hi', 'Highest replication', 'ms'), col('mean', 'Mean latency', 'ms')],
    },
  });

  charts.push({
    id: 'chart-pareto',
    title: 'Cost against p95 latency',
    caption:
      `Down and left is better; labelled, ringed cells joined by the line are the Pareto front (no other cell is both cheaper and faster); whiskers are 95% CIs${data.clippedIntervals ? ' (cut at 0)' : ''}. This view ignores success rate: check the scoreboard before picking a cheap cell.`,
    spec: top({
      data: { name: 'cellStats' },
      transform: [{ filter: 'datum.served && isValid(datum.cost) && isValid(datum.p95)' }],
      width: 760,
      height: 400,
      encoding: {
        x: { field: 'p95', type: 'quantitative', title: 'p95 latency (ms)', scale: { zero: false } },
        y: { field: 'cost', type: 'quantitative', title: 'cost per 1,000 successful requests ($)', scale: { zero: false }, axis: { format: '$,.3f' } },
      },
      layer: [
        { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { x: { field: 'p95Lo', type: 'quantitative' }, x2: { field: 'p95Hi' } } },
        { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { y: { field: 'costLo', type: 'quantitative' }, y2: { field: 'costHi' } } },
        { transform: [{ filter: 'datum.front' }], mark: { type: 'line', color: '#000000', strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { order: { field: 'p95', type: 'quantitative' } } },
        {
          mark: { type: 'point', filled: true, opacity: 1 },
          encoding: {
            color: tacticColor,
            shape: settingShape,
            size: { condition: { test: 'datum.front', value: 170 }, value: 60 },
            stroke: { condition: { test: 'datum.front', value: '#000000' }, value: null },
            tooltip: [
              { field: 'label', type: 'nominal', title: 'cell' },
              { field: 'p95', type: 'quantitative', title: 'p95 latency (ms)', format: ',.0f' },
              { field: 'cost', type: 'quantitative', title: 'cost / 1k successes', format: '$,.4f' },
              { field: 'sr', type: 'quantitative', title: 'success rate', format: '.2%' },
              { field: 'front', type: 'nominal', title: 'on the Pareto front' },
            ],
          },
        },
        { transform: [{ filter: 'isValid(datum.frontLabel)' }], mark: { type: 'text', align: 'left', dx: 9, dy: -7, fontSize: 11 }, encoding: { text: { field: 'frontLabel', type: 'nominal' } } },
      ],
    }),
    table: {
      dataset: 'cellStats',
      columns: [
        col('label', 'Cell', 'text'),
        col('p95', 'p95 latency', 'ms'),
        col('p95Lo', '95% CI from', 'ms'),
        col('p95Hi', '95% CI to', 'ms'),
        col('cost', 'Cost / 1k successes', 'usd'),
        col('costLo', '95% CI from', 'usd'),
        col('costHi', '95% CI to', 'usd'),
        col('sr', 'Success rate', 'pct'),
        col('front', 'Pareto front', 'bool'),
      ],
    },
  });
  return charts;
}
