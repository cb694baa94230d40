/** Health state of each provider over time, one panel per health setting. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { lookupService, selectParam, timeX, top, type ChartContext } from './chart-kit.js';
import { INCIDENTS, SERIES, SERVICES } from './report-datasets.js';

const f = SERIES.field;

/** Health state (chart-health): a good setting darkens soon after an incident starts and clears soon after it ends. */
export function healthChart(ctx: ChartContext): ChartDefinition {
  const { model } = ctx;
  const height = Math.max(60, 24 * model.serviceIds.length);
  return {
    id: 'chart-health',
    title: 'Health state of each provider over time',
    caption: `Darker means the health monitor kept the provider out of selection for more of the bucket (under a v0.260819.0 gateway variant: its health record or its open circuit breaker), one panel per health setting, for the tactic chosen below (it opens on ${model.tactics[ctx.mostUnhealthyTactic] ?? 'the first'}, whose providers were kept out the longest); dashed boxes are incident windows: a good setting darkens soon after a box starts and clears soon after it ends.${ctx.timeNote}`,
    spec: top({
      params: [selectParam('tactic', 'tactic: ', model.tactics, ctx.mostUnhealthyTactic)],
      data: { name: SERIES.name },
      vconcat: model.settings.map((setting, si) => ({
        title: `${ctx.settingTitle}: ${setting.label}`,
        width: 760,
        height,
        layer: [
          {
            transform: [{ filter: `${datum(SERIES, 'tacticIndex')} == tactic && ${datum(SERIES, 'settingIndex')} == ${si}` }, lookupService],
            mark: { type: 'rect' },
            encoding: {
              x: timeX(ctx, si === model.settings.length - 1 ? 'time (s)' : null),
              x2: { field: f.endSeconds },
              y: { field: SERVICES.field.service, type: 'nominal', title: null, scale: { domain: [...model.serviceIds] } },
              color: {
                field: f.unhealthyFraction,
                type: 'quantitative',
                title: 'health checks that excluded the service',
                scale: { domain: [0, 1], range: ['#f4f4f4', '#fdae6b', '#e6550d', '#7f2704'] },
                legend: { format: '.0%', orient: 'top', direction: 'horizontal' },
              },
              tooltip: [
                { field: SERVICES.field.service, type: 'nominal', title: 'service' },
                { field: f.startSeconds, type: 'quantitative', title: 'from (s)' },
                { field: f.endSeconds, type: 'quantitative', title: 'to (s)' },
                { field: f.unhealthyFraction, type: 'quantitative', title: 'unhealthy', format: '.0%' },
              ],
            },
          },
          {
            data: { name: INCIDENTS.name },
            mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 1.5, strokeDash: [4, 2] },
            encoding: {
              x: { field: INCIDENTS.field.startSeconds, type: 'quantitative' },
              x2: { field: INCIDENTS.field.endSeconds },
              y: { field: INCIDENTS.field.service, type: 'nominal' },
              tooltip: [{ field: INCIDENTS.field.description, type: 'nominal', title: 'incident' }],
            },
          },
        ],
      })),
    }),
    table: tableOf(SERIES, [
      ['cellIndex', 'Cell', 'text', 'cells'],
      ['serviceIndex', 'Service', 'text', 'services'],
      ['startSeconds', 'From (s)', 's'],
      ['endSeconds', 'To (s)', 's'],
      ['unhealthyFraction', 'Unhealthy (fraction of checks)', 'pct'],
    ]),
  };
}
