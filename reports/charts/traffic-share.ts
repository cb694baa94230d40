/** Traffic share per provider over time, one panel per tactic. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { gridColumns, incidentLayer, lookupService, selectParam, serviceColor, timeX, top, type ChartContext } from './chart-kit.js';
import { SERIES, SERVICES } from './report-datasets.js';

const f = SERIES.field;
/** Fields the stack transform adds: where each service's share starts and ends. */
const STACK_FROM = 'y0';
const STACK_TO = 'y1';

/** Traffic share (chart-share): how quickly traffic leaves a provider in an incident and how it returns. */
export function trafficShareChart(ctx: ChartContext): ChartDefinition {
  const { model } = ctx;
  return {
    id: 'chart-share',
    title: 'Traffic share per provider over time',
    caption: `One panel per tactic, for the health setting chosen below: watch how quickly traffic leaves a provider when its incident starts and how it returns after.${ctx.incidentNote}${ctx.timeNote}`,
    spec: top({
      params: [selectParam('setting', `${ctx.settingTitle}: `, ctx.settingLabels, ctx.defaultSetting)],
      data: { name: SERIES.name },
      columns: gridColumns(model.tactics.length),
      concat: model.tactics.map((tactic, ti) => ({
        title: tactic,
        width: 260,
        height: 150,
        layer: [
          {
            transform: [
              { filter: `${datum(SERIES, 'tacticIndex')} == ${ti} && ${datum(SERIES, 'settingIndex')} == setting` },
              lookupService,
              // Stacked by hand: vega-lite does not stack rects, and bars with x2 turn horizontal.
              { stack: f.shareOfAttempts, groupby: [f.startSeconds], sort: [{ field: f.serviceIndex, order: 'ascending' }], as: [STACK_FROM, STACK_TO] },
            ],
            mark: { type: 'rect' },
            encoding: {
              x: timeX(ctx),
              x2: { field: f.endSeconds },
              y: { field: STACK_FROM, type: 'quantitative', title: 'share of attempts', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
              y2: { field: STACK_TO },
              color: serviceColor(ctx),
              tooltip: [
                { field: SERVICES.field.service, type: 'nominal', title: 'service' },
                { field: f.startSeconds, type: 'quantitative', title: 'from (s)' },
                { field: f.endSeconds, type: 'quantitative', title: 'to (s)' },
                { field: f.shareOfAttempts, type: 'quantitative', title: 'share', format: '.1%' },
                { field: f.attemptsPerSecond, type: 'quantitative', title: 'attempts/s', format: ',.2f' },
              ],
            },
          },
          incidentLayer(null, 'box'),
        ],
      })),
    }),
    table: tableOf(SERIES, [
      ['cellIndex', 'Cell', 'text', 'cells'],
      ['serviceIndex', 'Service', 'text', 'services'],
      ['startSeconds', 'From (s)', 's'],
      ['endSeconds', 'To (s)', 's'],
      ['shareOfAttempts', 'Share of attempts', 'pct'],
      ['attemptsPerSecond', 'Attempts/s', 'num'],
    ]),
  };
}
