import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { integerParam, numberParam, TACTIC_DEFAULTS, type Tactic } from './tactic.js';

/** speed_based parameters, resolved. */
export interface SpeedBasedParams {
  /** Speed samples before a service's average counts. */
  minSamplesRequired: number;
  /** Minimum acceptable speed in tokens per second. */
  speedThresholdTps: number;
  /** Samples to keep; carried as upstream, not used by selection. */
  sampleWindowSize: number;
}

/**
 * Picks the fastest service. A service with fewer than the minimum samples scores half the
 * threshold (exploration); the others compete with their average when it meets the threshold.
 * When none meets it, a second pass takes the highest average regardless, continuing from the
 * best score so far (not from scratch). Strict comparisons: the first wins ties.
 */
export class SpeedBasedTactic implements Tactic {
  readonly type = TacticType.SpeedBased;
  readonly name = 'Speed Based';
  readonly params: Readonly<SpeedBasedParams>;

  constructor(params: Partial<SpeedBasedParams> = {}) {
    this.params = {
      minSamplesRequired: integerParam(params.minSamplesRequired, TACTIC_DEFAULTS.minSamplesRequired, 'minSamplesRequired'),
      speedThresholdTps: numberParam(params.speedThresholdTps, TACTIC_DEFAULTS.speedThresholdTps, 'speedThresholdTps'),
      sampleWindowSize: integerParam(params.sampleWindowSize, TACTIC_DEFAULTS.sampleWindowSize, 'sampleWindowSize'),
    };
  }

  selectService(rule: Rule): Service | undefined {
    const services = rule.getActiveServices();
    if (services.length <= 1) return services[0];
    const { minSamplesRequired, speedThresholdTps } = this.params;
    const exploratoryScore = speedThresholdTps * 0.5;
    let selected: Service | undefined;
    let highest = -1;
    let anyMeetsThreshold = false;
    for (const service of services) {
      const { avgSpeed, sampleCount } = service.stats.getTokenSpeedStats();
      if (sampleCount < minSamplesRequired) {
        if (exploratoryScore > highest) {
          highest = exploratoryScore;
          selected = service;
        }
      } else if (avgSpeed >= speedThresholdTps) {
        anyMeetsThreshold = true;
        if (avgSpeed > highest) {
          highest = avgSpeed;
          selected = service;
        }
      }
    }
    if (!anyMeetsThreshold) {
      for (const service of services) {
        const { avgSpeed, sampleCount } = service.stats.getTokenSpeedStats();
        const score = sampleCount < minSamplesRequired ? exploratoryScore : avgSpeed;
        if (score > highest) {
          highest = score;
          selected = service;
        }
      }
    }
    return selected ?? services[0];
  }
}
