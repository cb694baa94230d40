/**
 * Scenarios: the normalised model the simulator runs, and the boundary that turns a YAML scenario
 * file into it (validation with every problem reported at once, defaults, units).
 */
export type {
  ArrivalProcess,
  CellSelector,
  Distribution,
  Expectation,
  FailureStatus,
  GatewayOptions,
  GatewayVariant,
  HealthSetting,
  Incident,
  ProviderModel,
  RetryableStatus,
  Scenario,
  ServiceSpec,
  TacticSpec,
  TraceRow,
  Workload,
} from './model.js';
export { loadScenarioFile, parseScenario, validateScenarioText } from './parse-scenario.js';
export type { ParseScenarioOptions, ScenarioFileSystem, ScenarioValidation } from './parse-scenario.js';
export { formatScenarioIssue, formatScenarioIssues, ScenarioError } from './scenario-error.js';
export type { ScenarioIssue } from './scenario-error.js';
export { scenarioFileSchema, scenarioJsonSchema, scenarioJsonSchemaText } from './schema.js';
export { SCENARIO_LIMITS } from './limits.js';
export { defaultBucketMs, defaultMaxSimulatedMs } from './read-scenario.js';
export { formatDurationMs, parseDurationText, parseRateText } from './units.js';
export type { DurationParse, RateParse } from './units.js';
export { BUILTIN_HEALTH_NAMES, TACTIC_NAMES } from './vocabulary.js';
