/** The overview's bar chart: each cell's mean rank across scenarios. */
import type { ChartDefinition } from '../chart-types.js';
import { CHART_CONFIG } from './chart-kit.js';
import { datum, tableOf } from './dataset.js';
import { CELL_KEYS, lookupCellKey, MEAN_RANKS, metricParam } from './overview-data.js';

const f = MEAN_RANKS.field;

/** Mean rank (chart-mean-rank): shorter bars are better. */
export function meanRankChart(): ChartDefinition {
  return {
    id: 'chart-mean-rank',
    title: 'Mean rank across scenarios',
    caption: 'Shorter bars are better: the mean rank of each cell over the scenarios where it is ranked, for the chosen metric (the tooltip says over how many scenarios).',
    spec: {
      config: CHART_CONFIG,
      params: [metricParam()],
      data: { name: MEAN_RANKS.name },
      transform: [{ filter: `${datum(MEAN_RANKS, 'metricIndex')} == metric` }, lookupCellKey(f.cellKeyIndex)],
      width: 520,
      height: { step: 20 },
      mark: { type: 'bar', color: '#0072B2' },
      encoding: {
        y: { field: CELL_KEYS.field.cell, type: 'nominal', title: null, sort: 'x', axis: { labelLimit: 280 } },
        x: { field: f.meanRank, type: 'quantitative', title: 'mean rank (1 = best)' },
        tooltip: [
          { field: CELL_KEYS.field.cell, type: 'nominal', title: 'cell' },
          { field: f.meanRank, type: 'quantitative', title: 'mean rank', format: '.2f' },
          { field: f.scenarioCount, type: 'quantitative', title: 'scenarios' },
        ],
      },
    },
    table: tableOf(MEAN_RANKS, [
      ['cellKeyIndex', 'Cell', 'text', 'keys'],
      ['metricIndex', 'Metric', 'text', 'metrics'],
      ['meanRank', 'Mean rank', 'num'],
      ['scenarioCount', 'Scenarios', 'int'],
    ]),
  };
}
