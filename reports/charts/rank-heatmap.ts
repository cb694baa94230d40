/** The overview's heat map: the rank of every cell in every scenario. */
import type { ChartDefinition } from '../chart-types.js';
import { CHART_CONFIG } from './chart-kit.js';
import { datum, tableOf } from './dataset.js';
import { CELL_KEYS, lookupCellKey, lookupScenario, metricParam, RANKS, SCENARIOS, type OverviewChartInput } from './overview-data.js';

const f = RANKS.field;

/** Ranks (chart-ranks): a row that stays dark across scenarios is a safe default. */
export function rankHeatmapChart(input: OverviewChartInput): ChartDefinition {
  const scenarios = input.scenarioNames.length;
  return {
    id: 'chart-ranks',
    title: 'Rank of every cell in every scenario',
    caption: 'Darker is better (rank 1 is the best cell of that scenario for the chosen metric); a row that stays dark across columns is a safe default; blank: the cell is not in that scenario or not ranked.',
    spec: {
      config: CHART_CONFIG,
      params: [metricParam()],
      data: { name: RANKS.name },
      transform: [{ filter: `${datum(RANKS, 'metricIndex')} == metric` }, lookupScenario, lookupCellKey(f.cellKeyIndex)],
      width: { step: Math.max(60, Math.min(140, Math.floor(700 / Math.max(1, scenarios)))) },
      height: { step: 20 },
      encoding: {
        x: { field: SCENARIOS.field.scenario, type: 'nominal', title: null, sort: null, scale: { domain: input.scenarioNames }, axis: { orient: 'top', labelAngle: -20, labelLimit: 180 } },
        y: { field: CELL_KEYS.field.cell, type: 'nominal', title: null, sort: null, scale: { domain: input.orderedCellLabels }, axis: { labelLimit: 280 } },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: { field: f.standing, type: 'quantitative', title: 'standing (100% = best, 0% = worst)', scale: { domain: [0, 1], scheme: 'blues' }, legend: { format: '.0%' } },
            tooltip: [
              { field: SCENARIOS.field.scenario, type: 'nominal', title: 'scenario' },
              { field: CELL_KEYS.field.cell, type: 'nominal', title: 'cell' },
              { field: f.rank, type: 'quantitative', title: 'rank' },
              { field: f.rankedCells, type: 'quantitative', title: 'ranked cells' },
              { field: f.meanValue, type: 'quantitative', title: 'mean value', format: ',.4~g' },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: f.rank, type: 'quantitative' },
            color: { condition: { test: `${datum(RANKS, 'standing')} > 0.6`, value: '#ffffff' }, value: '#1b1f24' },
          },
        },
      ],
    },
    table: tableOf(RANKS, [
      ['scenarioIndex', 'Scenario', 'text', 'scenarios'],
      ['cellKeyIndex', 'Cell', 'text', 'keys'],
      ['metricIndex', 'Metric', 'text', 'metrics'],
      ['rank', 'Rank', 'int'],
      ['rankedCells', 'Ranked cells', 'int'],
      ['meanValue', 'Mean value', 'num'],
    ]),
  };
}
