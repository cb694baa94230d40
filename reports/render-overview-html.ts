import type { Results } from '../engine/index.js';
import type { ChartDefinition, ChartPayload } from './chart-types.js';
import { escapeHtml } from './escape.js';
import { fixed, formatEstimate, MISSING } from './format.js';
import { chartFigure, colourClass, colourLegend, numericCell, tableHtml, textCell } from './html-parts.js';
import { KEY_METRICS } from './key-metrics.js';
import { renderPage } from './page.js';
import { CHART_CONFIG, lean } from './report-charts.js';
import { buildReportModel, cellEstimate, LABEL_SEPARATOR, type ReportModel } from './report-model.js';
import { scenarioSlugs } from './scenario-slug.js';
import { compileVegaLite, type JsonSpec } from './vega-compile.js';
import { keyVerdicts, recommend, type MetricVerdict, type Recommendation } from './verdict.js';
import { proseLabel } from './verdict-text.js';

interface ScenarioEntry {
  model: ReportModel;
  verdicts: MetricVerdict[];
  recommendation: Recommendation | null;
  slug: string;
  /** The scenario's name, made unique among the scenarios for chart axes. */
  displayName: string;
}

/** A cell's identity across scenarios: tactic, health setting and gateway variant names. */
interface CellKey {
  key: string;
  label: string;
  tactic: string;
  health: string;
  gateway: string;
}

/** Competition ranks ("1224") of a verdict's ranking: equal means share the better rank. */
function ranksOf(verdict: MetricVerdict): Map<string, number> {
  const ranks = new Map<string, number>();
  let previous = Number.NaN;
  let rank = 0;
  verdict.ranking.forEach((view, i) => {
    const mean = cellEstimate(view.cell, verdict.metric).mean;
    if (mean !== previous) rank = i + 1;
    previous = mean;
    ranks.set(view.cell.id, rank);
  });
  return ranks;
}

/**
 * The overview of a run over several scenarios (self-contained HTML, deterministic): one row per
 * scenario with its recommendation and a link to `<slug>/report.html` (slugs as `scenarioSlugs`
 * gives them, so repeated names link to `<slug>-2/` and so on), and every tactic x health x
 * gateway cell ranked in each scenario and on average across them.
 */
export function renderOverviewHtml(all: Results[]): string {
  if (all.length === 0) throw new RangeError('renderOverviewHtml needs the results of at least one scenario; pass every scenario\'s Results');
  const names = new Map<string, number>();
  const slugs = scenarioSlugs(all.map((r) => r.name));
  const entries: ScenarioEntry[] = all.map((results, k) => {
    const model = buildReportModel(results);
    const verdicts = keyVerdicts(model);
    const seen = (names.get(model.name) ?? 0) + 1;
    names.set(model.name, seen);
    return { model, verdicts, recommendation: recommend(model, verdicts), slug: slugs[k]!, displayName: seen > 1 ? `${model.name} (${seen})` : model.name };
  });
  const multiGateway = new Set(entries.flatMap((e) => e.model.gateways)).size > 1;
  const keys: CellKey[] = [];
  const keyIndex = new Map<string, number>();
  const keyOf = (tactic: string, health: string, gateway: string): number => {
    const key = JSON.stringify([tactic, health, gateway]);
    let k = keyIndex.get(key);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(key, k);
      keys.push({ key, tactic, health, gateway, label: [tactic, health, ...(multiGateway ? [gateway] : [])].join(LABEL_SEPARATOR) });
    }
    return k;
  };
  // ranks[k][m] = ranks of key k for metric m, one per scenario where it is ranked.
  const rankRows: Record<string, unknown>[] = [];
  const perKey = new Map<number, { ranks: number[][]; recommended: number; scenarios: Set<number> }>();
  entries.forEach((entry, sc) => {
    entry.verdicts.forEach((verdict, m) => {
      const ranks = ranksOf(verdict);
      for (const view of entry.model.cells) {
        const k = keyOf(view.cell.tactic, view.cell.health, view.cell.gateway);
        const stats = perKey.get(k) ?? { ranks: KEY_METRICS.map(() => []), recommended: 0, scenarios: new Set<number>() };
        perKey.set(k, stats);
        stats.scenarios.add(sc);
        const rank = ranks.get(view.cell.id);
        if (rank === undefined) continue;
        stats.ranks[m]!.push(rank);
        const of = verdict.ranking.length;
        rankRows.push({ sc, k, m, rank, of, score: lean(of > 1 ? 1 - (rank - 1) / (of - 1) : 1), value: lean(cellEstimate(view.cell, verdict.metric).mean) });
      }
    });
    const rec = entry.recommendation;
    if (rec) perKey.get(keyOf(rec.cell.cell.tactic, rec.cell.cell.health, rec.cell.cell.gateway))!.recommended++;
  });
  const meanOf = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const order = keys
    .map((_, k) => k)
    .sort((a, b) => {
      const sa = perKey.get(a)!;
      const sb = perKey.get(b)!;
      const byRank = (m: number): number => (meanOf(sa.ranks[m]!) || Number.POSITIVE_INFINITY) - (meanOf(sb.ranks[m]!) || Number.POSITIVE_INFINITY);
      return sb.recommended - sa.recommended || byRank(0) || byRank(1) || a - b;
    });
  const meanRankRows = order.flatMap((k) =>
    KEY_METRICS.map((_, m) => ({ k, m, meanRank: lean(meanOf(perKey.get(k)!.ranks[m]!)), scenarios: perKey.get(k)!.ranks[m]!.length })).filter((r) => r.meanRank !== null),
  );
  const charts = overviewCharts(entries, keys, order);
  const payload: ChartPayload = {
    datasets: {
      ranks: rankRows,
      meanRanks: meanRankRows,
      scenarios: entries.map((e, sc) => ({ sc, scenario: e.displayName })),
      keys: keys.map((key, k) => ({ k, cell: key.label })),
    },
    lookups: { scenarios: entries.map((e) => e.displayName), keys: keys.map((k) => k.label), metrics: KEY_METRICS.map((m) => m.title) },
    charts: charts.map((c) => ({ id: c.id, spec: compileVegaLite(c.spec).spec, table: c.table })),
  };
  const body = [
    '<main>',
    '<header>',
    '<p class="lede">lbsim load-balancing comparison</p>',
    `<h1>Overview of ${entries.length} scenario${entries.length === 1 ? '' : 's'}</h1>`,
    '<p>Which tactic and health setting to use in each scenario, and how each cell ranks across all of them. Each scenario\'s own report has the evidence.</p>',
    '</header>',
    scenarioTable(entries),
    rankTable(entries, keys, order, perKey),
    '<section id="charts">',
    '<h2>Charts</h2>',
    ...charts.map(chartFigure),
    '</section>',
    `<footer>Generated by lbsim ${escapeHtml(entries[0]?.model.lbsimVersion ?? '')}. Self-contained: the charts run on an embedded copy of vega and need no network.</footer>`,
    '</main>',
  ].join('\n');
  return renderPage({ title: 'lbsim overview', bodyHtml: body, payload, lbsimVersion: entries[0]?.model.lbsimVersion ?? '' });
}

/** Prose labels of the key metrics, from the first results' metric info. */
function metricLabels(entries: readonly ScenarioEntry[]): string[] {
  return KEY_METRICS.map((m) => proseLabel(entries[0]?.model.results.metricInfo[m.name]?.label ?? m.title));
}

function scenarioTable(entries: readonly ScenarioEntry[]): string {
  const rows = entries.map((entry) => {
    const m = entry.model;
    const rec = entry.recommendation;
    const expectations = m.results.expectations;
    const expectationText = expectations === null ? 'not checked (partial)' : expectations.length === 0 ? 'none' : `${expectations.filter((e) => e.passed).length} of ${expectations.length} passed`;
    const bests = entry.verdicts.map((v) => {
      if (!v.best || !v.bestEstimate) return textCell(MISSING);
      const clear = v.lead?.clear ? 'clear' : v.lead ? 'tie' : 'only cell';
      return `<td>${escapeHtml(v.best.label)}<br><span class="lede">${escapeHtml(formatEstimate(v.bestEstimate.mean, v.bestEstimate.ci95, v.bestEstimate.n, v.metric.unit))}, ${clear}</span></td>`;
    });
    return [
      `<td><a href="${escapeHtml(entry.slug)}/report.html">${escapeHtml(m.name)}</a>${m.shard ? ' <span class="tag unknown">partial</span>' : ''}<br><span class="lede">${escapeHtml(m.question)}</span></td>`,
      `<td><strong>${escapeHtml(rec ? rec.cell.label : MISSING)}</strong></td>`,
      ...bests,
      expectations !== null && expectations.some((e) => !e.passed) ? `<td><span class="tag fail">${escapeHtml(expectationText)}</span></td>` : textCell(expectationText),
    ];
  });
  return [
    '<section id="scenarios">',
    '<h2>Scenarios</h2>',
    '<p>The recommended cell has the best success rate or one statistically tied with it, then the lowest p95 latency among those, then the lowest cost among the cells also tied on latency; "clear" means the best cell\'s lead over the runner-up is statistically clear.</p>',
    tableHtml([{ html: 'Scenario' }, { html: 'Recommendation' }, ...metricLabels(entries).map((label) => ({ html: `Best ${escapeHtml(label)}` })), { html: 'Expectations' }], rows),
    '</section>',
  ].join('\n');
}

function rankTable(entries: readonly ScenarioEntry[], keys: readonly CellKey[], order: readonly number[], perKey: Map<number, { ranks: number[][]; recommended: number; scenarios: Set<number> }>): string {
  const meanOf = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const columns = KEY_METRICS.map((_, m) => order.map((k) => meanOf(perKey.get(k)!.ranks[m]!)));
  const rows = order.map((k, row) => {
    const stats = perKey.get(k)!;
    return [
      textCell(keys[k]!.label),
      numericCell(String(stats.recommended), stats.recommended, null, stats.recommended > 0),
      numericCell(`${stats.scenarios.size} of ${entries.length}`, stats.scenarios.size, null),
      ...KEY_METRICS.map((_, m) => {
        const mean = columns[m]![row]!;
        return numericCell(Number.isFinite(mean) ? fixed(mean, 1) : MISSING, mean, colourClass(mean, columns[m]!, 'lower'));
      }),
    ];
  });
  return [
    '<section id="ranking">',
    '<h2>Cells across scenarios</h2>',
    '<p>Mean rank of each cell over the scenarios that have it (1 = best in that scenario; equal means share a rank). Sorted by how often the cell is recommended, then by mean success-rate rank.</p>',
    tableHtml([{ html: 'Cell' }, { html: 'Recommended in', numeric: true }, { html: 'Present in', numeric: true }, ...metricLabels(entries).map((label) => ({ html: `Mean rank: ${escapeHtml(label)}`, numeric: true }))], rows),
    colourLegend(),
    '</section>',
  ].join('\n');
}

function overviewCharts(entries: readonly ScenarioEntry[], keys: readonly CellKey[], order: readonly number[]): ChartDefinition[] {
  const metricParam = { name: 'metric', value: 0, bind: { input: 'select', options: KEY_METRICS.map((_, m) => m), labels: KEY_METRICS.map((m) => m.title), name: 'metric: ' } };
  const keyDomain = order.map((k) => keys[k]!.label);
  const scenarioDomain = entries.map((e) => e.displayName);
  const lookups: JsonSpec[] = [
    { lookup: 'sc', from: { data: { name: 'scenarios' }, key: 'sc', fields: ['scenario'] } },
    { lookup: 'k', from: { data: { name: 'keys' }, key: 'k', fields: ['cell'] } },
  ];
  const heatmap: ChartDefinition = {
    id: 'chart-ranks',
    title: 'Rank of every cell in every scenario',
    caption: 'Darker is better (rank 1 is the best cell of that scenario for the chosen metric); a row that stays dark across columns is a safe default; blank: the cell is not in that scenario or not ranked.',
    spec: {
      config: CHART_CONFIG,
      params: [metricParam],
      data: { name: 'ranks' },
      transform: [{ filter: 'datum.m == metric' }, ...lookups],
      width: { step: Math.max(60, Math.min(140, Math.floor(700 / Math.max(1, entries.length)))) },
      height: { step: 20 },
      encoding: {
        x: { field: 'scenario', type: 'nominal', title: null, sort: null, scale: { domain: scenarioDomain }, axis: { orient: 'top', labelAngle: -20, labelLimit: 180 } },
        y: { field: 'cell', type: 'nominal', title: null, sort: null, scale: { domain: keyDomain }, axis: { labelLimit: 280 } },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: { field: 'score', type: 'quantitative', title: 'standing (100% = best, 0% = worst)', scale: { domain: [0, 1], scheme: 'blues' }, legend: { format: '.0%' } },
            tooltip: [
              { field: 'scenario', type: 'nominal', title: 'scenario' },
              { field: 'cell', type: 'nominal', title: 'cell' },
              { field: 'rank', type: 'quantitative', title: 'rank' },
              { field: 'of', type: 'quantitative', title: 'ranked cells' },
              { field: 'value', type: 'quantitative', title: 'mean value', format: ',.4~g' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'rank', type: 'quantitative' },
            color: { condition: { test: 'datum.score > 0.6', value: '#ffffff' }, value: '#1b1f24' },
          },
        },
      ],
    },
    table: {
      dataset: 'ranks',
      columns: [
        { key: 'sc', title: 'Scenario', format: 'text', lookup: 'scenarios' },
        { key: 'k', title: 'Cell', format: 'text', lookup: 'keys' },
        { key: 'm', title: 'Metric', format: 'text', lookup: 'metrics' },
        { key: 'rank', title: 'Rank', format: 'int' },
        { key: 'of', title: 'Ranked cells', format: 'int' },
        { key: 'value', title: 'Mean value', format: 'num' },
      ],
    },
  };
  const meanRank: ChartDefinition = {
    id: 'chart-mean-rank',
    title: 'Mean rank across scenarios',
    caption: 'Shorter bars are better: the mean rank of each cell over the scenarios where it is ranked, for the chosen metric (the tooltip says over how many scenarios).',
    spec: {
      config: CHART_CONFIG,
      params: [metricParam],
      data: { name: 'meanRanks' },
      transform: [{ filter: 'datum.m == metric' }, lookups[1]!],
      width: 520,
      height: { step: 20 },
      mark: { type: 'bar', color: '#0072B2' },
      encoding: {
        y: { field: 'cell', type: 'nominal', title: null, sort: 'x', axis: { labelLimit: 280 } },
        x: { field: 'meanRank', type: 'quantitative', title: 'mean rank (1 = best)' },
        tooltip: [
          { field: 'cell', type: 'nominal', title: 'cell' },
          { field: 'meanRank', type: 'quantitative', title: 'mean rank', format: '.2f' },
          { field: 'scenarios', type: 'quantitative', title: 'scenarios' },
        ],
      },
    },
    table: {
      dataset: 'meanRanks',
      columns: [
        { key: 'k', title: 'Cell', format: 'text', lookup: 'keys' },
        { key: 'm', title: 'Metric', format: 'text', lookup: 'metrics' },
        { key: 'meanRank', title: 'Mean rank', format: 'num' },
        { key: 'scenarios', title: 'Scenarios', format: 'int' },
      ],
    },
  };
  return [heatmap, meanRank];
}
