/**
 * The normalised scenario: what the simulator runs, composed from the types of the layers it
 * drives (the workload's, the providers', the gateway's). Every field is resolved (defaults
 * applied), durations are in milliseconds, rates in events per second. Scenario files (YAML, the
 * gateway's vocabulary, units in strings) are validated and turned into this shape by the loader.
 */
import type { ServiceConfig } from '../balancer/index.js';
import type { GatewayOptions, HealthSetting, TacticSpec } from '../gateway/index.js';
import type { ProviderModel } from '../providers/index.js';
import type { Workload } from '../workload/index.js';

/** A service as the gateway configures it (the balancer's ServiceConfig), with the provider model behind it. */
export interface ServiceSpec extends ServiceConfig {
  behavior: ProviderModel;
  /** v0.260819.0's tier (lower is tried first; absent: 0). */
  tier?: number;
}

/** A named set of gateway options (the third comparison axis). */
export interface GatewayVariant {
  name: string;
  options: GatewayOptions;
}

/**
 * An assertion on results, checked in CI, on the mean over replications of a metric (a name from
 * engine/metrics' registry, e.g. `success_rate`, `latency_p95_ms`, `share:openai:gpt-4o`).
 */
export type Expectation =
  /** Every cell matching `where` has the metric within the bounds. */
  | { kind: 'bound'; metric: string; where: CellSelector; atLeast?: number; atMost?: number; text: string }
  /**
   * Every cell matching `where` is better (or no worse) than its counterpart: the same cell with
   * the axes named in `than` replaced. "Better" follows the metric's direction; `margin` is in the
   * metric's unit (better: by more than the margin; no worse: by at most the margin).
   */
  | { kind: 'compare'; metric: string; where: CellSelector; than: CellSelector; relation: 'better' | 'no_worse'; margin: number; text: string };

/** The smallest difference of a metric that matters: in its unit, or a fraction of the best cell's value. */
export type Indifference = { kind: 'absolute'; value: number } | { kind: 'relative'; fraction: number };

/** A constraint of a goal: `metric >= value` or `metric <= value` (a cell must meet it to be recommended). */
export interface GoalConstraint {
  metric: string;
  op: '>=' | '<=';
  value: number;
  /** As written, e.g. `success_rate >= 0.99`. */
  text: string;
}

/** What the recommendation looks for. */
export interface Goal {
  /** The metric to optimise (its direction comes from the metric registry). */
  optimize: string;
  constraints: GoalConstraint[];
  /** Metrics that decide, in order, among cells as good as the best on the ones before. */
  tieBreakers: string[];
  /** The indifference zone of the optimised metric and of each tie-breaker. */
  indifference: Record<string, Indifference>;
  /** Probability the selection statement holds, e.g. 0.95. */
  confidence: number;
  /** False for the default goal of a scenario that states none. */
  stated: boolean;
}

/** Picks cells by tactic, health setting and gateway variant; an omitted axis matches every value. */
export interface CellSelector {
  tactic?: string;
  health?: string;
  gateway?: string;
}

/** A whole scenario, normalised. */
export interface Scenario {
  name: string;
  description: string;
  /** The question the scenario answers, for reports. */
  question: string;
  seed: number;
  /** Arrivals stop at this time; in-flight requests then drain. */
  durationMs: number;
  /** Requests arriving before this are simulated but left out of the metrics. */
  warmupMs: number;
  /**
   * Replications per cell: a fixed count, or, with `replicationMode` auto, the first stage of a
   * two-stage procedure that then runs the contending cells to what the selection needs (at most
   * `maxReplications`).
   */
  replications: number;
  replicationMode: 'fixed' | 'auto';
  /** Most replications a cell may get in auto mode. */
  maxReplications: number;
  /** What "best" means: the metric to optimise, constraints, tie-breakers and indifference zones. */
  goal: Goal;
  workload: Workload;
  services: ServiceSpec[];
  /** Defaults for every gateway variant. */
  gateway: GatewayOptions;
  tactics: TacticSpec[];
  health: HealthSetting[];
  /** Named gateway option sets to compare; at least one (`default`: the scenario's gateway options). */
  gatewayVariants: GatewayVariant[];
  expect: Expectation[];
  /** The cell paired differences are measured against (names of a tactic, a health setting and a gateway variant). */
  baseline: { tactic: string; health: string; gateway: string };
  /** Width of time-series buckets, in ms. */
  bucketMs: number;
  /** Guards against runaway runs. */
  limits: { maxEvents: number; maxSimulatedMs: number };
}
