/** Cost against p95 latency, with the Pareto front of the cells. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { definitionsNote, settingShape, tacticColor, top, type ChartContext } from './chart-kit.js';
import { CELL_STATS } from './report-datasets.js';

const f = CELL_STATS.field;

/** Cost / latency (chart-pareto): down and left is better; the front joins the cells no other cell beats on both. */
export function costLatencyChart(ctx: ChartContext): ChartDefinition {
  const onFront = datum(CELL_STATS, 'onParetoFront');
  return {
    id: 'chart-pareto',
    title: 'Cost against p95 latency',
    caption: `Down and left is better; labelled, ringed cells joined by the line are the Pareto front (no other cell is both cheaper and faster); whiskers are 95% CIs${ctx.data.clippedIntervals ? ' (cut at 0)' : ''}. This view ignores success rate: check the scoreboard before picking a cheap cell.${definitionsNote(['latency_p95_ms', 'cost_per_1k_success'])}`,
    spec: top({
      data: { name: CELL_STATS.name },
      transform: [{ filter: `${datum(CELL_STATS, 'servedEverywhere')} && isValid(${datum(CELL_STATS, 'costPer1kSuccess')}) && isValid(${datum(CELL_STATS, 'latencyP95Ms')})` }],
      width: 760,
      height: 400,
      encoding: {
        x: { field: f.latencyP95Ms, type: 'quantitative', title: 'p95 latency (ms)', scale: { zero: false } },
        y: { field: f.costPer1kSuccess, type: 'quantitative', title: 'cost per 1,000 successful requests ($)', scale: { zero: false }, axis: { format: '$,.3f' } },
      },
      layer: [
        { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { x: { field: f.latencyP95MsLow, type: 'quantitative' }, x2: { field: f.latencyP95MsHigh } } },
        { mark: { type: 'rule', color: '#9a9a9a' }, encoding: { y: { field: f.costPer1kSuccessLow, type: 'quantitative' }, y2: { field: f.costPer1kSuccessHigh } } },
        { transform: [{ filter: onFront }], mark: { type: 'line', color: '#000000', strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { order: { field: f.latencyP95Ms, type: 'quantitative' } } },
        {
          mark: { type: 'point', filled: true, opacity: 1 },
          encoding: {
            color: tacticColor(ctx, f.tactic),
            shape: settingShape(ctx, f.setting),
            size: { condition: { test: onFront, value: 170 }, value: 60 },
            stroke: { condition: { test: onFront, value: '#000000' }, value: null },
            tooltip: [
              { field: f.label, type: 'nominal', title: 'cell' },
              { field: f.latencyP95Ms, type: 'quantitative', title: 'p95 latency (ms)', format: ',.0f' },
              { field: f.costPer1kSuccess, type: 'quantitative', title: 'cost / 1k successes', format: '$,.4f' },
              { field: f.successRate, type: 'quantitative', title: 'success rate', format: '.2%' },
              { field: f.onParetoFront, type: 'nominal', title: 'on the Pareto front' },
            ],
          },
        },
        {
          transform: [{ filter: `isValid(${datum(CELL_STATS, 'frontLabel')})` }],
          mark: { type: 'text', align: 'left', dx: 9, dy: -7, fontSize: 11 },
          encoding: { text: { field: f.frontLabel, type: 'nominal' } },
        },
      ],
    }),
    table: tableOf(CELL_STATS, [
      ['label', 'Cell', 'text'],
      ['latencyP95Ms', 'p95 latency', 'ms'],
      ['latencyP95MsLow', '95% CI from', 'ms'],
      ['latencyP95MsHigh', '95% CI to', 'ms'],
      ['costPer1kSuccess', 'Cost / 1k successes', 'usd'],
      ['costPer1kSuccessLow', '95% CI from', 'usd'],
      ['costPer1kSuccessHigh', '95% CI to', 'usd'],
      ['successRate', 'Success rate', 'pct'],
      ['onParetoFront', 'Pareto front', 'bool'],
    ]),
  };
}
