/** The header of a scenario report: the scenario, its question and the facts of the run. */
import { formatDuration, formatWindow, MISSING, plural } from '../format.js';
import { html, joinHtml, type HtmlValue, type SafeHtml } from '../html.js';
import type { HealthDescription, ReportModel } from '../report-model.js';

/** Named descriptions as a list (health settings, gateway variants), or `fallback` when there are none. */
function descriptions(items: readonly HealthDescription[], fallback: string): HtmlValue {
  if (items.length === 0) return fallback;
  return html`<ul>${items.map((d) => html`<li><strong>${d.name}</strong>: ${d.text}</li>`)}</ul>`;
}

function servicesFact(model: ReportModel): HtmlValue {
  if (model.services.length === 0) return model.serviceIds.join(', ');
  const items = model.services.map((s) => {
    const price = s.inputPerMillion === null || s.outputPerMillion === null ? '' : `, $${s.inputPerMillion} in / $${s.outputPerMillion} out per million tokens`;
    const incidents = model.incidents.filter((i) => i.service === s.id).map((i) => `${i.kind.replace(/_/g, ' ')} ${formatWindow(i.startMs, i.endMs)}`);
    return html`<li><strong>${s.id}</strong>${s.weight === null ? null : html` (weight ${s.weight}${price})`}${incidents.length > 0 ? html`; incidents: ${incidents.join(', ')}` : null}</li>`;
  });
  return html`<ul>${items}</ul>`;
}

function shardNotice(model: ReportModel): SafeHtml | null {
  if (!model.shard) return null;
  return html`<p class="notice"><strong>Partial results:</strong> shard ${model.shard.index} of ${model.shard.count}, holding ${model.cells.length} of ${model.shard.cellCount} cells. The verdict below only ranks these cells; the comparison with the baseline and the expectations need every cell: merge all shards' results and render the merged file.</p>`;
}

/** The scenario's description and the facts of the run. */
export function scenarioSection(model: ReportModel): SafeHtml {
  const facts: [string, HtmlValue][] = [
    ['Seed', model.seed],
    ['Replications', `${model.replicationsPerCell} per cell, replication k of every cell run with the same seed`],
    ['Duration', model.durationMs === null ? MISSING : `${formatDuration(model.durationMs)} of arrivals${model.warmupMs > 0 ? `, the first ${formatDuration(model.warmupMs)} warm-up` : ''}`],
    [
      'Cells',
      `${model.cells.length}: ${plural(model.tactics.length, 'tactic')} × ${plural(new Set(model.settings.map((s) => s.health)).size, 'health setting')} × ${plural(model.gateways.length, 'gateway variant')}`,
    ],
    ['Tactics', model.tactics.join(', ')],
    ['Health settings', descriptions(model.healthDescriptions, [...new Set(model.settings.map((s) => s.health))].join(', '))],
    ['Gateway variants', descriptions(model.gatewayDescriptions, model.gateways.join(', '))],
    ['Services', servicesFact(model)],
    ['Baseline', model.baselineId === null ? 'not compared (partial results)' : (model.cells.find((c) => c.cell.id === model.baselineId)?.label ?? model.baselineId)],
    ['lbsim', model.lbsimVersion],
  ];
  const factList = facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`);
  return html`<section id="scenario">
<h2>Scenario</h2>
${model.description ? html`<p>${model.description}</p>` : null}
<dl class="facts">${joinHtml(factList, '\n')}</dl>
</section>`;
}

/** The report's <header>: what is compared and the question, so the answer can follow at once. */
export function headerSection(model: ReportModel): SafeHtml {
  return html`<header>
<p class="lede">lbsim load-balancing comparison</p>
<h1>${model.name}</h1>
${model.question ? html`<p class="question"><strong>Question:</strong> ${model.question}</p>` : null}
${shardNotice(model)}
</header>`;
}
