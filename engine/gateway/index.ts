/** The gateway's dispatch loop around the balancer, its options and named settings, and the typed outcome. */
export { Dispatcher } from './dispatch.js';
export { errorTextOf, healthReportOf, recordFeedback, SAMPLE_WINDOW } from './feedback.js';
export type { HealthReport } from './feedback.js';
export { GatewayRetryPolicy } from './gateway-retry.js';
export { GatewaySimulation } from './gateway-simulation.js';
export type { AttemptRecord, GatewayRunResult, RequestRecord, RunObservers, TryRecord } from './gateway-simulation.js';
export type { CandidateRecord, SelectionRecord } from './explain.js';
export { decodeOutcome, httpErrorStatus, Outcome, outcomeName, outcomeRank } from './outcome.js';
export type { DecodedOutcome, OutcomeCode } from './outcome.js';
export type { GatewayPlan } from './plan.js';
export { RequestTable } from './request-table.js';
export { SDK_INITIAL_BACKOFF_MS, SDK_MAX_BACKOFF_MS, SDK_RETRY_AFTER_LIMIT_MS, sdkRetries, sdkRetryDelayMs } from './sdk-retry.js';
export { BUILTIN_HEALTH_SETTINGS, UPSTREAM_GATEWAY_OPTIONS } from './settings.js';
export type { GatewaySink } from './sink.js';
export type { GatewayOptions, HealthSetting, RetryableStatus, TacticSpec } from './types.js';
