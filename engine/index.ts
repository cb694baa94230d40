/**
 * lbsim's library API: read and validate scenarios, simulate one cell, run a scenario's whole
 * matrix (workers, shards, merge), and the types of what comes back. Everything else in engine/
 * is internal; reports/ and other programs use only this.
 */

// Scenarios: the file format, validated, with every problem at once.
export { loadScenarioFile, parseScenario, validateScenarioText, formatScenarioIssue, formatScenarioIssues, ScenarioError, SCENARIO_LIMITS } from './scenario/index.js';
export { scenarioFileSchema, scenarioJsonSchema, scenarioJsonSchemaText, formatDurationMs, parseDurationText, parseRateText, BUILTIN_HEALTH_NAMES, TACTIC_NAMES } from './scenario/index.js';
export type { CellSelector, Expectation, GatewayVariant, ParseScenarioOptions, Scenario, ScenarioFileSystem, ScenarioIssue, ScenarioValidation, ServiceSpec } from './scenario/index.js';

// One cell, one seed.
export { simulate, resolveGateway, resolveHealth, resolveTactic, UnknownCellError } from './simulate.js';
export type { SimulateOptions, SimulationResult } from './simulate.js';

// A whole scenario: the matrix, plans, workers, shards, merge, statistics.
export { runScenario, mergeShards, MergeError, RunError, complete, expandCells, shardCells, cellId, replicationSeed, planFor, simulatePlan } from './run/index.js';
export { configChange, configChangeLines, recommendedConfig } from './run/index.js';
export type { RecommendedConfig, SettingChange } from './run/index.js';
export { explainCell, explanationJsonl } from './run/index.js';
export type { ExplainedSelection, Explanation } from './run/index.js';
export { estimate, pairedDifference, tCritical95, resultsJsonSchema, resultsProblems, RESULTS_VERSION, isRankable, rankCells } from './run/index.js';
export type { Cell, CellResult, Comparisons, Estimate, ExpectationOutcome, IncidentSummary, PairedDifference, ReplicationResult, Ranking, Results, RunOptions, RunResult, ScenarioSummary, ServiceSummary, Shard, SimulationPlan } from './run/index.js';

// Metrics and their registry.
export { findMetric, KEY_METRIC_NAMES, METRICS, metricNames, serviceMetricPatterns } from './metrics/index.js';
export type { DistributionSummary, IncidentMetrics, MetricDefinition, MetricUnit, RunMetrics, RunSketches, ServiceMetrics, ServiceSeries, SketchData, Summary, TimeSeries } from './metrics/index.js';

// The gateway's types, settings and outcomes.
export { BUILTIN_HEALTH_SETTINGS, UPSTREAM_GATEWAY_OPTIONS, decodeOutcome, Outcome, outcomeName } from './gateway/index.js';
export type { AttemptRecord, CandidateRecord, SelectionRecord, DecodedOutcome, GatewayOptions, HealthSetting, OutcomeCode, RequestRecord, RunObservers, TacticSpec, TryRecord } from './gateway/index.js';
export type { FailureStatus, Incident, ProviderModel } from './providers/index.js';
export type { ArrivalProcess, TraceRow, Workload } from './workload/index.js';
export type { Distribution } from './sim/index.js';

// The balancer itself, for use in a gateway.
// Calibration: request logs and the providers fitted to them.
export { calibrate, formatRequestLog, parseRequestLog, REQUEST_LOG_COLUMNS, requestLog, RequestLogError, servicesYaml } from './calibrate/index.js';
export type { FitQuality, LogStatus, RequestLogFormat, RequestLogRow, ServiceFit } from './calibrate/index.js';

export * as balancer from './balancer/index.js';
