/** Cost against p95 latency, with the Pareto front of the cells. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { definitionsNote, latencyAxis, settingShapeEncoding, shapesNote, tacticColor, top, type ChartContext } from './chart-kit.js';
import type { JsonSpec } from '../chart-types.js';
import { CELL_STATS } from './report-datasets.js';

const f = CELL_STATS.field;

/** Cost / latency (chart-pareto): down and left is better; the front joins the cells no other cell beats on both. */
export function costLatencyChart(ctx: ChartContext): ChartDefinition {
  const onFront = datum(CELL_STATS, 'onParetoFront');
  const axis = latencyAxis(ctx);
  return {
    id: 'chart-pareto',
    title: 'Cost against p95 latency',
    caption: `Down and left is better; ringed cells joined by the line are the Pareto front (no other cell is both cheaper and faster), labelled where a label fits without covering another (hover any point, or open the table); whiskers are 95% CIs${ctx.data.clippedIntervals ? ' (cut at 0)' : ''}. This view ignores success rate: check the scoreboard before picking a cheap cell.${axis.note}${shapesNote(ctx)}${definitionsNote(['latency_p95_ms', 'cost_per_1k_success'])}`,
    spec: top({
      data: { name: CELL_STATS.name },
      transform: [{ filter: `${datum(CELL_STATS, 'servedEverywhere')} && isValid(${datum(CELL_STATS, 'costPer1kSuccess')}) && isValid(${datum(CELL_STATS, 'latencyP95Ms')})` }, ...axis.transform],
      width: 760,
      height: 400,
      encoding: {
        x: { field: f.latencyP95Ms, type: 'quantitative', title: `p95 latency (ms${axis.log ? ', log scale' : ''})`, scale: axis.scale },
        y: { field: f.costPer1kSuccess, type: 'quantitative', title: 'cost per 1,000 successful requests ($)', scale: { zero: false }, axis: { format: '$,.3f' } },
      },
      layer: [
        { name: 'ci_x', mark: { type: 'rule', color: '#9a9a9a' }, encoding: { x: { field: axis.lowField, type: 'quantitative' }, x2: { field: f.latencyP95MsHigh } } },
        { name: 'ci_y', mark: { type: 'rule', color: '#9a9a9a' }, encoding: { y: { field: f.costPer1kSuccessLow, type: 'quantitative' }, y2: { field: f.costPer1kSuccessHigh } } },
        { name: 'front_line', transform: [{ filter: onFront }], mark: { type: 'line', color: '#000000', strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { order: { field: f.latencyP95Ms, type: 'quantitative' } } },
        {
          name: 'cells',
          mark: { type: 'point', filled: true, opacity: 1 },
          encoding: {
            color: tacticColor(ctx, f.tactic),
            ...settingShapeEncoding(ctx, f.setting),
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
        // The front's cells again, invisible: the label marks below are placed around these.
        { name: 'front', transform: [{ filter: `isValid(${datum(CELL_STATS, 'frontLabel')})` }], mark: { type: 'point', opacity: 0, size: 170 } },
      ],
    }),
    vegaMarks: [frontLabels()],
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

const LABEL_ANCHORS = ['top-right', 'right', 'bottom-right', 'top', 'bottom', 'top-left', 'left', 'bottom-left'];
/** Distances from the point tried in turn (px): near first, then further out when neighbours crowd it. */
const LABEL_OFFSETS = [4, 16, 32];

/**
 * Names of the front's cells, placed by vega's label transform: each label takes the first of 24
 * positions around its point (8 directions at 3 distances) where it overlaps no other label,
 * point or the front's line and stays inside the plot, and is hidden (opacity 0) when none is
 * free, so no two labels ever overlap.
 */
function frontLabels(): JsonSpec {
  return {
    name: 'front_labels',
    type: 'text',
    from: { data: 'front_marks' },
    encode: { enter: { text: { field: `datum.${f.frontLabel}` }, fontSize: { value: 11 }, fill: { value: '#1b1f24' } } },
    transform: [
      {
        type: 'label',
        size: { signal: '[width, height]' },
        avoidMarks: ['cells_marks', 'front_line_marks'],
        anchor: LABEL_OFFSETS.flatMap(() => LABEL_ANCHORS),
        offset: LABEL_OFFSETS.flatMap((o) => LABEL_ANCHORS.map(() => o)),
      },
    ],
  };
}
