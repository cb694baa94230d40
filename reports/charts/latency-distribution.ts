/** The latency distribution of each cell, pooled over its replications, drawn as its tail. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { gridColumns, tacticColor, top, type ChartContext } from './chart-kit.js';
import { CELL_STATS, LATENCY_CURVE, LATENCY_QUANTILES } from './report-datasets.js';

const f = LATENCY_CURVE.field;

/**
 * Latency distributions (chart-latency): one curve per cell, one panel per health setting. The
 * y axis is the share of requests slower than x on a log scale, so that p90, p95, p99 and p99.9
 * (10%, 5%, 1%, 0.1%) get as much room as the median: on a plain cumulative axis the tail, where
 * the verdict's p95 lives, is a sliver at the top.
 */
export function latencyDistributionChart(ctx: ChartContext): ChartDefinition {
  const { model } = ctx;
  const n = model.pooledReplications;
  const replications = `${n === 1 ? 'its replication' : `its ${n} replications`}${model.results.scenario.replicationMode === 'auto' ? ' of the first stage (the same for every cell)' : ''}`;
  return {
    id: 'chart-latency',
    title: 'Latency distribution per cell',
    caption:
      `Each curve is one cell's end-to-end latency of successful requests (arrival to last token, every retry included), pooled over ${replications}: ` +
      'at each latency (across, log scale), the share of those requests that took longer (up, log scale). A curve further left is faster; it crosses 50% at the median, 5% at p95 and 1% at p99, so the gap between two curves at 5% is the difference in their p95. ' +
      "The points are the quantiles of the cell's latency sketches merged across replications (every 1%, then every 0.1% above 99%, from the fastest request), joined by straight lines, each within 0.1% of a true latency; the slowest request is in the table.",
    spec: top({
      columns: gridColumns(model.settings.length),
      concat: model.settings.map((setting, si) => ({
        title: `${ctx.settingTitle}: ${setting.label}`,
        width: 260,
        height: 220,
        data: { name: LATENCY_CURVE.name },
        transform: [
          // The slowest request has nothing slower: it cannot sit on a log axis.
          { filter: `${datum(LATENCY_CURVE, 'settingIndex')} == ${si} && ${datum(LATENCY_CURVE, 'latencyMs')} > 0 && ${datum(LATENCY_CURVE, 'slowerShare')} > 0` },
          { lookup: f.cellIndex, from: { data: { name: CELL_STATS.name }, key: CELL_STATS.field.cellIndex, fields: [CELL_STATS.field.label, CELL_STATS.field.tactic] } },
        ],
        encoding: {
          x: { field: f.latencyMs, type: 'quantitative', title: 'end-to-end latency (ms, log scale)', scale: { type: 'log' } },
          y: {
            field: f.slowerShare,
            type: 'quantitative',
            title: 'share of requests slower (log scale)',
            scale: { type: 'log', domain: [0.001, 1] },
            axis: { format: '.1~%', values: [1, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001] },
          },
          color: tacticColor(ctx, CELL_STATS.field.tactic),
          detail: { field: f.cellIndex, type: 'nominal' },
        },
        layer: [
          { mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' }, encoding: { order: { field: f.probability, type: 'quantitative' } } },
          {
            // A line mark's tooltip would show one datum for the whole curve: invisible points carry each quantile's.
            mark: { type: 'point', filled: true, size: 40, opacity: 0 },
            encoding: {
              tooltip: [
                { field: CELL_STATS.field.label, type: 'nominal', title: 'cell' },
                { field: f.probability, type: 'quantitative', title: 'quantile', format: '.1%' },
                { field: f.latencyMs, type: 'quantitative', title: 'latency (ms)', format: ',.0f' },
              ],
            },
          },
        ],
      })),
      resolve: { scale: { x: 'shared' } },
    }),
    table: tableOf(LATENCY_QUANTILES, [
      ['label', 'Cell', 'text'],
      ['count', 'Successful requests', 'int'],
      ['meanMs', 'Mean', 'ms'],
      ['p50Ms', 'p50', 'ms'],
      ['p90Ms', 'p90', 'ms'],
      ['p95Ms', 'p95', 'ms'],
      ['p99Ms', 'p99', 'ms'],
      ['p999Ms', 'p99.9', 'ms'],
      ['maxMs', 'Slowest', 'ms'],
    ]),
  };
}
