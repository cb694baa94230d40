/** The latency distribution per tactic, from the p50, p95 and p99 of each replication. */
import type { ChartDefinition } from '../chart-types.js';
import { datum, tableOf } from './dataset.js';
import { gridColumns, tacticColor, top, type ChartContext } from './chart-kit.js';
import { LATENCY, LATENCY_MEANS } from './report-datasets.js';

const one = LATENCY.field;
const mean = LATENCY_MEANS.field;

/** Latency quantiles (chart-latency): one line per cell, one panel per health setting; further right is slower. */
export function latencyDistributionChart(ctx: ChartContext): ChartDefinition {
  const { model } = ctx;
  return {
    id: 'chart-latency',
    title: 'Latency distribution per tactic',
    caption:
      'Approximate: results keep only p50, p95 and p99 per replication, not raw samples, so each line joins the mean of those three quantiles (faint dots: single replications) and says nothing below the median or beyond p99; further right means slower.',
    spec: top({
      columns: gridColumns(model.settings.length),
      concat: model.settings.map((setting, si) => ({
        title: `${ctx.settingTitle}: ${setting.label}`,
        width: 260,
        height: 200,
        layer: [
          {
            data: { name: LATENCY.name },
            transform: [{ filter: `${datum(LATENCY, 'settingIndex')} == ${si}` }],
            mark: { type: 'point', filled: true, size: 22, opacity: 0.35 },
            encoding: {
              x: { field: one.latencyMs, type: 'quantitative', title: 'end-to-end latency (ms)' },
              y: { field: one.quantile, type: 'quantitative', title: 'cumulative probability', scale: { domain: [0.45, 1] }, axis: { format: '.0%', values: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] } },
              color: tacticColor(ctx, one.tactic),
              tooltip: [
                { field: one.label, type: 'nominal', title: 'cell' },
                { field: one.replication, type: 'quantitative', title: 'replication' },
                { field: one.quantile, type: 'quantitative', title: 'quantile', format: '.0%' },
                { field: one.latencyMs, type: 'quantitative', title: 'latency (ms)', format: ',.0f' },
              ],
            },
          },
          {
            data: { name: LATENCY_MEANS.name },
            transform: [{ filter: `${datum(LATENCY_MEANS, 'settingIndex')} == ${si}` }],
            mark: { type: 'line', point: { filled: true, size: 45 }, strokeWidth: 2 },
            encoding: {
              x: { field: mean.latencyMs, type: 'quantitative' },
              y: { field: mean.quantile, type: 'quantitative' },
              color: tacticColor(ctx, mean.tactic),
              detail: { field: mean.cellIndex, type: 'nominal' },
              order: { field: mean.quantile, type: 'quantitative' },
              tooltip: [
                { field: mean.label, type: 'nominal', title: 'cell' },
                { field: mean.quantileName, type: 'nominal', title: 'quantile' },
                { field: mean.latencyMs, type: 'quantitative', title: 'mean over replications (ms)', format: ',.0f' },
                { field: mean.lowestMs, type: 'quantitative', title: 'lowest replication (ms)', format: ',.0f' },
                { field: mean.highestMs, type: 'quantitative', title: 'highest replication (ms)', format: ',.0f' },
                { field: mean.meanLatencyMs, type: 'quantitative', title: 'mean latency (ms)', format: ',.0f' },
              ],
            },
          },
        ],
      })),
      resolve: { scale: { x: 'shared' } },
    }),
    table: tableOf(LATENCY_MEANS, [
      ['label', 'Cell', 'text'],
      ['quantileName', 'Quantile', 'text'],
      ['latencyMs', 'Mean over replications', 'ms'],
      ['lowestMs', 'Lowest replication', 'ms'],
      ['highestMs', 'Highest replication', 'ms'],
      ['meanLatencyMs', 'Mean latency', 'ms'],
    ]),
  };
}
