/**
 * Scenarios: the normalised model the simulator runs, and the boundary that turns a YAML scenario
 * file into it (validation with every problem reported at once, defaults, units).
 */
export type { CellSelector, Expectation, GatewayVariant, Goal, GoalConstraint, Indifference, Scenario, ServiceSpec } from './model.js';
export { defaultGoal, defaultIndifference } from './read-goal.js';
export { loadScenarioFile, parseScenario, validateScenarioText } from './parse-scenario.js';
export type { ParseScenarioOptions, ScenarioEdit, ScenarioFileSystem, ScenarioValidation, ValueOrigin } from './parse-scenario.js';
export type { Path as ScenarioPath } from './issues.js';
export { formatScenarioIssue, formatScenarioIssues, ScenarioError } from './scenario-error.js';
export type { ScenarioIssue } from './scenario-error.js';
export { scenarioFileSchema, scenarioJsonSchema, scenarioJsonSchemaText } from './schema.js';
export { SCENARIO_LIMITS } from './limits.js';
export { defaultBucketMs, defaultMaxSimulatedMs, SCENARIO_DEFAULTS } from './defaults.js';
export { formatDurationMs, parseDurationText, parseRateText } from './units.js';
export type { DurationParse, RateParse } from './units.js';
export { suggest } from './suggest.js';
export { BUILTIN_HEALTH_NAMES, FAILURE_STATUSES, SEED_TACTIC_NAMES, TACTIC_NAMES, TACTIC_PARAMS, tacticNameOf } from './vocabulary.js';
export { parseScript } from './parse-scenario.js';
export { SCRIPT_STATUSES } from './read-script.js';
export type { RequestCheck, Script, ScriptFaults, ScriptService, ScriptStatus, ScriptStep } from './read-script.js';
export { formatPath } from './issues.js';
