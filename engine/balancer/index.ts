/**
 * The balancer engine: a TypeScript implementation of the gateway's `loadbalance` package. It
 * takes time from a Clock and randomness from an Rng, and does no I/O.
 */
export { ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { NoHealthyServicesError } from './errors.js';
export {
  AUTH_ERROR_MESSAGE,
  defaultHealthMonitorConfig,
  HealthMonitor,
  HealthStatus,
  healthStatusToString,
} from './health-monitor.js';
export type { HealthMonitorConfig, HealthProbeFunc, ServiceHealth } from './health-monitor.js';
export { SeededRng } from './rng.js';
export type { Rng } from './rng.js';
export { Rule } from './rule.js';
export type { RuleInit } from './rule.js';
export { selectService } from './select-service.js';
export type { HealthCheck } from './select-service.js';
export { newServiceID, ServiceID } from './service-id.js';
export { ServiceStats } from './service-stats.js';
export type { LatencySummary, ServiceStatsInit, ServiceStatsSnapshot } from './service-stats.js';
export { Service } from './service.js';
export type { ServiceConfig } from './service.js';
export { systemClock } from './system-clock.js';
export {
  ALL_TACTIC_TYPES,
  isTacticName,
  parseTacticType,
  TacticType,
  tacticTypeFromJSON,
  tacticTypeFromValue,
  tacticTypeToJSON,
  tacticTypeToString,
} from './tactic-type.js';
export * from './tactics/index.js';
