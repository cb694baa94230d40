/**
 * The explanation of one cell (`run --explain`): its timeline chart, and the moments the set of
 * services the health monitor let through changed, with the selections around them.
 */
import type { ExplainedSelection, Explanation } from '../../engine/index.js';
import type { ChartDefinition } from '../chart-types.js';
import { plural } from '../format.js';
import { chartFigure } from '../html-parts.js';
import { html, joinHtml, type SafeHtml } from '../html.js';

/** Moments shown in the table; explain.jsonl has them all. */
export const MAX_MOMENTS = 40;

/** A change of the services that selections could go to (eligible and not answered unhealthy). */
export interface Moment {
  timeMs: number;
  left: string[];
  joined: string[];
  /** The first selection with the new set. */
  selection: ExplainedSelection;
}

const open = (s: ExplainedSelection): string[] => s.candidates.filter((c) => c.healthy !== false).map((c) => c.service);

/** Every change of the open set, in time order (the first selection's set is the start, not a change). */
export function moments(e: Explanation): Moment[] {
  const out: Moment[] = [];
  let before: string[] | undefined;
  for (const s of e.selections) {
    const now = open(s);
    if (before !== undefined) {
      const left = before.filter((id) => !now.includes(id));
      const joined = now.filter((id) => !before!.includes(id));
      if (left.length > 0 || joined.length > 0) out.push({ timeMs: s.timeMs, left, joined, selection: s });
    }
    before = now;
  }
  return out;
}

/** The explanation <section>, with the chart's figure. */
export function explanationSection(e: Explanation, cellLabel: string, chart: ChartDefinition): SafeHtml {
  const all = moments(e);
  const shown = all.slice(0, MAX_MOMENTS);
  const rows = shown.map((m) => {
    const s = m.selection;
    const reading = s.candidates.filter((c) => c.reading !== null).map((c) => `${c.service} ${Number(c.reading!.toPrecision(4))}`).join(', ');
    return html`<tr><td class="num">${(m.timeMs / 1_000).toFixed(1)} s</td><td>${m.left.join(', ') || '–'}</td><td>${m.joined.join(', ') || '–'}</td><td>${s.pick ?? 'none: no healthy service'} (${s.by})</td><td>${reading ? `${s.reading}: ${reading}` : '–'}</td><td>${s.outcome}</td></tr>`;
  });
  const picks = new Map<string, number>();
  for (const s of e.selections) if (s.pick !== null) picks.set(s.pick, (picks.get(s.pick) ?? 0) + 1);
  const shares = e.services.map((id) => `${id} ${((100 * (picks.get(id) ?? 0)) / Math.max(1, e.selections.length)).toFixed(1)}%`).join(', ');
  return html`<section id="explanation">
<h2>Explained: ${cellLabel}</h2>
<p>${e.selections.length.toLocaleString('en-US')} selections of this cell's first replication (seed ${e.seed}), each as the gateway made it; picks: ${shares}. ${all.length === 0 ? 'The health monitor let the same services through all along.' : `The services the health monitor let through changed ${plural(all.length, 'time')}${all.length > MAX_MOMENTS ? ` (the first ${MAX_MOMENTS} below)` : ''}:`}</p>
${chartFigure(chart)}
${
  rows.length === 0
    ? null
    : html`<div class="table-scroll"><table class="data"><thead><tr><th scope="col" class="num">At</th><th scope="col">Left</th><th scope="col">Back</th><th scope="col">Picked</th><th scope="col">What the tactic read</th><th scope="col">Outcome</th></tr></thead>
<tbody>${joinHtml(rows, '\n')}</tbody></table></div>`
}
</section>`;
}
