import type { Results } from '../engine/index.js';
import { escapeMarkdown } from './escape.js';
import { formatDuration, formatEstimate, MISSING } from './format.js';
import { KEY_METRICS } from './key-metrics.js';
import { isRankable } from '../engine/index.js';
import { buildReportModel, cellEstimate } from './report-model.js';
import { richToMarkdown } from './rich-text.js';
import { keyVerdicts, recommendationOf } from './verdict.js';
import { recommendationText, verdictSentences } from './verdict-text.js';

/**
 * A Markdown summary sized for a CI step summary (GitHub-flavoured; a few kB): the recommendation,
 * the verdict per key metric, a compact scoreboard and the expectations. Scenario strings are
 * escaped so they render literally.
 */
export function renderSummaryMarkdown(results: Results): string {
  const model = buildReportModel(results);
  const verdicts = keyVerdicts(model);
  const recommendation = recommendationOf(model);
  const lines: string[] = [];
  lines.push(`## lbsim: ${escapeMarkdown(model.name)}`, '');
  if (model.question) lines.push(`> ${escapeMarkdown(model.question)}`, '');
  lines.push(
    `${model.cells.length} cells, ${model.replicationsPerCell} each, ${model.durationMs === null ? '' : `${formatDuration(model.durationMs)} simulated, `}seed ${model.seed}, lbsim ${escapeMarkdown(model.lbsimVersion)}.`,
    '',
  );
  if (model.shard) {
    lines.push(
      `> [!WARNING]`,
      `> Partial results: shard ${model.shard.index} of ${model.shard.count} (${model.cells.length} of ${model.shard.cellCount} cells). The verdict ranks only these cells; merge all shards for the baseline comparison and the expectations.`,
      '',
    );
  }
  const failed = results.expectations?.filter((e) => !e.passed) ?? [];
  if (failed.length > 0) {
    // A regression is what a CI reader must see first.
    lines.push('> [!CAUTION]', `> ${failed.length} of ${results.expectations!.length} expectations failed: ${failed.map((e) => escapeMarkdown(e.text)).join('; ')}.`, '');
  }
  const text = recommendationText(recommendation, model);
  lines.push('### Verdict', '', `**Recommendation:** ${richToMarkdown(text.headline)}`, '');
  for (const reason of text.reasons) lines.push(`- ${richToMarkdown(reason)}`);
  lines.push('', '**Best per metric:**', '');
  for (const v of verdicts) {
    const tag = !v.best || !v.lead ? '' : !v.lead.difference || v.lead.difference.n < 2 ? '❔ ' : v.lead.clear ? '✅ clear lead: ' : '🟰 tie: ';
    lines.push(`- ${tag}${richToMarkdown(verdictSentences(v, model))}`);
  }
  lines.push('', '### Scoreboard', '');
  const starred = new Map(verdicts.map((v) => [v.metric.name, new Set([...(v.best ? [v.best] : []), ...v.tiedWithBest])]));
  lines.push(`| Cell | ${KEY_METRICS.map((m) => m.title).join(' | ')} |`);
  lines.push(`|---|${KEY_METRICS.map(() => '---:').join('|')}|`);
  for (const view of model.cells) {
    const values = KEY_METRICS.map((m) => {
      const e = cellEstimate(view.cell, m);
      if (e.n === 0) return MISSING;
      const text = formatEstimate(e.mean, e.ci95, e.n, m.unit);
      if (!isRankable(view.cell, m)) return `${text} †`;
      return starred.get(m.name)?.has(view) ? `**${text}**` : text;
    });
    lines.push(`| ${escapeMarkdown(view.label)} | ${values.join(' | ')} |`);
  }
  lines.push('', 'Mean ± 95% CI half-width; **bold**: best or statistically tied with the best (paired over the same seeds); †: not ranked, a replication had no success.', '');
  lines.push('### Expectations', '');
  const expectations = results.expectations;
  if (expectations === null) lines.push('Not checked: expectations need every cell, so merge the shards first.');
  else if (expectations.length === 0) lines.push('The scenario states no expectations.');
  else {
    lines.push(`${expectations.filter((e) => e.passed).length} of ${expectations.length} passed.`, '');
    for (const e of [...expectations.filter((x) => !x.passed), ...expectations.filter((x) => x.passed)]) {
      lines.push(`- ${e.passed ? '✅' : '❌'} ${escapeMarkdown(e.text)}`);
      if (!e.passed) for (const d of e.details.filter((x) => !x.startsWith('ok'))) lines.push(`  - ${escapeMarkdown(d)}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * One summary for a run of several scenarios: a table of each scenario's recommendation and
 * expectations (failed ones first), then each scenario's summary.
 */
export function renderCombinedSummaryMarkdown(all: readonly Results[]): string {
  const failing = (r: Results): number => r.expectations?.filter((e) => !e.passed).length ?? 0;
  const ordered = [...all].sort((a, b) => Number(failing(b) > 0) - Number(failing(a) > 0));
  const lines = [`## lbsim: ${all.length} scenarios`, '', '| Scenario | Recommendation | Expectations |', '|---|---|---|'];
  for (const r of ordered) {
    const rec = r.recommendation;
    const cell = rec?.cell ? `**${escapeMarkdown(rec.cell.split('|').join(' · '))}**` : 'none yet';
    const e = r.expectations;
    const outcome = e === null ? 'not checked' : e.length === 0 ? 'none' : failing(r) > 0 ? `❌ ${failing(r)} of ${e.length} failed` : `✅ ${e.length} passed`;
    lines.push(`| ${escapeMarkdown(r.name)} | ${cell} | ${outcome} |`);
  }
  lines.push('');
  return [lines.join('\n'), ...ordered.map((r) => renderSummaryMarkdown(r).replace(/^## /, '### ').replace(/^### (Verdict|Scoreboard|Expectations)$/gm, '#### $1'))].join('\n');
}

