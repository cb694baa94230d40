/** Runs scenarios: the matrix of cells x replications, workers, shards, aggregation, merging. */
export { aggregateCell, checkExpectations, compareCells, meanSeries, scenarioForResults } from './aggregate.js';
export { runTask } from './execute.js';
export type { Task } from './execute.js';
export { cellId, expandCells, replicationSeed, shardCells } from './matrix.js';
export type { Cell, Shard } from './matrix.js';
export { MergeError, mergeShards } from './merge.js';
export { RESULTS_VERSION } from './results.js';
export type { CellResult, Comparisons, ExpectationOutcome, IncidentSummary, ReplicationResult, Results } from './results.js';
export { complete, RunError, runScenario } from './runner.js';
export type { RunOptions } from './runner.js';
export { estimate, pairedDifference, tCritical95 } from './statistics.js';
export type { Estimate, PairedDifference } from './statistics.js';
export { resultsJsonSchema, resultsProblems, resultsSchema } from './results-schema.js';
export { planFor, replicationPlan, simulatePlan } from './plan.js';
export type { RunResult, SimulationPlan } from './plan.js';
export { isRankable, rankCells } from './ranking.js';
export type { Ranking } from './ranking.js';
