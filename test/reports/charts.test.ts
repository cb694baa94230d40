/** The typed datasets of the charts: one mapping from readable row fields to the short payload keys, used by every chart and table. */
import { describe, expect, it } from 'vitest';
import type { ChartDefinition, JsonSpec } from '../../reports/chart-types.js';
import { datum, defineDataset, encodeRows, lean, tableOf, type Dataset } from '../../reports/charts/dataset.js';
import { reportCharts, reportData } from '../../reports/charts/index.js';
import { meanRankChart } from '../../reports/charts/mean-rank.js';
import { CELL_KEYS, MEAN_RANKS, RANKS, SCENARIOS } from '../../reports/charts/overview-data.js';
import { rankHeatmapChart } from '../../reports/charts/rank-heatmap.js';
import { CELL_STATS, INCIDENTS, LATENCY_CURVE, LATENCY_QUANTILES, SERIES, SERVICES } from '../../reports/charts/report-datasets.js';
import { buildReportModel, recommendationOf, renderHtmlReport, renderOverviewHtml } from '../../reports/index.js';
import { hostileResults, smallResults } from './fixtures.js';
import { payloadOf } from './html-inspect.js';

const REPORT_DATASETS: Dataset<unknown>[] = [CELL_STATS, SERVICES, SERIES, INCIDENTS, LATENCY_CURVE, LATENCY_QUANTILES];
const OVERVIEW_DATASETS: Dataset<unknown>[] = [RANKS, MEAN_RANKS, SCENARIOS, CELL_KEYS];
/** Fields that transforms inside a chart add to its rows (stack, fold, calculate). */
const DERIVED = new Set(['y0', 'y1', 'measure', 'perSecond', 'what', 'p95Floor']);

/** Every field a vega-lite spec names: `field`, lookups, stacks, folds, group-bys, and `datum.x` in expressions. */
function fieldsNamed(spec: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(spec)) for (const v of spec) fieldsNamed(v, out);
  else if (spec && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec as JsonSpec)) {
      if ((k === 'field' || k === 'lookup' || k === 'stack' || k === 'key' || k === 'as') && typeof v === 'string') {
        out.add(v);
      } else if ((k === 'fold' || k === 'groupby' || k === 'fields' || k === 'as') && Array.isArray(v)) {
        for (const f of v) if (typeof f === 'string') out.add(f);
      } else if ((k === 'filter' || k === 'test' || k === 'calculate') && typeof v === 'string') {
        for (const m of v.matchAll(/datum\.(\w+)/g)) out.add(m[1]!);
      } else if (k !== 'data') {
        fieldsNamed(v, out);
      }
    }
  }
  return out;
}

function expectFieldsExist(charts: readonly ChartDefinition[], datasets: readonly Dataset<unknown>[]): void {
  const keys = new Set(datasets.flatMap((d) => Object.values<string>(d.field)));
  for (const chart of charts) {
    for (const f of fieldsNamed(chart.spec)) expect(keys.has(f) || DERIVED.has(f), `${chart.id} names field "${f}"`).toBe(true);
    const table = datasets.find((d) => d.name === chart.table.dataset);
    expect(table, `${chart.id} table dataset`).toBeDefined();
    for (const c of chart.table.columns) expect(Object.values<string>(table!.field), `${chart.id} column ${c.title}`).toContain(c.key);
  }
}

describe('typed datasets', () => {
  interface Row {
    cellIndex: number;
    label: string;
    share: number | null;
  }
  const ROWS = defineDataset<Row>('rows', { cellIndex: 'c', label: 'label', share: 'sh' });

  it('embed each field under its short key, in the mapping order', () => {
    const encoded = encodeRows(ROWS, [{ share: 0.5, label: 'a', cellIndex: 2 }]);
    expect(encoded).toEqual([{ c: 2, label: 'a', sh: 0.5 }]);
    expect(Object.keys(encoded[0]!)).toEqual(['c', 'label', 'sh']);
    expect(JSON.stringify(encodeRows(ROWS, [{ cellIndex: 0, label: 'x', share: null }]))).toBe('[{"c":0,"label":"x","sh":null}]');
  });

  it('name fields for expressions and tables through the mapping', () => {
    expect(datum(ROWS, 'share')).toBe('datum.sh');
    expect(tableOf(ROWS, [['cellIndex', 'Cell', 'text', 'cells'], ['share', 'Share', 'pct']])).toEqual({
      dataset: 'rows',
      columns: [
        { key: 'c', title: 'Cell', format: 'text', lookup: 'cells' },
        { key: 'sh', title: 'Share', format: 'pct' },
      ],
    });
  });

  it('refuse two fields under one key', () => {
    expect(() => defineDataset<Row>('bad', { cellIndex: 'c', label: 'c', share: 'sh' })).toThrow(/share a payload key/);
  });

  it('round to six significant digits, null when not finite', () => {
    expect(lean(1 / 3)).toBe(0.333333);
    expect(lean(123456789)).toBe(123457000);
    expect(lean(Number.NaN)).toBeNull();
    expect(lean(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('have distinct payload names, and the payload rows carry exactly the mapped keys', async () => {
    for (const group of [REPORT_DATASETS, OVERVIEW_DATASETS]) expect(new Set(group.map((d) => d.name)).size).toBe(group.length);
    const payload = payloadOf(renderHtmlReport(await smallResults()));
    expect(Object.keys(payload.datasets)).toEqual(REPORT_DATASETS.map((d) => d.name));
    for (const d of REPORT_DATASETS) {
      const rows = payload.datasets[d.name] as Record<string, unknown>[];
      expect(rows.length, d.name).toBeGreaterThan(0);
      for (const row of rows) expect(Object.keys(row), d.name).toEqual(Object.values(d.field));
    }
    const overview = payloadOf(renderOverviewHtml([await smallResults(), await hostileResults()]));
    expect(Object.keys(overview.datasets)).toEqual(OVERVIEW_DATASETS.map((d) => d.name));
    for (const d of OVERVIEW_DATASETS) for (const row of overview.datasets[d.name] as Record<string, unknown>[]) expect(Object.keys(row), d.name).toEqual(Object.values(d.field));
  });
});

describe('the charts', () => {
  it('name only fields their datasets have (or that their own transforms add), in specs and tables', async () => {
    const model = buildReportModel(await smallResults());
    expectFieldsExist(reportCharts(model, reportData(model), recommendationOf(model)?.cell ?? null), REPORT_DATASETS);
    expectFieldsExist([rankHeatmapChart({ scenarioNames: ['a'], orderedCellLabels: ['x'] }), meanRankChart()], OVERVIEW_DATASETS);
  });

  it('draw the latency distribution of each cell, pooled over its replications, from its fastest request to its slowest', async () => {
    const model = buildReportModel(await smallResults());
    const { rows } = reportData(model);
    model.cells.forEach((v, c) => {
      const d = v.cell.latencyDistribution;
      const curve = rows.latencyCurve.filter((r) => r.cellIndex === c);
      if (d.count === 0) return expect(curve).toEqual([]);
      expect(d.count).toBe(v.cell.replications.reduce((n, r) => n + r.metrics.successes, 0));
      expect(curve.map((r) => r.probability)).toEqual([0, ...d.levels, 1]);
      expect(curve[0]!.latencyMs).toBe(lean(d.min));
      expect(curve.at(-1)!.latencyMs).toBe(lean(d.max));
      for (let k = 1; k < curve.length; k++) expect(curve[k]!.latencyMs!).toBeGreaterThanOrEqual(curve[k - 1]!.latencyMs!);
      const table = rows.latencyQuantiles.find((r) => r.cellIndex === c)!;
      expect(table.p95Ms).toBe(lean(d.quantiles[d.levels.indexOf(0.95)]!));
    });
  });

  it('keep their row types: the series rows hold rates per second and shares that add up to 1 per bucket', async () => {
    const model = buildReportModel(await smallResults());
    const { rows } = reportData(model);
    const bucket = rows.series.filter((r) => r.cellIndex === 0 && r.startSeconds === 0);
    expect(bucket.map((r) => r.serviceIndex)).toEqual([0, 1, 2]);
    expect(bucket.reduce((a, r) => a + (r.shareOfAttempts ?? 0), 0)).toBeCloseTo(1, 4);
    for (const r of rows.cellStats) {
      if (r.successRate === null) continue;
      expect(r.successRateLow!).toBeLessThanOrEqual(r.successRate);
      expect(r.successRateHigh!).toBeGreaterThanOrEqual(r.successRate);
      expect(r.successRateHigh!).toBeLessThanOrEqual(1);
    }
  });
});
