import { isTacticName, parseTacticType, tacticTypeToString } from './balancer/index.js';
import { BUILTIN_HEALTH_SETTINGS, type HealthSetting, type RunObservers, type TacticSpec } from './gateway/index.js';
import { cellId, planFor, type RunResult, simulatePlan } from './run/index.js';
import type { GatewayVariant, Scenario } from './scenario/index.js';

/** Which cell to simulate. Names are looked up in the scenario, then among the built-ins. */
export interface SimulateOptions {
  /** A tactic label of the scenario, a tactic name (`random`, ...) with default parameters, or a full spec. */
  tactic: string | TacticSpec;
  /** A health setting of the scenario or a built-in (`unconfigured`, `default`, `none`), or a full setting. */
  health: string | HealthSetting;
  /** A gateway variant of the scenario, or a full variant; the scenario's gateway options when omitted. */
  gateway?: string | GatewayVariant;
  /** The replication's seed; the scenario's seed when omitted. */
  seed?: number;
  /** Observers of each finished request and attempt (for tests and tools). */
  observers?: RunObservers;
}

/** One simulation run: a plain, JSON-serialisable result. */
export interface SimulationResult extends RunResult {
  scenario: string;
  tactic: string;
  health: string;
  gateway: string;
  seed: number;
}

/** An option names nothing the scenario or the built-ins know. Stable code: UNKNOWN_CELL. */
export class UnknownCellError extends Error {
  readonly code = 'UNKNOWN_CELL';
  constructor(message: string) {
    super(message);
    this.name = 'UnknownCellError';
  }
}

/**
 * Simulates one cell (tactic x health setting x gateway variant) of a scenario for one seed.
 * Deterministic: the same scenario, options and seed give the same result, byte for byte once
 * serialised. Does no I/O.
 */
export function simulate(scenario: Scenario, options: SimulateOptions): SimulationResult {
  const tactic = resolveTactic(scenario, options.tactic);
  const health = resolveHealth(scenario, options.health);
  const gateway = resolveGateway(scenario, options.gateway);
  const seed = options.seed ?? scenario.seed;
  const cell = { index: 0, id: cellId(tactic.name, health.name, gateway.name), tactic, health, gateway };
  const run = simulatePlan(planFor(scenario, cell, seed), options.observers);
  return { scenario: scenario.name, tactic: tactic.name, health: health.name, gateway: gateway.name, seed, ...run };
}

/** The tactic spec a name refers to. */
export function resolveTactic(scenario: Scenario, tactic: string | TacticSpec): TacticSpec {
  if (typeof tactic !== 'string') return tactic;
  const named = scenario.tactics.find((t) => t.name === tactic);
  if (named) return named;
  if (isTacticName(tactic)) {
    const type = parseTacticType(tactic);
    return { name: tacticTypeToString(type), type, params: {} };
  }
  throw new UnknownCellError(`unknown tactic ${JSON.stringify(tactic)}: the scenario has ${scenario.tactics.map((t) => t.name).join(', ')}`);
}

/** The health setting a name refers to. */
export function resolveHealth(scenario: Scenario, health: string | HealthSetting): HealthSetting {
  if (typeof health !== 'string') return health;
  const found = scenario.health.find((h) => h.name === health) ?? BUILTIN_HEALTH_SETTINGS.find((h) => h.name === health);
  if (found) return found;
  const known = [...new Set([...scenario.health, ...BUILTIN_HEALTH_SETTINGS].map((h) => h.name))];
  throw new UnknownCellError(`unknown health setting ${JSON.stringify(health)}: known settings are ${known.join(', ')}`);
}

/** The gateway variant a name refers to (the scenario's own options when omitted). */
export function resolveGateway(scenario: Scenario, gateway: string | GatewayVariant | undefined): GatewayVariant {
  if (gateway === undefined) return scenario.gatewayVariants[0] ?? { name: 'default', options: scenario.gateway };
  if (typeof gateway !== 'string') return gateway;
  const found = scenario.gatewayVariants.find((g) => g.name === gateway);
  if (found) return found;
  throw new UnknownCellError(`unknown gateway variant ${JSON.stringify(gateway)}: the scenario has ${scenario.gatewayVariants.map((g) => g.name).join(', ') || 'none'}`);
}
