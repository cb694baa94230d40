/**
 * The tactics of tingly-box v0.260819.0 (spec upstream-later.md section 4): random, speed_based
 * and capacity_based unchanged from the seed (the seed's own code runs them), and the new tier
 * tactic; every other type runs random. Selection consults the rule's circuit breakers in two
 * phases with one claim (`PickBreakerAvailable`, section 1.4).
 */
import { CapacityBasedTactic, RandomTactic, type Rng, Rule, type Service, SpeedBasedTactic, type Tactic, type TacticParams, TacticType } from '../balancer/index.js';
import type { Breaker } from './breaker.js';

/** The tier tactic's number. */
export const TIER_TACTIC = 8;

/** The later version's tactic for a type: 3, 5, 7 as in the seed, 8 tier; any other value random (its instantiation rule). */
export function laterTactic(type: number, params: TacticParams): Tactic | TierTactic {
  if (type === TIER_TACTIC) return new TierTactic(params.withinTierTactic === 'speed_based' ? TacticType.SpeedBased : params.withinTierTactic === 'capacity_based' ? TacticType.CapacityBased : 0);
  if (type === TacticType.SpeedBased) return new SpeedBasedTactic(params);
  if (type === TacticType.CapacityBased) return new CapacityBasedTactic();
  return new RandomTactic();
}

/** The within-tier tactic for a type: default parameters always (the rule's are not passed on); 0, tier and unknown values are random. */
function withinTactic(type: number): Tactic {
  if (type === TacticType.SpeedBased) return new SpeedBasedTactic({});
  if (type === TacticType.CapacityBased) return new CapacityBasedTactic();
  return new RandomTactic();
}

/** How selection reaches a service's breaker under the current rule. */
export type BreakerOf = (service: Service) => Breaker;

/**
 * Two phases: keep the services whose breaker is available (no claim); pick among them; with
 * `claim`, the pick must win `allow()`, else it leaves the set and the pick repeats. Undefined
 * when the set empties or the picker returns nothing.
 */
export function pickBreakerAvailable(candidates: readonly Service[], breakerOf: BreakerOf, pick: (services: Service[]) => Service | undefined, claim: boolean): Service | undefined {
  const available = candidates.filter((s) => breakerOf(s).isAvailable());
  while (available.length > 0) {
    const chosen = pick(available);
    if (chosen === undefined) return undefined;
    if (!claim || breakerOf(chosen).allow()) return chosen;
    available.splice(available.indexOf(chosen), 1);
  }
  return undefined;
}

/** Active services grouped by tier, lowest number first, config order within a tier. */
export function tierBuckets(services: readonly Service[], tierOf: (service: Service) => number): Service[][] {
  const byTier = new Map<number, Service[]>();
  for (const s of services) {
    if (!s.active) continue;
    const tier = tierOf(s);
    const bucket = byTier.get(tier);
    if (bucket) bucket.push(s);
    else byTier.set(tier, [s]);
  }
  return [...byTier.entries()].sort((a, b) => a[0] - b[0]).map(([, bucket]) => bucket);
}

/**
 * The tier tactic: the first tier (lowest number) where the within-tier tactic, filtered by the
 * breakers with a claim, finds a service; when every tier is exhausted, the within-tier pick over
 * the first tier without a claim (so the client sees the real upstream error).
 */
export class TierTactic {
  readonly type = TIER_TACTIC;
  readonly name = 'Tier';
  private readonly within: Tactic;

  constructor(withinTierTactic: number) {
    this.within = withinTactic(withinTierTactic === TIER_TACTIC ? 0 : withinTierTactic);
  }

  /** One service: it; otherwise the within-tier tactic over a rule of just these (nothing: the first). */
  pickWithin(services: Service[], rng: Rng): Service | undefined {
    if (services.length <= 1) return services[0];
    return this.within.selectService(new Rule({ services }), rng) ?? services[0];
  }

  selectTier(services: readonly Service[], tierOf: (service: Service) => number, breakerOf: BreakerOf, rng: Rng, claim: boolean): Service | undefined {
    const buckets = tierBuckets(services, tierOf);
    for (const bucket of buckets) {
      const chosen = pickBreakerAvailable(bucket, breakerOf, (s) => this.pickWithin(s, rng), claim);
      if (chosen) return chosen;
    }
    return buckets.length > 0 ? this.pickWithin(buckets[0]!, rng) : undefined;
  }
}
