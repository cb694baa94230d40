import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { currentService, integerParam, numberParam, stringParam, TACTIC_DEFAULTS, type Tactic } from './tactic.js';

/** Which latency statistic latency_based compares. */
export type LatencyComparisonMode = 'avg' | 'p50' | 'p95' | 'p99';

/** latency_based parameters, resolved. */
export interface LatencyBasedParams {
  /** Switch when the current service's latency reaches this, in ms. */
  latencyThresholdMs: number;
  /** Samples to keep; carried as upstream, not used by selection (the gateway records with 100). */
  sampleWindowSize: number;
  /** Percentile in (0, 1); carried as upstream, not used by selection. */
  percentile: number;
  /** The statistic compared. */
  comparisonMode: LatencyComparisonMode;
}

/** latency_based parameters as given (unresolved). */
export interface LatencyBasedParamsInput {
  latencyThresholdMs?: number;
  sampleWindowSize?: number;
  percentile?: number;
  comparisonMode?: string;
}

/**
 * Stays on the current service (the rule's current id, else the first) while the whole-ms part of
 * its latency statistic is under the threshold; then takes the service with the lowest statistic
 * (first on ties). A service with no samples counts as twice the threshold.
 */
export class LatencyBasedTactic implements Tactic {
  readonly type = TacticType.LatencyBased;
  readonly name = 'Latency Based';
  readonly params: Readonly<LatencyBasedParams>;

  constructor(params: LatencyBasedParamsInput = {}) {
    const percentile = numberParam(params.percentile, TACTIC_DEFAULTS.percentile, 'percentile');
    const mode = stringParam(params.comparisonMode, TACTIC_DEFAULTS.comparisonMode, 'comparisonMode');
    this.params = {
      latencyThresholdMs: integerParam(params.latencyThresholdMs, TACTIC_DEFAULTS.latencyThresholdMs, 'latencyThresholdMs'),
      sampleWindowSize: integerParam(params.sampleWindowSize, TACTIC_DEFAULTS.sampleWindowSize, 'sampleWindowSize'),
      percentile: percentile >= 1 ? TACTIC_DEFAULTS.percentile : percentile,
      comparisonMode: mode === 'p50' || mode === 'p95' || mode === 'p99' ? mode : 'avg',
    };
  }

  /** The compared statistic of a service in ms (twice the threshold when it has no samples). */
  latencyOf(service: Service): number {
    const stats = service.stats;
    const summary = stats.getLatencyStats();
    if (summary.sampleCount === 0) return this.params.latencyThresholdMs * 2;
    switch (this.params.comparisonMode) {
      case 'p50':
        return summary.p50;
      case 'p95':
        return summary.p95;
      case 'p99':
        return summary.p99;
      case 'avg':
        return summary.avg;
    }
  }

  selectService(rule: Rule): Service | undefined {
    const services = rule.getActiveServices();
    if (services.length <= 1) return services[0];
    const current = currentService(services, rule.currentServiceId)!;
    if (Math.trunc(this.latencyOf(current)) < this.params.latencyThresholdMs) return current;
    let selected: Service | undefined;
    let lowest = -1;
    for (const service of services) {
      const latency = this.latencyOf(service);
      if (lowest === -1 || latency < lowest) {
        lowest = latency;
        selected = service;
      }
    }
    return selected;
  }
}
