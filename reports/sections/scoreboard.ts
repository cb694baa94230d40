/** The scoreboard of a scenario report: every cell's key metrics with their intervals, colour-scaled. */
import { isRankable } from '../../engine/index.js';
import { formatDifference, formatHalfWidth, formatValue, MISSING } from '../format.js';
import { colourClass, colourLegend, numericCell, tableHtml, textCell, type TableHeader } from '../html-parts.js';
import { html, type SafeHtml } from '../html.js';
import { EXTRA_METRICS, KEY_METRICS, type ReportMetric } from '../key-metrics.js';
import { cellEstimate, type CellView, type ReportModel } from '../report-model.js';
import type { MetricVerdict } from '../verdict.js';

/** The scoreboard <section>. */
export function scoreboardSection(model: ReportModel, verdicts: readonly MetricVerdict[]): SafeHtml {
  // Gateway attempts per request are left to the CSV. Provider tries per request (the SDK's retry
  // amplification) are shown but not coloured: requests failed for lack of a healthy service make
  // no try at all, which would read as better.
  const shown = new Set(['provider_attempts_per_request', 'rate_limited', 'provider_rate_limited', 'no_healthy']);
  const uncoloured = new Set(['provider_attempts_per_request']);
  const metrics: ReportMetric[] = [...KEY_METRICS, ...EXTRA_METRICS.filter((m) => shown.has(m.name))];
  const starred = new Map(verdicts.map((v) => [v.metric.name, new Set([...(v.best ? [v.best] : []), ...v.tiedWithBest])]));
  const comparisons = model.results.comparisons;
  const headers: TableHeader[] = [
    { label: 'Tactic' },
    { label: 'Health' },
    ...(model.gateways.length > 1 ? [{ label: 'Gateway' }] : []),
    ...metrics.map((m) => ({ label: m.title, numeric: true })),
    ...(comparisons ? [{ label: 'Success rate vs baseline', numeric: true }] : []),
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
  return html`<section id="scoreboard">
<h2>Scoreboard</h2>
<p>One row per cell, in the run's order; click a heading to sort. Each value is the mean over the cell's replications (${model.replicationsPerCell}), with its 95% CI half-width below it. Provider tries / request counts every HTTP request a provider received per client request, the SDK's retries on the same service included (1 means no retry; requests that found no healthy service make none); 429s seen are those the balancer saw after the SDK's retries, 429s sent every 429 a provider answered. The last column is the paired difference in success rate against the baseline, clear when its 95% CI excludes 0.</p>
${tableHtml(headers, rows)}
${colourLegend()}
${dagger ? html`<p class="legend">† some replication had no successful request, so this value is not ranked.</p>` : null}
</section>`;
}
