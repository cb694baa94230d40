/** HTML building blocks shared by the scenario report and the overview. */
import type { ChartDefinition } from './chart-types.js';
import { escapeHtml } from './escape.js';
import type { Better } from './pareto-front.js';
import { SEQUENTIAL_BLUES } from './palette.js';

/** Index into the sequential colour classes `.s0`..`.s6` (higher: better), or null when the column has no spread. */
export function colourClass(value: number, values: readonly number[], better: Better): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!Number.isFinite(value) || finite.length < 2) return null;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (hi === lo) return null;
  const goodness = better === 'higher' ? (value - lo) / (hi - lo) : (hi - value) / (hi - lo);
  return Math.round(goodness * (SEQUENTIAL_BLUES.length - 1));
}

/** A figure for one chart: caption, the slot vega renders into, and the collapsible data table. */
export function chartFigure(chart: ChartDefinition): string {
  return [
    `<figure class="chart" id="${chart.id}">`,
    `<figcaption><h3>${escapeHtml(chart.title)}</h3><p>${escapeHtml(chart.caption)}</p></figcaption>`,
    `<div class="chart-view" role="group" aria-label="${escapeHtml(chart.title)}"></div>`,
    '<details class="data-table"><summary>Data table</summary><div class="table-wrap"></div></details>',
    '</figure>',
  ].join('\n');
}

/** The legend of the scoreboard colours. */
export function colourLegend(): string {
  const swatches = SEQUENTIAL_BLUES.map((_, i) => `<span class="swatch s${i}"></span>`).join('');
  return `<p class="legend">worse ${swatches} better, within each column (colour-blind-safe blues; ★ marks the best cell and any cell statistically tied with it)</p>`;
}

/** A sortable table: headers become buttons once the page script runs. */
export function tableHtml(headers: readonly { html: string; numeric?: boolean }[], rows: readonly string[][], caption?: string): string {
  return [
    '<div class="table-scroll"><table class="data sortable">',
    caption ? `<caption>${caption}</caption>` : '',
    `<thead><tr>${headers.map((h) => `<th scope="col"${h.numeric ? ' class="num"' : ''}><button type="button">${h.html}</button></th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** A numeric table cell: text shown (and a smaller second line, e.g. the CI), value sorted by (NaN: sorts last), optional colour class and best marker. */
export function numericCell(text: string, sortValue: number, colour: number | null, best = false, detail = ''): string {
  const classes = ['num', ...(colour === null ? [] : [`s${colour}`]), ...(best ? ['best'] : [])];
  const v = Number.isNaN(sortValue) ? '' : ` data-v="${sortValue}"`;
  const second = detail === '' ? '' : `<span class="ci">${escapeHtml(detail)}</span>`;
  return `<td class="${classes.join(' ')}"${v}>${escapeHtml(text)}${second}</td>`;
}

/** A text table cell. */
export function textCell(text: string): string {
  return `<td>${escapeHtml(text)}</td>`;
}
