/** Success rate and p95 latency per cell, with 95% confidence intervals: the first chart. */
import type { ChartDefinition, JsonSpec } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { definitionsNote, latencyAxis, settingShapeEncoding, shapesNote, tacticColor, top, type ChartContext } from './chart-kit.js';
import { CELL_STATS, type IntervalField } from './report-datasets.js';

const f = CELL_STATS.field;

/** One panel: a dot per cell at its mean and a bar over its 95% CI. */
function intervalPanel(ctx: ChartContext, metric: IntervalField, title: string, format: string, servedOnly: boolean, showLabels: boolean, axis: ReturnType<typeof latencyAxis> | null = null): JsonSpec {
  const mean = f[metric];
  const low = axis ? axis.lowField : f[`${metric}Low`];
  const high = f[`${metric}High`];
  const color = tacticColor(ctx, f.tactic);
  return {
    width: 340,
    height: { step: 18 },
    transform: [...(servedOnly ? [{ filter: datum(CELL_STATS, 'servedEverywhere') }] : []), ...(axis?.transform ?? [])],
    encoding: {
      y: { field: f.label, type: 'nominal', sort: null, scale: { domain: ctx.cellLabels }, title: null, axis: showLabels ? { labelLimit: 260 } : { labels: false, ticks: false } },
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: low, type: 'quantitative', title: axis?.log ? `${title}, log scale` : title, scale: axis?.scale ?? { zero: false }, axis: { format } }, x2: { field: high }, color } },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: {
          x: { field: mean, type: 'quantitative' },
          color,
          ...settingShapeEncoding(ctx, f.setting),
          tooltip: [
            { field: f.label, type: 'nominal', title: 'cell' },
            { field: mean, type: 'quantitative', title: 'mean', format },
            { field: f[`${metric}Low`], type: 'quantitative', title: '95% CI from', format },
            { field: high, type: 'quantitative', title: '95% CI to', format },
          ],
        },
      },
    ],
  };
}

/** Success rate and p95 latency per cell (chart-ci): overlapping bars mean the cells may not really differ. */
export function successLatencyChart(ctx: ChartContext): ChartDefinition {
  const axis = latencyAxis(ctx);
  return {
    id: 'chart-ci',
    title: 'Success rate and p95 latency per cell',
    caption: `Dots are means over replications, bars their 95% confidence intervals${ctx.data.clippedIntervals ? ' (cut at 0 and 100%)' : ''}: cells whose bars overlap may not really differ; right is better for success rate, left for latency.${axis.note}${shapesNote(ctx)}${definitionsNote(['success_rate', 'latency_p95_ms'])}`,
    spec: top({
      data: { name: CELL_STATS.name },
      hconcat: [intervalPanel(ctx, 'successRate', 'success rate (95% CI)', '.1%', false, true), intervalPanel(ctx, 'latencyP95Ms', 'p95 latency, ms (95% CI)', ',.0f', true, false, axis)],
      resolve: { scale: { y: 'shared' } },
    }),
    table: tableOf(CELL_STATS, [
      ['label', 'Cell', 'text'],
      ['successRate', 'Success rate', 'pct'],
      ['successRateLow', '95% CI from', 'pct'],
      ['successRateHigh', '95% CI to', 'pct'],
      ['latencyP95Ms', 'p95 latency', 'ms'],
      ['latencyP95MsLow', '95% CI from', 'ms'],
      ['latencyP95MsHigh', '95% CI to', 'ms'],
    ]),
  };
}
