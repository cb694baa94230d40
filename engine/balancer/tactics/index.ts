import { TacticType } from '../tactic-type.js';
import { AdaptiveTactic } from './adaptive.js';
import { CapacityBasedTactic } from './capacity-based.js';
import { LatencyBasedTactic } from './latency-based.js';
import { RandomTactic } from './random.js';
import { SpeedBasedTactic } from './speed-based.js';
import type { Tactic, TacticParams } from './tactic.js';
import { TokenBasedTactic } from './token-based.js';

export { AdaptiveTactic, normalisedRanks } from './adaptive.js';
export type { AdaptiveParams, AdaptiveParamsInput, DimensionScores, ScoringMode } from './adaptive.js';
export { CapacityBasedTactic, capacityWeight } from './capacity-based.js';
export { LatencyBasedTactic } from './latency-based.js';
export type { LatencyBasedParams, LatencyBasedParamsInput, LatencyComparisonMode } from './latency-based.js';
export { RandomTactic } from './random.js';
export { SpeedBasedTactic } from './speed-based.js';
export type { SpeedBasedParams } from './speed-based.js';
export { TACTIC_DEFAULTS } from './tactic.js';
export type { Tactic, TacticParams } from './tactic.js';
export { TokenBasedTactic } from './token-based.js';
export type { TokenBasedParams } from './token-based.js';

const FACTORIES: ReadonlyMap<number, (params: TacticParams) => Tactic> = new Map<number, (params: TacticParams) => Tactic>([
  [TacticType.TokenBased, (p) => new TokenBasedTactic(p)],
  [TacticType.Random, () => new RandomTactic()],
  [TacticType.LatencyBased, (p) => new LatencyBasedTactic(p)],
  [TacticType.SpeedBased, (p) => new SpeedBasedTactic(p)],
  [TacticType.Adaptive, (p) => new AdaptiveTactic(p)],
  [TacticType.CapacityBased, () => new CapacityBasedTactic()],
]);

/**
 * Creates the tactic of `type` with `params` (gateway JSON names in lowerCamelCase; each tactic
 * reads its own). A type with no tactic gives adaptive with default parameters, as the gateway's
 * factory does.
 */
export function createTactic(type: TacticType | number, params: TacticParams = {}): Tactic {
  const factory = FACTORIES.get(type);
  return factory ? factory(params) : new AdaptiveTactic();
}
