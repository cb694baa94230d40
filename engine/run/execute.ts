import { GatewaySimulation, type RunResult } from '../gateway/gateway-simulation.js';
import type { Scenario } from '../scenario/model.js';
import type { Cell } from './matrix.js';
import { replicationSeed } from './matrix.js';

/** One unit of work: a cell and a replication. */
export interface Task {
  cell: number;
  replication: number;
}

/** Simulates one replication of one cell. */
export function runTask(scenario: Scenario, cell: Cell, replication: number): RunResult {
  return new GatewaySimulation(scenario, {
    tactic: cell.tactic,
    health: cell.health,
    gatewayName: cell.gateway.name,
    gateway: cell.gateway.options,
    seed: replicationSeed(scenario.seed, replication),
  }).run();
}
