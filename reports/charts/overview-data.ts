/** The datasets of the overview of several scenarios, and what its charts share. */
import type { JsonSpec } from '../chart-types.js';
import { KEY_METRICS } from '../key-metrics.js';
import { defineDataset } from './dataset.js';

/** The rank of one cell (tactic x health x gateway) in one scenario for one key metric. */
export interface RankRow {
  scenarioIndex: number;
  /** Index of the cell's identity across scenarios. */
  cellKeyIndex: number;
  /** Index into KEY_METRICS. */
  metricIndex: number;
  /** Competition rank, 1 = best. */
  rank: number;
  /** How many cells of the scenario were ranked. */
  rankedCells: number;
  /** 1 for the best, 0 for the worst. */
  standing: number | null;
  /** The cell's mean value of the metric. */
  meanValue: number | null;
}

/** The `ranks` dataset. */
export const RANKS = defineDataset<RankRow>('ranks', {
  scenarioIndex: 'sc',
  cellKeyIndex: 'k',
  metricIndex: 'm',
  rank: 'rank',
  rankedCells: 'of',
  standing: 'score',
  meanValue: 'value',
});

/** A cell's mean rank for one key metric over the scenarios where it is ranked. */
export interface MeanRankRow {
  cellKeyIndex: number;
  metricIndex: number;
  meanRank: number | null;
  /** Over how many scenarios. */
  scenarioCount: number;
}

/** The `meanRanks` dataset. */
export const MEAN_RANKS = defineDataset<MeanRankRow>('meanRanks', { cellKeyIndex: 'k', metricIndex: 'm', meanRank: 'meanRank', scenarioCount: 'scenarios' });

/** A scenario's display name by index. */
export interface ScenarioRow {
  scenarioIndex: number;
  scenario: string;
}

/** The `scenarios` dataset. */
export const SCENARIOS = defineDataset<ScenarioRow>('scenarios', { scenarioIndex: 'sc', scenario: 'scenario' });

/** A cell identity's label by index. */
export interface CellKeyRow {
  cellKeyIndex: number;
  cell: string;
}

/** The `keys` dataset. */
export const CELL_KEYS = defineDataset<CellKeyRow>('keys', { cellKeyIndex: 'k', cell: 'cell' });

/** What the overview's charts are drawn over. */
export interface OverviewChartInput {
  /** Display names of the scenarios, unique, in run order. */
  scenarioNames: string[];
  /** Cell labels in the overview's order (most often recommended first). */
  orderedCellLabels: string[];
}

/** The select box of the key metric. */
export function metricParam(): JsonSpec {
  return { name: 'metric', value: 0, bind: { input: 'select', options: KEY_METRICS.map((_, m) => m), labels: KEY_METRICS.map((m) => m.title), name: 'metric: ' } };
}

/** Adds the scenario name to rank rows (they store its index). */
export const lookupScenario: JsonSpec = { lookup: RANKS.field.scenarioIndex, from: { data: { name: SCENARIOS.name }, key: SCENARIOS.field.scenarioIndex, fields: [SCENARIOS.field.scenario] } };

/** Adds the cell label to rows that store a cell key index in `field`. */
export function lookupCellKey(field: string): JsonSpec {
  return { lookup: field, from: { data: { name: CELL_KEYS.name }, key: CELL_KEYS.field.cellKeyIndex, fields: [CELL_KEYS.field.cell] } };
}
