import type { Rng } from '../rng.js';
import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import type { TacticType } from '../tactic-type.js';

/** A load-balancing tactic: picks one of the rule's active services. */
export interface Tactic {
  /** The tactic's gateway value. */
  readonly type: TacticType;
  /** Display name, as the gateway's GetName(). */
  readonly name: string;
  /**
   * Picks a service among `rule.getActiveServices()`, or undefined when there is none. Tactics
   * that draw randomness take it from `rng` only.
   */
  selectService(rule: Rule, rng: Rng): Service | undefined;
}

/**
 * Tactic parameters in the gateway's JSON names (lowerCamelCase). Each tactic reads its own and
 * ignores the rest; a number <= 0 or an empty string means the default.
 */
export interface TacticParams {
  /** tier (v0.260819.0 only; the seed's tactics ignore it): the tactic within a tier, `random`, `speed_based` or `capacity_based`. */
  withinTierTactic?: string;
  /** token_based: window tokens before switching (default 10000). */
  tokenThreshold?: number;
  /** latency_based: switch when the current service's latency reaches this, in ms (default 2000). */
  latencyThresholdMs?: number;
  /** latency_based and speed_based: samples to keep (default 100). Not used by selection in this version. */
  sampleWindowSize?: number;
  /** latency_based: percentile in (0, 1) (default 0.95). Not used by selection in this version. */
  percentile?: number;
  /** latency_based: `avg`, `p50`, `p95` or `p99`; anything else means avg (default avg). */
  comparisonMode?: string;
  /** speed_based: speed samples before a service's average counts (default 5). */
  minSamplesRequired?: number;
  /** speed_based: minimum acceptable speed in tokens per second (default 50). */
  speedThresholdTps?: number;
  /** adaptive: weight of the latency score (default 0.25). */
  latencyWeight?: number;
  /** adaptive: weight of the token score (default 0.15). */
  tokenWeight?: number;
  /** adaptive: weight of the speed score (default 0.15). */
  speedWeight?: number;
  /** adaptive: weight of the health score (default 0.10). */
  healthWeight?: number;
  /** adaptive: latency that scores 0, in ms (default 2000). */
  maxLatencyMs?: number;
  /** adaptive: window tokens that score 0 (default 10000). */
  maxTokenUsage?: number;
  /** adaptive: speed in tokens per second at which the speed score is 0.5 (default 50). */
  minSpeedTps?: number;
  /** adaptive: `weighted_sum`, `multiplicative` or `rank_based`; anything else means weighted_sum. */
  scoringMode?: string;
}

/** Every parameter's default, from the gateway's constants. */
export const TACTIC_DEFAULTS = {
  tokenThreshold: 10_000,
  latencyThresholdMs: 2_000,
  sampleWindowSize: 100,
  percentile: 0.95,
  comparisonMode: 'avg',
  minSamplesRequired: 5,
  speedThresholdTps: 50,
  latencyWeight: 0.25,
  tokenWeight: 0.15,
  speedWeight: 0.15,
  healthWeight: 0.1,
  maxLatencyMs: 2_000,
  maxTokenUsage: 10_000,
  minSpeedTps: 50,
  scoringMode: 'weighted_sum',
} as const;

/** An integer parameter: undefined or <= 0 gives the default; a fraction or a non-number throws. */
export function integerParam(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`tactic parameter ${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  return value <= 0 ? fallback : value;
}

/** A number parameter: undefined or <= 0 gives the default; a non-finite value throws. */
export function numberParam(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`tactic parameter ${name} must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value <= 0 ? fallback : value;
}

/** A string parameter: undefined or empty gives the default; a non-string throws. */
export function stringParam(value: string | undefined, fallback: string, name: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    throw new TypeError(`tactic parameter ${name} must be a string, got ${JSON.stringify(value)}`);
  }
  return value === '' ? fallback : value;
}

/** The service whose id is the rule's current service id, else the first one. */
export function currentService(services: readonly Service[], currentServiceId: string): Service | undefined {
  if (currentServiceId !== '') {
    for (const service of services) if (service.serviceId() === currentServiceId) return service;
  }
  return services[0];
}

/**
 * Weighted draw as the original does it: r = a whole number in [0, total), then the first service
 * where r < the running sum of `weightOf` (which adds every weight, negative ones included).
 * Undefined when the running sum never passes r.
 */
export function pickByCumulativeWeight(
  services: readonly Service[],
  weightOf: (service: Service) => number,
  total: number,
  rng: Rng,
): Service | undefined {
  const r = Math.floor(rng.next() * total);
  let cumulative = 0;
  for (const service of services) {
    cumulative += weightOf(service);
    if (r < cumulative) return service;
  }
  return undefined;
}
