/**
 * The balancer of tingly-box v0.260819.0 (spec upstream-later.md), beside the seed's
 * (engine/balancer/, the default): the rule-scoped circuit breaker, the narrowed HealthMonitor,
 * the tier tactic, session pins with PromotionHold and the selection pipeline. It reuses the
 * seed's Service, Rule, Clock, Rng and the tactics both versions run the same way (random,
 * speed_based, capacity_based). Same seams as the seed's: no I/O, time from a Clock, randomness
 * from an Rng.
 */
export { isAffinityEligible, PinStore } from './affinity.js';
export type { Pin } from './affinity.js';
export { Breaker, BREAKER_DEFAULTS, BreakerState, breakerStateToString, BreakerStore } from './breaker.js';
export type { BreakerConfig } from './breaker.js';
export { LaterHealthMonitor } from './health-monitor.js';
export type { LaterHealthConfig, LaterServiceHealth } from './health-monitor.js';
export { LaterSelector } from './select.js';
export type { LaterPick, LaterSelectorOptions } from './select.js';
export { laterTactic, pickBreakerAvailable, TIER_TACTIC, TierTactic, tierBuckets } from './tactics.js';
export type { BreakerOf } from './tactics.js';

/** The version this folder implements. */
export const LATER_VERSION = 'v0.260819.0';
