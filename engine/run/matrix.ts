import { hashSeed } from '../sim/index.js';
import type { HealthSetting, TacticSpec } from '../gateway/index.js';
import type { GatewayVariant, Scenario } from '../scenario/index.js';

/** A cell of the run matrix. */
export interface Cell {
  index: number;
  id: string;
  tactic: TacticSpec;
  health: HealthSetting;
  gateway: GatewayVariant;
}

/** `tactic|health|gateway`. */
export function cellId(tactic: string, health: string, gateway: string): string {
  return `${tactic}|${health}|${gateway}`;
}

/** Every cell: tactics x health settings x gateway variants, in that nesting order. */
export function expandCells(scenario: Scenario): Cell[] {
  const cells: Cell[] = [];
  for (const tactic of scenario.tactics) {
    for (const health of scenario.health) {
      for (const gateway of scenario.gatewayVariants) {
        cells.push({ index: cells.length, id: cellId(tactic.name, health.name, gateway.name), tactic, health, gateway });
      }
    }
  }
  return cells;
}

/** The seed of replication `r`: derived from the scenario seed only, the same in every cell. */
export function replicationSeed(seed: number, replication: number): number {
  return hashSeed(`${seed}/replication/${replication}`);
}

/** A slice of the cells for `--shard i/n`: cells whose index is i-1 modulo n. */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The cells of a shard (every cell when there is no shard). */
export function shardCells(cells: readonly Cell[], shard: Shard | undefined): Cell[] {
  if (!shard) return [...cells];
  return cells.filter((c) => c.index % shard.count === shard.index - 1);
}
