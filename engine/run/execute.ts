import type { Scenario } from '../scenario/index.js';
import type { Cell } from './matrix.js';
import { replicationPlan, type RunResult, simulatePlan } from './plan.js';

/** One unit of work: a cell and a replication. */
export interface Task {
  cell: number;
  replication: number;
}

/** Simulates one replication of one cell. */
export function runTask(scenario: Scenario, cell: Cell, replication: number): RunResult {
  return simulatePlan(replicationPlan(scenario, cell, replication));
}
