/**
 * What the charts of a scenario report share: the vega-lite config, the colour and shape encodings
 * of tactics, settings and services, the time axis, incident layers and the notes of captions.
 * Scenario strings (cell, tactic, setting and service names) only ever appear as data values,
 * titles and literal scale domains, never inside expressions or field names: filters compare
 * numeric indexes.
 */
import { formatDuration } from '../format.js';
import { keyMetric } from '../key-metrics.js';
import { OKABE_ITO, SHAPES } from '../palette.js';
import type { CellView, ReportModel } from '../report-model.js';
import type { JsonSpec } from '../chart-types.js';
import { datum } from './dataset.js';
import type { ReportData } from './report-data.js';
import { CELL_STATS, INCIDENTS, SERIES, SERVICES, type SeriesRow } from './report-datasets.js';

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

/** A top-level spec of the scenario report: the shared config, padding autosize. */
export function top(spec: JsonSpec): JsonSpec {
  return { config: CHART_CONFIG, autosize: { type: 'pad' }, ...spec };
}

/** A select box bound to a numeric parameter, labelled with scenario strings (vega sets them as text). */
export function selectParam(name: string, label: string, labels: readonly string[], value: number): JsonSpec {
  return { name, value, bind: { input: 'select', options: labels.map((_, i) => i), labels: [...labels], name: label } };
}

/** Panels per row of a concatenated chart. */
export function gridColumns(n: number): number {
  return Math.max(1, Math.min(3, n));
}

/** The model, its chart data and what the charts derive from them in common. */
export interface ChartContext {
  model: ReportModel;
  data: ReportData;
  /** Title of the health-setting axis ("health · gateway" when gateway variants are compared). */
  settingTitle: string;
  settingLabels: string[];
  cellLabels: string[];
  /** The recommended cell's setting (0 without one): where the traffic-share chart opens. */
  defaultSetting: number;
  /** Position of the cell with the most failed attempts (errors and 429s): where the errors chart opens. */
  mostFailingPosition: number;
  /** Index of the tactic whose providers spent the most time unhealthy: where the health chart opens. */
  mostUnhealthyTactic: number;
  /** Caption sentence about incident windows ('' without incidents). */
  incidentNote: string;
  /** Caption sentences about warm-up and bucket width ('' when neither applies). */
  timeNote: string;
}

/** The group (0..n-1) whose rows sum highest; `start` wins ties, so the recommended cell or tactic stays the default when nothing stands out. */
function argmax(n: number, start: number, rows: readonly SeriesRow[], group: (r: SeriesRow) => number, value: (r: SeriesRow) => number): number {
  const totals = new Array<number>(n).fill(0);
  for (const r of rows) totals[group(r)]! += value(r);
  let best = start;
  totals.forEach((t, i) => {
    if (t > totals[best]!) best = i;
  });
  return best;
}

/** The shared context of the charts. */
export function chartContext(model: ReportModel, data: ReportData, recommended: CellView | null): ChartContext {
  const warmupNote = model.warmupMs > 0 ? ` The first ${formatDuration(model.warmupMs)} are warm-up, left out of the metrics.` : '';
  const bucketNote =
    data.mergedBuckets > 1
      ? ` Each bar or point covers ${formatDuration(data.bucketSeconds * 1_000)} (${data.mergedBuckets} of the results' buckets merged to keep the report small).`
      : data.bucketSeconds > 0
        ? ` Buckets of ${formatDuration(data.bucketSeconds * 1_000)}, averaged over replications.`
        : '';
  return {
    model,
    data,
    settingTitle: model.gateways.length > 1 ? 'health · gateway' : 'health setting',
    settingLabels: model.settings.map((s) => s.label),
    cellLabels: model.cells.map((v) => v.label),
    defaultSetting: recommended ? recommended.settingIndex : 0,
    mostFailingPosition: argmax(model.cells.length, recommended ? model.cells.indexOf(recommended) : 0, data.rows.series, (r) => r.cellIndex, (r) => (r.errorsPerSecond ?? 0) + (r.rateLimitedPerSecond ?? 0)),
    mostUnhealthyTactic: argmax(model.tactics.length, recommended ? recommended.tacticIndex : 0, data.rows.series, (r) => r.tacticIndex, (r) => r.unhealthyFraction ?? 0),
    incidentNote: model.incidents.length > 0 ? ' Shaded dashed boxes (grey bands in line charts) are incident windows.' : '',
    timeNote: `${warmupNote}${bucketNote}`,
  };
}

/** Caption sentences with the registry's definition of each charted key metric ("p95 latency: ..."). */
export function definitionsNote(metricNames: readonly string[]): string {
  return metricNames.map((name) => ` ${keyMetric(name).title}: ${keyMetric(name).definition}`).join('');
}

/** A colour scale over names: Okabe-Ito (colour-blind safe) up to 8, then tableau20, so colours do not repeat below 21 names. */
function categorical(domain: readonly string[]): JsonSpec {
  return domain.length <= OKABE_ITO.length ? { domain: [...domain], range: OKABE_ITO.slice(0, domain.length) } : { domain: [...domain], scheme: 'tableau20' };
}

/** Colour by tactic, over a dataset's tactic-name field. */
export function tacticColor(ctx: ChartContext, field: string): JsonSpec {
  return { field, type: 'nominal', title: 'tactic', scale: categorical(ctx.model.tactics), legend: { symbolOpacity: 1 } };
}

/**
 * Point shape by health setting, over a dataset's setting-label field, as encoding entries to
 * spread; none when the settings outnumber the distinct shapes (shapes never repeat: the charts
 * then tell settings apart by tooltip and table only, and their captions say so).
 */
export function settingShapeEncoding(ctx: ChartContext, field: string): { shape?: JsonSpec } {
  if (ctx.settingLabels.length > SHAPES.length) return {};
  return { shape: { field, type: 'nominal', title: ctx.settingTitle, scale: { domain: ctx.settingLabels, range: SHAPES.slice(0, ctx.settingLabels.length) } } };
}

/** Caption sentence when the health settings are too many for distinct shapes ('' otherwise). */
export function shapesNote(ctx: ChartContext): string {
  return ctx.settingLabels.length > SHAPES.length ? ` The ${ctx.settingLabels.length} ${ctx.settingTitle}s are more than the ${SHAPES.length} distinct point shapes, so points are not told apart by setting: hover one, or read the table.` : '';
}

/** Colour by service, over the service name that `lookupService` adds to series rows. */
export function serviceColor(ctx: ChartContext): JsonSpec {
  const ids = ctx.model.serviceIds;
  return { field: SERVICES.field.service, type: 'nominal', title: 'service', scale: categorical(ids), legend: { orient: 'top', direction: 'horizontal' } };
}

/** The time axis of series charts: bucket starts, over the whole run. */
export function timeX(ctx: ChartContext, title: string | null = 'time (s)'): JsonSpec {
  return { field: SERIES.field.startSeconds, type: 'quantitative', title, scale: { domain: [0, ctx.data.endSeconds], nice: false, zero: true } };
}

/** Adds the service name to series rows (they store its index). */
export const lookupService: JsonSpec = { lookup: SERIES.field.serviceIndex, from: { data: { name: SERVICES.name }, key: SERVICES.field.serviceIndex, fields: [SERVICES.field.service] } };

/** Incident windows of one service (null: all): behind lines a grey band; over filled rects a light shade in a dashed box, so the colours underneath stay readable. */
export function incidentLayer(service: number | null, style: 'band' | 'box'): JsonSpec {
  return {
    data: { name: INCIDENTS.name },
    ...(service === null ? {} : { transform: [{ filter: `${datum(INCIDENTS, 'serviceIndex')} == ${service}` }] }),
    mark: style === 'band' ? { type: 'rect', color: '#7f7f7f', opacity: 0.18 } : { type: 'rect', fill: '#000000', fillOpacity: 0.1, stroke: '#000000', strokeWidth: 2, strokeDash: [5, 3] },
    encoding: {
      x: { field: INCIDENTS.field.startSeconds, type: 'quantitative' },
      x2: { field: INCIDENTS.field.endSeconds },
      tooltip: [{ field: INCIDENTS.field.description, type: 'nominal', title: 'incident' }],
    },
  };
}

/** Means spanning more than this factor get a logarithmic axis. */
export const LOG_AXIS_SPAN = 10;

/**
 * The p95-latency axis of the per-cell charts: logarithmic when the served cells' means span more
 * than 10x (a linear axis would crush the fast cells into one corner), linear otherwise. With a
 * log axis the interval bars start at the smallest positive value drawn (a bound cut at 0 has no
 * place on it), through the `p95Floor` field the returned transform computes.
 */
export function latencyAxis(ctx: ChartContext): { log: boolean; scale: JsonSpec; lowField: string; transform: JsonSpec[]; note: string } {
  const rows = ctx.data.rows.cellStats.filter((r) => r.servedEverywhere);
  const means = rows.map((r) => r.latencyP95Ms).filter((x): x is number => x !== null && x > 0);
  const low = CELL_STATS.field.latencyP95MsLow;
  if (means.length === 0 || Math.max(...means) <= LOG_AXIS_SPAN * Math.min(...means)) return { log: false, scale: { zero: false }, lowField: low, transform: [], note: '' };
  const floor = Math.min(...means, ...rows.map((r) => r.latencyP95MsLow).filter((x): x is number => x !== null && x > 0));
  return {
    log: true,
    scale: { type: 'log' },
    lowField: 'p95Floor',
    transform: [{ calculate: `max(datum.${low}, ${floor})`, as: 'p95Floor' }],
    note: ' The p95 latency axis is logarithmic: the cells span more than 10x.',
  };
}
