import type { Rule } from '../rule.js';
import type { Service } from '../service.js';
import { TacticType } from '../tactic-type.js';
import { integerParam, numberParam, stringParam, TACTIC_DEFAULTS, type Tactic } from './tactic.js';

/** How adaptive combines its four dimension scores. */
export type ScoringMode = 'weighted_sum' | 'multiplicative' | 'rank_based';

/** adaptive parameters, resolved. */
export interface AdaptiveParams {
  latencyWeight: number;
  tokenWeight: number;
  speedWeight: number;
  healthWeight: number;
  /** Latency that scores 0, in ms. */
  maxLatencyMs: number;
  /** Window tokens that score 0. */
  maxTokenUsage: number;
  /** Speed at which the speed score is 0.5, in tokens per second. */
  minSpeedTps: number;
  scoringMode: ScoringMode;
}

/** adaptive parameters as given (unresolved). */
export type AdaptiveParamsInput = Partial<Omit<AdaptiveParams, 'scoringMode'>> & { scoringMode?: string };

/** One service's four dimension scores, each in [0, 1], higher is better. */
export interface DimensionScores {
  latency: number;
  tokens: number;
  speed: number;
  health: number;
}

/**
 * Scores every service on latency, window tokens, speed and health and takes the highest
 * (strictly: the first wins ties). `weighted_sum` is exactly upstream's formula. Upstream computes
 * that same sum for `multiplicative` and `rank_based`; here they are implemented for real:
 * multiplicative is the product of score^weight, rank_based the weighted sum of each dimension's
 * normalised rank (mid-ranks for ties, worst 0, best 1).
 */
export class AdaptiveTactic implements Tactic {
  readonly type = TacticType.Adaptive;
  readonly name = 'Adaptive';
  readonly params: Readonly<AdaptiveParams>;

  constructor(params: AdaptiveParamsInput = {}) {
    const mode = stringParam(params.scoringMode, TACTIC_DEFAULTS.scoringMode, 'scoringMode');
    this.params = {
      latencyWeight: numberParam(params.latencyWeight, TACTIC_DEFAULTS.latencyWeight, 'latencyWeight'),
      tokenWeight: numberParam(params.tokenWeight, TACTIC_DEFAULTS.tokenWeight, 'tokenWeight'),
      speedWeight: numberParam(params.speedWeight, TACTIC_DEFAULTS.speedWeight, 'speedWeight'),
      healthWeight: numberParam(params.healthWeight, TACTIC_DEFAULTS.healthWeight, 'healthWeight'),
      maxLatencyMs: integerParam(params.maxLatencyMs, TACTIC_DEFAULTS.maxLatencyMs, 'maxLatencyMs'),
      maxTokenUsage: integerParam(params.maxTokenUsage, TACTIC_DEFAULTS.maxTokenUsage, 'maxTokenUsage'),
      minSpeedTps: numberParam(params.minSpeedTps, TACTIC_DEFAULTS.minSpeedTps, 'minSpeedTps'),
      scoringMode: mode === 'multiplicative' || mode === 'rank_based' ? mode : 'weighted_sum',
    };
  }

  /** A service's dimension scores. Reads its window stats, which resets an expired window. */
  dimensionScores(service: Service): DimensionScores {
    const { maxLatencyMs, maxTokenUsage, minSpeedTps } = this.params;
    const latency = service.stats.getLatencyStats();
    const speed = service.stats.getTokenSpeedStats();
    const { tokensConsumed } = service.getWindowStats();
    return {
      latency: latency.sampleCount > 0 ? Math.max(0, 1 - latency.avg / maxLatencyMs) : 0.5,
      tokens: Math.max(0, 1 - tokensConsumed / maxTokenUsage),
      speed: speed.sampleCount > 0 ? Math.min(1, speed.avgSpeed / (minSpeedTps * 2)) : 0.5,
      health: 1,
    };
  }

  /** Composite score of every service, in order. */
  scores(services: readonly Service[]): number[] {
    const dims = services.map((service) => this.dimensionScores(service));
    const { latencyWeight, tokenWeight, speedWeight, healthWeight, scoringMode } = this.params;
    switch (scoringMode) {
      case 'weighted_sum':
        return dims.map(
          (d) => d.latency * latencyWeight + d.tokens * tokenWeight + d.speed * speedWeight + d.health * healthWeight,
        );
      case 'multiplicative':
        return dims.map(
          (d) => d.latency ** latencyWeight * d.tokens ** tokenWeight * d.speed ** speedWeight * d.health ** healthWeight,
        );
      case 'rank_based': {
        const latencyRanks = normalisedRanks(dims.map((d) => d.latency));
        const tokenRanks = normalisedRanks(dims.map((d) => d.tokens));
        const speedRanks = normalisedRanks(dims.map((d) => d.speed));
        const healthRanks = normalisedRanks(dims.map((d) => d.health));
        return dims.map(
          (_, i) =>
            latencyRanks[i]! * latencyWeight +
            tokenRanks[i]! * tokenWeight +
            speedRanks[i]! * speedWeight +
            healthRanks[i]! * healthWeight,
        );
      }
    }
  }

  selectService(rule: Rule): Service | undefined {
    const services = rule.getActiveServices();
    if (services.length <= 1) return services[0];
    const scores = this.scores(services);
    let selected: Service | undefined;
    let highest = -1;
    for (let i = 0; i < services.length; i++) {
      if (scores[i]! > highest) {
        highest = scores[i]!;
        selected = services[i];
      }
    }
    return selected;
  }
}

/**
 * Each value's rank among `values`, normalised to [0, 1]: (values below it + half the other values
 * equal to it) / (n - 1). The lowest gets 0, the highest 1, ties share a mid-rank.
 */
export function normalisedRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n <= 1) return values.map(() => 0.5);
  return values.map((v, i) => {
    let below = 0;
    let equal = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (values[j]! < v) below++;
      else if (values[j] === v) equal++;
    }
    return (below + equal / 2) / (n - 1);
  });
}
