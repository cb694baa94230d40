/** The verdict of a scenario report: the best cell per key metric, the expectations (the recommendation has its own section, first). */
import { plural } from '../format.js';
import { html, joinHtml, type SafeHtml } from '../html.js';
import type { ReportModel } from '../report-model.js';
import { richToHtml } from '../rich-text.js';
import type { MetricVerdict } from '../verdict.js';
import { verdictSentences } from '../verdict-text.js';

function leadTag(v: MetricVerdict): SafeHtml | null {
  if (!v.best || !v.lead) return null;
  if (!v.lead.difference || v.lead.difference.n < 2) return html`<span class="tag unknown">untested</span>`;
  return v.lead.clear ? html`<span class="tag clear">clear lead</span>` : html`<span class="tag tie">tie</span>`;
}

function expectationsPart(model: ReportModel): SafeHtml {
  const expectations = model.results.expectations;
  if (expectations === null) return html`<p>Expectations are checked once every cell is present: merge the shards first.</p>`;
  if (expectations.length === 0) return html`<p>The scenario states no expectations.</p>`;
  const items = expectations.map(
    (e) =>
      html`<li><span class="tag ${e.passed ? 'pass' : 'fail'}">${e.passed ? 'pass' : 'FAIL'}</span>${e.text}<details><summary>${plural(e.details.length, 'check')}</summary><ul>${e.details.map((d) => html`<li><code>${d}</code></li>`)}</ul></details></li>`,
  );
  return html`<p>${expectations.filter((e) => e.passed).length} of ${expectations.length} passed.</p>
<ul class="verdicts">
${joinHtml(items, '\n')}
</ul>`;
}

/** The verdict <section>. */
export function verdictSection(model: ReportModel, verdicts: readonly MetricVerdict[]): SafeHtml {
  const items = verdicts.map((v) => html`<li>${leadTag(v)}${richToHtml(verdictSentences(v, model))}</li>`);
  return html`<section id="verdict">
<h2>Verdict</h2>
<ul class="verdicts">
${joinHtml(items, '\n')}
</ul>
<p class="lede">Values are means over each cell's replications (${model.replicationsPerCell}) with 95% confidence intervals (Student t). A lead is <em>clear</em> when the paired difference between the two cells, replication by replication over the same seeds, has a 95% CI that excludes 0; otherwise it is a tie. The recommendation comes from the selection procedure the results name (comparisons with the best through Bonferroni-adjusted paired t bounds over the same seeds; see the format reference's goal section): its sentence at the top states the goal and the probability that it holds.</p>
<h3>Expectations</h3>
${expectationsPart(model)}
</section>`;
}
