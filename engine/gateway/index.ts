/** The gateway's dispatch loop around the balancer, and its named settings. */
export { GatewaySimulation } from './gateway-simulation.js';
export type { AttemptRecord, RequestRecord, RunObservers, RunResult, RunSetup, TryRecord } from './gateway-simulation.js';
export { BUILTIN_HEALTH_SETTINGS, UPSTREAM_GATEWAY_OPTIONS } from './settings.js';
