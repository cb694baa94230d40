import type { Results } from '../engine/index.js';
import type { ChartPayload } from './chart-types.js';
import { escapeHtml } from './escape.js';
import { formatDifference, formatDuration, formatHalfWidth, formatValue, formatWindow, MISSING } from './format.js';
import { chartFigure, colourClass, colourLegend, numericCell, tableHtml, textCell } from './html-parts.js';
import { EXTRA_METRICS, KEY_METRICS, type ReportMetric } from './key-metrics.js';
import { renderPage } from './page.js';
import { reportCharts, reportData } from './report-charts.js';
import { isRankable } from '../engine/index.js';
import { buildReportModel, cellEstimate, type CellView, type ReportModel } from './report-model.js';
import { richToHtml } from './rich-text.js';
import { compileVegaLite } from './vega-compile.js';
import { keyVerdicts, recommend, type MetricVerdict, type Recommendation } from './verdict.js';
import { recommendationText, verdictSentences, type RecommendationText } from './verdict-text.js';

/**
 * The self-contained HTML comparison report of one scenario's results (a UTF-8 string, typically
 * under 1 MB): header, verdict, scoreboard, charts with data tables, incident tables. Works offline
 * from file:// under a strict CSP; the same results give the same bytes.
 */
export function renderHtmlReport(results: Results): string {
  const model = buildReportModel(results);
  const verdicts = keyVerdicts(model);
  const recommendation = recommend(model, verdicts);
  const data = reportData(model);
  const charts = reportCharts(model, data, recommendation?.cell ?? null);
  const payload: ChartPayload = {
    datasets: data.datasets,
    lookups: data.lookups,
    charts: charts.map((c) => ({ id: c.id, spec: compileVegaLite(c.spec).spec, table: c.table })),
  };
  const body = [
    '<main>',
    headerHtml(model),
    verdictHtml(model, verdicts, recommendation),
    scoreboardHtml(model, verdicts),
    '<section id="charts">',
    '<h2>Charts</h2>',
    '<noscript><p class="notice">The charts need JavaScript; the scoreboard and incident tables above and below have the numbers.</p></noscript>',
    ...charts.map(chartFigure),
    incidentsHtml(model),
    '</section>',
    footerHtml(model),
    '</main>',
  ].join('\n');
  return renderPage({ title: `${model.name} · lbsim report`, bodyHtml: body, payload, lbsimVersion: model.lbsimVersion });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function headerHtml(model: ReportModel): string {
  const facts: [string, string][] = [
    ['Seed', escapeHtml(String(model.seed))],
    ['Replications', `${escapeHtml(String(model.replications))} per cell, every cell run with the same replication seeds`],
    ['Duration', model.durationMs === null ? MISSING : `${formatDuration(model.durationMs)} of arrivals${model.warmupMs > 0 ? `, the first ${formatDuration(model.warmupMs)} warm-up` : ''}`],
    [
      'Cells',
      `${model.cells.length}: ${plural(model.tactics.length, 'tactic')} × ${plural(new Set(model.settings.map((s) => s.health)).size, 'health setting')} × ${plural(model.gateways.length, 'gateway variant')}`,
    ],
    ['Tactics', escapeHtml(model.tactics.join(', '))],
    [
      'Health settings',
      model.healthDescriptions.length > 0
        ? `<ul>${model.healthDescriptions.map((h) => `<li><strong>${escapeHtml(h.name)}</strong>: ${escapeHtml(h.text)}</li>`).join('')}</ul>`
        : escapeHtml([...new Set(model.settings.map((s) => s.health))].join(', ')),
    ],
    [
      'Gateway variants',
      model.gatewayDescriptions.length > 0
        ? `<ul>${model.gatewayDescriptions.map((g) => `<li><strong>${escapeHtml(g.name)}</strong>: ${escapeHtml(g.text)}</li>`).join('')}</ul>`
        : escapeHtml(model.gateways.join(', ')),
    ],
    [
      'Services',
      model.services.length > 0
        ? `<ul>${model.services
            .map((s) => {
              const price = s.inputPerMillion === null || s.outputPerMillion === null ? '' : `, $${s.inputPerMillion} in / $${s.outputPerMillion} out per million tokens`;
              const incidents = model.incidents.filter((i) => i.service === s.id).map((i) => `${i.kind.replace(/_/g, ' ')} ${formatWindow(i.startMs, i.endMs)}`);
              return `<li><strong>${escapeHtml(s.id)}</strong>${s.weight === null ? '' : ` (weight ${escapeHtml(String(s.weight))}${escapeHtml(price)})`}${incidents.length > 0 ? `; incidents: ${escapeHtml(incidents.join(', '))}` : ''}</li>`;
            })
            .join('')}</ul>`
        : escapeHtml(model.serviceIds.join(', ')),
    ],
    ['Baseline', model.baselineId === null ? 'not compared (partial results)' : escapeHtml(model.cells.find((c) => c.cell.id === model.baselineId)?.label ?? model.baselineId)],
    ['lbsim', escapeHtml(model.lbsimVersion)],
  ];
  return [
    '<header>',
    '<p class="lede">lbsim load-balancing comparison</p>',
    `<h1>${escapeHtml(model.name)}</h1>`,
    model.description ? `<p>${escapeHtml(model.description)}</p>` : '',
    model.question ? `<p class="question"><strong>Question:</strong> ${escapeHtml(model.question)}</p>` : '',
    shardNotice(model),
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}</dl>`,
    '</header>',
  ].join('\n');
}

function shardNotice(model: ReportModel): string {
  if (!model.shard) return '';
  return `<p class="notice"><strong>Partial results:</strong> shard ${model.shard.index} of ${model.shard.count}, holding ${model.cells.length} of ${model.shard.cellCount} cells. The verdict below only ranks these cells; the comparison with the baseline and the expectations need every cell: merge all shards' results and render the merged file.</p>`;
}

function tagFor(v: MetricVerdict): string {
  if (!v.best || !v.lead) return '';
  if (!v.lead.difference || v.lead.difference.n < 2) return '<span class="tag unknown">untested</span>';
  return v.lead.clear ? '<span class="tag clear">clear lead</span>' : '<span class="tag tie">tie</span>';
}

function verdictHtml(model: ReportModel, verdicts: readonly MetricVerdict[], recommendation: Recommendation | null): string {
  const expectations = model.results.expectations;
  const expectationsHtml =
    expectations === null
      ? '<p>Expectations are checked once every cell is present: merge the shards first.</p>'
      : expectations.length === 0
        ? '<p>The scenario states no expectations.</p>'
        : [
            `<p>${expectations.filter((e) => e.passed).length} of ${expectations.length} passed.</p>`,
            '<ul class="verdicts">',
            ...expectations.map(
              (e) =>
                `<li><span class="tag ${e.passed ? 'pass' : 'fail'}">${e.passed ? 'pass' : 'FAIL'}</span>${escapeHtml(e.text)}<details><summary>${plural(e.details.length, 'check')}</summary><ul>${e.details.map((d) => `<li><code>${escapeHtml(d)}</code></li>`).join('')}</ul></details></li>`,
            ),
            '</ul>',
          ].join('\n');
  return [
    '<section id="verdict">',
    '<h2>Verdict</h2>',
    recommendationHtml(recommendationText(recommendation, model)),
    '<ul class="verdicts">',
    ...verdicts.map((v) => `<li>${tagFor(v)}${richToHtml(verdictSentences(v, model))}</li>`),
    '</ul>',
    `<p class="lede">Values are means over ${plural(model.replications, 'replication')} with 95% confidence intervals (Student t). A lead is <em>clear</em> when the paired difference between the two cells, replication by replication over the same seeds, has a 95% CI that excludes 0; otherwise it is a tie. The recommendation puts success rate first, then p95 latency among the cells tied on success rate, then cost among the cells also tied on latency.</p>`,
    '<h3>Expectations</h3>',
    expectationsHtml,
    '</section>',
  ].join('\n');
}

function recommendationHtml(text: RecommendationText): string {
  const reasons = text.reasons.length > 0 ? `<ul>${text.reasons.map((r) => `<li>${richToHtml(r)}</li>`).join('')}</ul>` : '';
  return `<div class="recommendation"><p class="headline">${richToHtml(text.headline)}</p>${reasons}</div>`;
}

function scoreboardHtml(model: ReportModel, verdicts: readonly MetricVerdict[]): string {
  // Gateway attempts per request are left to the CSV. Provider tries per request (the SDK's retry
  // amplification) are shown but not coloured: requests failed for lack of a healthy service make
  // no try at all, which would read as better.
  const shown = new Set(['provider_attempts_per_request', 'rate_limited', 'provider_rate_limited', 'no_healthy']);
  const uncoloured = new Set(['provider_attempts_per_request']);
  const metrics: ReportMetric[] = [...KEY_METRICS, ...EXTRA_METRICS.filter((m) => shown.has(m.name))];
  const starred = new Map(verdicts.map((v) => [v.metric.name, new Set([...(v.best ? [v.best] : []), ...v.tiedWithBest])]));
  const comparisons = model.results.comparisons;
  const headers = [
    { html: 'Tactic' },
    { html: 'Health' },
    ...(model.gateways.length > 1 ? [{ html: 'Gateway' }] : []),
    ...metrics.map((m) => ({ html: escapeHtml(m.title), numeric: true })),
    ...(comparisons ? [{ html: 'Success rate vs baseline', numeric: true }] : []),
  ];
  const columnValues = new Map(metrics.map((m) => [m.name, model.cells.map((v) => (isRankable(v.cell, m) ? cellEstimate(v.cell, m).mean : Number.NaN))]));
  let dagger = false;
  const rows = model.cells.map((view: CellView) => {
    const cells = [textCell(view.cell.tactic), textCell(view.cell.health), ...(model.gateways.length > 1 ? [textCell(view.cell.gateway)] : [])];
    for (const m of metrics) {
      const e = cellEstimate(view.cell, m);
      const ok = isRankable(view.cell, m);
      const values = columnValues.get(m.name)!;
      let text = e.n > 0 ? formatValue(e.mean, m.unit) : MISSING;
      if (!ok && e.n > 0) {
        text += ' †';
        dagger = true;
      }
      const ci = e.n >= 2 ? formatHalfWidth(e.mean, e.ci95, m.unit) : '';
      const colour = ok && !uncoloured.has(m.name) ? colourClass(e.mean, values, m.better) : null;
      cells.push(numericCell(text, ok ? e.mean : Number.NaN, colour, starred.get(m.name)?.has(view) ?? false, ci));
    }
    if (comparisons) {
      const d = comparisons.paired[view.cell.id]?.['success_rate'];
      const isBaseline = view.cell.id === comparisons.baseline;
      const text = isBaseline ? 'baseline' : d ? formatDifference(d.mean, 'fraction') : MISSING;
      const detail = isBaseline || !d ? '' : d.significant ? 'clear' : 'tie';
      cells.push(numericCell(text, isBaseline ? 0 : (d?.mean ?? Number.NaN), null, false, detail));
    }
    return cells;
  });
  return [
    '<section id="scoreboard">',
    '<h2>Scoreboard</h2>',
    `<p>One row per cell, in the run's order; click a heading to sort. Each value is the mean over ${plural(model.replications, 'replication')}, with its 95% CI half-width below it. Provider tries / request counts every HTTP request a provider received per client request, the SDK's retries on the same service included (1 means no retry; requests that found no healthy service make none); 429s seen are those the balancer saw after the SDK's retries, 429s sent every 429 a provider answered. The last column is the paired difference in success rate against the baseline, clear when its 95% CI excludes 0.</p>`,
    tableHtml(headers, rows),
    colourLegend(),
    dagger ? '<p class="legend">† some replication had no successful request, so this value is not ranked.</p>' : '',
    '</section>',
  ].join('\n');
}

function incidentsHtml(model: ReportModel): string {
  const out = ['<figure class="chart" id="incidents">', '<figcaption><h3>Incidents</h3>'];
  if (model.incidents.length === 0) {
    out.push('<p>The scenario has no incidents.</p></figcaption></figure>');
    return out.join('\n');
  }
  out.push(
    '<p>For each incident and cell, averaged over replications: in how many replications the gateway stopped selecting the service, how soon (detection delay, over those replications), how many requests were sent into the incident, and how soon after it ended the service was let back in (recovery delay). Lower is better; requests sent into the incident matter most.</p></figcaption>',
  );
  for (const incident of model.incidents) {
    const rows = model.cells.map((view) => ({
      view,
      i: view.cell.incidents.find((x) => x.service === incident.service && x.kind === incident.kind && x.startMs === incident.startMs && x.endMs === incident.endMs),
    }));
    const sent = rows.map((r) => r.i?.requestsSentInto ?? Number.NaN);
    const detection = rows.map((r) => r.i?.detectionDelayMs ?? Number.NaN);
    const recovery = rows.map((r) => r.i?.recoveryDelayMs ?? Number.NaN);
    const bestSent = Math.min(...sent.filter((x) => Number.isFinite(x)));
    out.push(`<h3>${escapeHtml(incident.service)}: ${escapeHtml(incident.kind.replace(/_/g, ' '))}, ${formatWindow(incident.startMs, incident.endMs)}</h3>`);
    out.push(
      tableHtml(
        [{ html: 'Cell' }, { html: 'Detected in', numeric: true }, { html: 'Detection delay', numeric: true }, { html: 'Requests sent into it', numeric: true }, { html: 'Recovery delay', numeric: true }],
        rows.map(({ view, i }, k) => {
          if (!i) return [textCell(view.label), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null)];
          const share = i.detected / Math.max(1, i.replications);
          // Detection only matters where traffic reached the service; recovery only where it was excluded.
          const detectionText = i.detectionDelayMs !== null ? formatValue(i.detectionDelayMs, 'ms') : i.requestsSentInto === 0 ? 'not needed' : 'never';
          const recoveryText = i.recoveryDelayMs !== null ? formatValue(i.recoveryDelayMs, 'ms') : i.detected === 0 ? MISSING : 'not within the run';
          return [
            textCell(view.label),
            numericCell(`${i.detected} of ${i.replications}`, share, null),
            numericCell(detectionText, i.detectionDelayMs ?? Number.POSITIVE_INFINITY, i.detectionDelayMs === null ? null : colourClass(i.detectionDelayMs, detection, 'lower')),
            numericCell(formatValue(i.requestsSentInto, 'count'), i.requestsSentInto, colourClass(i.requestsSentInto, sent, 'lower'), sent[k] === bestSent),
            numericCell(recoveryText, i.recoveryDelayMs ?? Number.POSITIVE_INFINITY, i.recoveryDelayMs === null ? null : colourClass(i.recoveryDelayMs, recovery, 'lower')),
          ];
        }),
      ),
    );
  }
  out.push('</figure>');
  return out.join('\n');
}

function footerHtml(model: ReportModel): string {
  return `<footer>Generated by lbsim ${escapeHtml(model.lbsimVersion)} from results format ${escapeHtml(String(model.results.version))}. Self-contained: the charts run on an embedded copy of vega and need no network.</footer>`;
}
