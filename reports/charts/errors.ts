/** Errors and 429s per provider over time, for one chosen cell. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { gridColumns, incidentLayer, selectParam, timeX, top, type ChartContext } from './chart-kit.js';
import { SERIES } from './report-datasets.js';

const f = SERIES.field;
/** Fields the fold adds: which measure a folded row holds, and its value. */
const MEASURE = 'measure';
const PER_SECOND = 'perSecond';
/** Field the calculate adds: the failure's legend label. */
const FAILURE = 'what';
const ERRORS = 'errors (not 429)';
const RATE_LIMITED = '429 rate limited';

/** Failed attempts per provider (chart-errors): failures inside a band mean traffic still went into the incident. */
export function errorsChart(ctx: ChartContext): ChartDefinition {
  const { model } = ctx;
  return {
    id: 'chart-errors',
    title: 'Errors and 429s per provider over time',
    caption: `Failed attempts per second at each provider, for the cell chosen below (it opens on ${ctx.cellLabels[ctx.mostFailingPosition] ?? 'the first cell'}, the cell with the most failed attempts): failures inside a band mean traffic was still being sent into the incident; a drop to zero means the gateway routed around it.${ctx.timeNote}`,
    spec: top({
      params: [selectParam('cell', 'cell: ', ctx.cellLabels, ctx.mostFailingPosition)],
      data: { name: SERIES.name },
      columns: gridColumns(model.serviceIds.length),
      concat: model.serviceIds.map((service, s) => ({
        title: service,
        width: 260,
        height: 150,
        layer: [
          incidentLayer(s, 'band'),
          {
            transform: [
              { filter: `${datum(SERIES, 'cellIndex')} == cell && ${datum(SERIES, 'serviceIndex')} == ${s}` },
              { fold: [f.errorsPerSecond, f.rateLimitedPerSecond], as: [MEASURE, PER_SECOND] },
              { calculate: `datum.${MEASURE} == '${f.errorsPerSecond}' ? '${ERRORS}' : '${RATE_LIMITED}'`, as: FAILURE },
            ],
            mark: { type: 'line', point: true, strokeWidth: 2 },
            encoding: {
              x: { ...timeX(ctx), field: f.midSeconds },
              y: { field: PER_SECOND, type: 'quantitative', title: 'failed attempts / s', axis: { format: ',.3~f' } },
              color: {
                field: FAILURE,
                type: 'nominal',
                title: 'failure',
                scale: { domain: [ERRORS, RATE_LIMITED], range: ['#D55E00', '#0072B2'] },
                legend: { orient: 'top', direction: 'horizontal' },
              },
              strokeDash: { field: FAILURE, type: 'nominal', title: 'failure', scale: { domain: [ERRORS, RATE_LIMITED], range: [[1, 0], [5, 3]] } },
              tooltip: [
                { field: FAILURE, type: 'nominal', title: 'failure' },
                { field: f.startSeconds, type: 'quantitative', title: 'from (s)' },
                { field: f.endSeconds, type: 'quantitative', title: 'to (s)' },
                { field: PER_SECOND, type: 'quantitative', title: 'per second', format: ',.2f' },
                { field: f.attemptsPerSecond, type: 'quantitative', title: 'attempts/s', format: ',.2f' },
              ],
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
      ['errorsPerSecond', 'Errors/s (not 429)', 'num'],
      ['rateLimitedPerSecond', '429s/s', 'num'],
      ['attemptsPerSecond', 'Attempts/s', 'num'],
    ]),
  };
}
