/**
 * The report's page script: draws the charts, shows tooltips, builds data tables when they are
 * opened and sorts tables. It inserts text with textContent only and evaluates no code (the CSP
 * forbids eval). Bundled into one classic script by reports/build-client.mjs.
 */
import type { ChartPayload } from '../chart-types.js';
import { renderCharts } from './charts.js';
import { buildTablesWhenOpened, makeSortable } from './tables.js';
import { createTooltip } from './tooltip.js';

const payload = JSON.parse(document.getElementById('lbsim-data')?.textContent ?? '') as ChartPayload;
const root = document.documentElement;

void renderCharts(payload, createTooltip()).then((failures) => root.setAttribute('data-charts', failures ? 'error' : 'rendered'));
buildTablesWhenOpened(payload);
for (const table of document.querySelectorAll<HTMLTableElement>('table.sortable')) makeSortable(table);
