/** HTML building blocks shared by the scenario report and the overview. */
import type { ChartDefinition } from './chart-types.js';
import { html, joinHtml, type HtmlValue, type SafeHtml } from './html.js';
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
export function chartFigure(chart: ChartDefinition): SafeHtml {
  return html`<figure class="chart" id="${chart.id}">
<figcaption><h3>${chart.title}</h3><p>${chart.caption}</p></figcaption>
<div class="chart-view" role="group" aria-label="${chart.title}"></div>
<details class="data-table"><summary>Data table</summary><div class="table-wrap"></div></details>
</figure>`;
}

/** The legend of the scoreboard colours. */
export function colourLegend(): SafeHtml {
  const swatches = SEQUENTIAL_BLUES.map((_, i) => html`<span class="swatch s${i}"></span>`);
  return html`<p class="legend">worse ${swatches} better, within each column (colour-blind-safe blues; ★ marks the best cell and any cell statistically tied with it)</p>`;
}

/** A column heading: its text (or markup) and whether the column holds numbers. */
export interface TableHeader {
  label: HtmlValue;
  numeric?: boolean;
}

/** A sortable table: headers become buttons once the page script runs; each row is a list of cells. */
export function tableHtml(headers: readonly TableHeader[], rows: readonly (readonly SafeHtml[])[], caption?: HtmlValue): SafeHtml {
  const heads = headers.map((h) => html`<th scope="col"${h.numeric ? html` class="num"` : null}><button type="button">${h.label}</button></th>`);
  return html`<div class="table-scroll"><table class="data sortable">
${caption ? html`<caption>${caption}</caption>` : null}
<thead><tr>${heads}</tr></thead>
<tbody>${joinHtml(rows.map((r) => html`<tr>${r}</tr>`), '\n')}</tbody>
</table></div>`;
}

/** A numeric table cell: text shown (and a smaller second line, e.g. the CI), value sorted by (NaN: sorts last), optional colour class and best marker. */
export function numericCell(text: string, sortValue: number, colour: number | null, best = false, detail = ''): SafeHtml {
  const classes = ['num', ...(colour === null ? [] : [`s${colour}`]), ...(best ? ['best'] : [])];
  const sortAttribute = Number.isNaN(sortValue) ? null : html` data-v="${sortValue}"`;
  const second = detail === '' ? null : html`<span class="ci">${detail}</span>`;
  return html`<td class="${classes.join(' ')}"${sortAttribute}>${text}${second}</td>`;
}

/** A text table cell. */
export function textCell(text: HtmlValue): SafeHtml {
  return html`<td>${text}</td>`;
}
