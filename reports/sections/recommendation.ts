/**
 * The report's answer, first: the recommendation in one sentence, the change to make to the
 * gateway's configuration (as recommended-config.json holds it), and the trade-off table that
 * sets the recommended cell against today's configuration and the cells it was chosen over.
 */
import { configChange, isRankable, type Estimate, type SettingChange } from '../../engine/index.js';
import { formatHalfWidth, formatValue, MISSING } from '../format.js';
import { numericCell, tableHtml, textCell, type TableHeader } from '../html-parts.js';
import { html, joinHtml, type SafeHtml } from '../html.js';
import { KEY_METRICS } from '../key-metrics.js';
import { cellEstimate, type CellView, type ReportModel } from '../report-model.js';
import { richToHtml } from '../rich-text.js';
import type { MetricVerdict, RecommendationView } from '../verdict.js';
import { proseLabel, recommendationText } from '../verdict-text.js';

/** A row of the trade-off table: a cell and why it is there. */
interface TradeOffRow {
  view: CellView;
  roles: string[];
}

/** The recommended cell, the configured one, today's, the others as good or within the zone, and the best on each key metric: each once, with every reason it is listed. */
export function tradeOffRows(model: ReportModel, verdicts: readonly MetricVerdict[], recommendation: RecommendationView | null, configured: string | null): TradeOffRow[] {
  const rows: TradeOffRow[] = [];
  const add = (view: CellView | undefined | null, role: string): void => {
    if (!view) return;
    const row = rows.find((r) => r.view === view);
    if (row) {
      if (!row.roles.includes(role)) row.roles.push(role);
    } else rows.push({ view, roles: [role] });
  };
  const byId = (id: string | null | undefined): CellView | undefined => model.cells.find((c) => c.cell.id === id);
  add(recommendation?.cell, 'recommended');
  if (configured !== recommendation?.cell?.cell.id) add(byId(configured), 'best the gateway can be configured to run');
  add(byId(model.baselineId), 'today (baseline)');
  for (const v of recommendation?.asGood ?? []) add(v, 'as good on every goal metric');
  for (const v of recommendation?.withinZone ?? []) add(v, 'within the zone of the best');
  if (!recommendation?.cell) add(recommendation?.leading, 'leading, not yet supported');
  for (const v of verdicts) add(v.best, `best ${proseLabel(v.label)}`);
  return rows;
}

function estimateCell(e: Estimate, unit: Parameters<typeof formatValue>[1], rankable = true): SafeHtml {
  if (e.n === 0 || !rankable) return numericCell(MISSING, Number.NaN, null);
  return numericCell(formatValue(e.mean, unit), e.mean, null, false, e.n >= 2 ? formatHalfWidth(e.mean, e.ci95, unit) : '');
}

function tradeOffTable(model: ReportModel, rows: readonly TradeOffRow[]): SafeHtml {
  const services = model.serviceIds;
  const headers: TableHeader[] = [
    { label: 'Cell' },
    { label: 'Listed as' },
    ...KEY_METRICS.map((m) => ({ label: m.title, numeric: true })),
    { label: 'Traffic share' },
  ];
  const body = rows.map(({ view, roles }) => [
    textCell(html`<strong>${view.label}</strong>`),
    textCell(roles.join('; ')),
    ...KEY_METRICS.map((m) => estimateCell(cellEstimate(view.cell, m), m.unit, isRankable(view.cell, m))),
    textCell(html`<ul class="shares">${services.map((id) => html`<li>${id} <span class="num">${formatValue(view.cell.shares[id]?.mean ?? 0, 'fraction')}</span></li>`)}</ul>`),
  ]);
  return tableHtml(headers, body);
}

function changePart(model: ReportModel, change: ReturnType<typeof configChange>): SafeHtml | null {
  if (!change) {
    if (!model.results.recommendation) return null;
    return html`<h3>The change to make</h3>
<p>None on this evidence: keep today's configuration, or run more replications (a larger <code>max_replications</code>) until a cell can be recommended.</p>`;
  }
  const baseline = model.cells.find((c) => c.cell.id === change.baseline.id)?.label ?? change.baseline.id;
  const chosen = model.cells.find((c) => c.cell.id === change.cell.id)?.label ?? change.cell.id;
  const verb = (s: SettingChange): string => (s.today === s.recommended ? 'keep' : s.recommended === 'no block' ? 'remove the block' : s.today === 'no block' ? 'add the block' : 'change');
  const rows = change.settings.map((s) => html`<tr><th scope="row"><code>${s.field}</code></th><td>${verb(s)}</td><td><code>${s.today}</code></td><td><code>${s.recommended}</code></td></tr>`);
  const warnings = change.config.lbsim.warnings.map((w) => html`<li>${w}</li>`);
  return html`<h3>The change to make</h3>
<p>In the gateway's own field names, as <code>recommended-config.json</code> next to this report holds it (<code>no block</code>: remove the <code>health_monitor</code> block).</p>
<div class="table-scroll"><table class="change">
<thead><tr><th scope="col">Setting</th><th scope="col">Change</th><th scope="col">Today (${baseline})</th><th scope="col">Recommended (${chosen})</th></tr></thead>
<tbody>${joinHtml(rows, '\n')}</tbody>
</table></div>
${warnings.length > 0 ? html`<div class="notice"><strong>Before applying it:</strong><ul>${warnings}</ul></div>` : null}`;
}

/** The recommendation <section>, the report's first. */
export function recommendationSection(model: ReportModel, verdicts: readonly MetricVerdict[], recommendation: RecommendationView | null): SafeHtml {
  const text = recommendationText(recommendation, model);
  const change = model.results.recommendation ? configChange(model.results) : null;
  const configured = change?.cell.id ?? null;
  const rows = tradeOffRows(model, verdicts, recommendation, configured);
  const reasons = text.reasons.length > 0 ? html`<ul>${text.reasons.map((r) => html`<li>${richToHtml(r)}</li>`)}</ul>` : null;
  return html`<section id="recommendation">
<div class="recommendation"><p class="headline">${richToHtml(text.headline)}</p>${reasons}</div>
${changePart(model, change)}
<h3>Trade-offs</h3>
<p>Each cell that matters for the choice, once, with why it is listed: means over replications with the 95% CI half-width below, and each service's mean share of the traffic. On a narrow screen the table scrolls sideways inside its box.</p>
${tradeOffTable(model, rows)}
</section>`;
}
