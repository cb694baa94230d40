/**
 * The words of the scenario format that both the JSON Schema and the loader use: kinds, statuses,
 * tactic names and their parameters (in the gateway's JSON names).
 */
import { TacticType, tacticTypeToString, type TacticParams } from '../balancer/index.js';
import type { FailureStatus } from '../providers/index.js';

/** Arrival processes (`workload.arrivals.process`). */
export const ARRIVAL_PROCESSES = ['constant', 'poisson', 'bursty', 'diurnal', 'ramp', 'trace'] as const;

/** Distribution kinds (`dist`). */
export const DISTRIBUTION_KINDS = ['constant', 'uniform', 'normal', 'lognormal', 'exponential', 'empirical'] as const;

/** Incident kinds (`incidents[].kind`). */
export const INCIDENT_KINDS = ['down', 'rate_limited', 'auth_revoked', 'slow', 'flaky', 'degraded', 'mid_stream', 'stall'] as const;

/** Every status a synthetic provider can fail with. */
export const FAILURE_STATUSES: readonly FailureStatus[] = [401, 403, 408, 409, 429, 500, 502, 503, 504, 529];

/** What a `down` incident does to the requests in flight when it starts (`in_flight`). */
export const IN_FLIGHT_MODES = ['cut', 'finish'] as const;

/** Statuses of a `down` incident. */
export const DOWN_STATUSES = [500, 502, 503, 504, 529, 'timeout', 'connection_error'] as const;

/** Statuses of an `auth_revoked` incident. */
export const AUTH_STATUSES = [401, 403] as const;

/** Statuses of a provider whose queue is full. */
export const OVERLOAD_STATUSES = [429, 503, 529] as const;

/** Statuses the gateway may retry (`gateway.retry_on`). */
export const RETRYABLE_STATUSES = [...FAILURE_STATUSES, 'timeout', 'connection_error'] as const;

/** Trace file formats. */
export const TRACE_FORMATS = ['jsonl', 'csv', 'azure', 'burstgpt', 'mooncake'] as const;

/** The built-in health settings' names, in their default order. */
export const BUILTIN_HEALTH_NAMES = ['unconfigured', 'default', 'none'] as const;

/** The seed's tactics, in TacticType order: what `tactics: all` compares. */
export const SEED_TACTIC_NAMES = ['token_based', 'random', 'latency_based', 'speed_based', 'adaptive', 'capacity_based'] as const;

/** Every tactic a scenario can name: the seed's, and v0.260819.0's tier (value 8; the seed's gateway runs adaptive for it, as for any value it does not know). */
export const TACTIC_NAMES = [...SEED_TACTIC_NAMES, 'tier'] as const;

/** A tactic's name in scenario files. */
export type TacticName = (typeof TACTIC_NAMES)[number];

/** Each tactic name's gateway value. */
export const TACTIC_TYPES: Readonly<Record<TacticName, number>> = {
  token_based: TacticType.TokenBased,
  random: TacticType.Random,
  latency_based: TacticType.LatencyBased,
  speed_based: TacticType.SpeedBased,
  adaptive: TacticType.Adaptive,
  capacity_based: TacticType.CapacityBased,
  tier: 8,
};

/** A tactic value's scenario name (a value no name has prints as the seed's gateway prints it). */
export function tacticNameOf(type: number): string {
  return (Object.keys(TACTIC_TYPES) as TacticName[]).find((name) => TACTIC_TYPES[name] === type) ?? tacticTypeToString(type);
}

/** Names the gateway parses but that are retired, with the tactic they mean. */
export const RETIRED_TACTIC_NAMES: Readonly<Record<string, TacticName>> = { round_robin: 'token_based', hybrid: 'token_based' };

/** How a tactic parameter is written. */
export type TacticParamKind = { kind: 'integer' } | { kind: 'number'; below?: number } | { kind: 'choice'; choices: readonly string[] };

/** One tactic parameter: its gateway JSON name, its TacticParams name and its kind. */
export interface TacticParamInfo {
  /** Name in scenario files (the gateway's JSON name). */
  name: string;
  /** Name in TacticParams. */
  key: keyof TacticParams;
  /** What values it takes. */
  type: TacticParamKind;
  /** One line for the schema and the format reference. */
  description: string;
}

const integer = { kind: 'integer' } as const;
const number = { kind: 'number' } as const;

/** Every tactic parameter, by gateway JSON name. */
export const TACTIC_PARAMS: readonly TacticParamInfo[] = [
  { name: 'token_threshold', key: 'tokenThreshold', type: integer, description: 'token_based: window tokens before switching (default 10000)' },
  { name: 'latency_threshold_ms', key: 'latencyThresholdMs', type: integer, description: 'latency_based: switch when the current service latency reaches this, in ms (default 2000)' },
  { name: 'sample_window_size', key: 'sampleWindowSize', type: integer, description: 'latency_based and speed_based: samples to keep (default 100; not used by selection)' },
  { name: 'percentile', key: 'percentile', type: { kind: 'number', below: 1 }, description: 'latency_based: percentile in (0, 1) (default 0.95; not used by selection)' },
  { name: 'comparison_mode', key: 'comparisonMode', type: { kind: 'choice', choices: ['avg', 'p50', 'p95', 'p99'] }, description: 'latency_based: the latency statistic compared (default avg)' },
  { name: 'min_samples_required', key: 'minSamplesRequired', type: integer, description: 'speed_based: speed samples before a service average counts (default 5)' },
  { name: 'speed_threshold_tps', key: 'speedThresholdTps', type: number, description: 'speed_based: minimum acceptable speed in tokens/s (default 50)' },
  { name: 'latency_weight', key: 'latencyWeight', type: number, description: 'adaptive: weight of the latency score (default 0.25)' },
  { name: 'token_weight', key: 'tokenWeight', type: number, description: 'adaptive: weight of the token score (default 0.15)' },
  { name: 'speed_weight', key: 'speedWeight', type: number, description: 'adaptive: weight of the speed score (default 0.15)' },
  { name: 'health_weight', key: 'healthWeight', type: number, description: 'adaptive: weight of the health score (default 0.10)' },
  { name: 'max_latency_ms', key: 'maxLatencyMs', type: integer, description: 'adaptive: latency that scores 0, in ms (default 2000)' },
  { name: 'max_token_usage', key: 'maxTokenUsage', type: integer, description: 'adaptive: window tokens that score 0 (default 10000)' },
  { name: 'min_speed_tps', key: 'minSpeedTps', type: number, description: 'adaptive: speed in tokens/s at which the speed score is 0.5 (default 50)' },
  { name: 'within_tier_tactic', key: 'withinTierTactic', type: { kind: 'choice', choices: ['random', 'speed_based', 'capacity_based'] }, description: 'tier (v0.260819.0): the tactic within a tier, run with its default parameters (default random)' },
  { name: 'scoring_mode', key: 'scoringMode', type: { kind: 'choice', choices: ['weighted_sum', 'multiplicative', 'rank_based'] }, description: 'adaptive: how the scores combine (default weighted_sum)' },
];

/** The parameters each tactic reads, by gateway JSON name. */
export const PARAMS_OF_TACTIC: Readonly<Record<TacticName, readonly string[]>> = {
  token_based: ['token_threshold'],
  random: [],
  latency_based: ['latency_threshold_ms', 'sample_window_size', 'percentile', 'comparison_mode'],
  speed_based: ['min_samples_required', 'speed_threshold_tps', 'sample_window_size'],
  adaptive: ['latency_weight', 'token_weight', 'speed_weight', 'health_weight', 'max_latency_ms', 'max_token_usage', 'min_speed_tps', 'scoring_mode'],
  capacity_based: [],
  tier: ['within_tier_tactic'],
};

/** A parameter's description by name. */
export function tacticParam(name: string): TacticParamInfo | undefined {
  return TACTIC_PARAMS.find((p) => p.name === name);
}
