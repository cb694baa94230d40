/**
 * What every report format shows, derived once from a results file: cells with display labels,
 * the scenario's header facts, services and incident windows. Reads results data only.
 */
import type { CellResult, Estimate, Results, ScenarioSummary } from '../engine/index.js';
import type { ReportMetric } from './key-metrics.js';
import { estimate } from './statistics.js';
import { plural } from './format.js';

/** A cell with its display label and its positions on each axis. */
export interface CellView {
  cell: CellResult;
  /** `tactic · health` (`· gateway` added when the scenario compares several gateway variants); unique. */
  label: string;
  /** Index into `ReportModel.tactics`. */
  tacticIndex: number;
  /** Index into `ReportModel.settings` (health setting x gateway variant). */
  settingIndex: number;
  /** Every replication had at least one successful request (latency and cost mean something). */
  servedEverywhere: boolean;
}

/** A health setting combined with a gateway variant: what the time-series panels are split by. */
export interface SettingView {
  health: string;
  gateway: string;
  label: string;
}

/** A window in which a service misbehaved, in ms from the start of the run. */
export interface IncidentWindow {
  service: string;
  kind: string;
  startMs: number;
  endMs: number;
}

/** A health setting as the scenario configures it, in words. */
export interface HealthDescription {
  name: string;
  text: string;
}

/** A service of the scenario: id `provider:model`, weight, prices in $ per million tokens. */
export interface ServiceDescription {
  id: string;
  weight: number | null;
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

/** Everything the report formats share. */
export interface ReportModel {
  results: Results;
  name: string;
  description: string;
  question: string;
  seed: number;
  /** The most replications any cell ran (every cell's count in a fixed run). */
  replications: number;
  /** "5 replications", or with replications: auto "5 to 30 replications (auto: ...)": what each cell ran. */
  replicationsPerCell: string;
  /** The replications every cell ran, which the time series and distributions pool (with auto: the first stage). */
  pooledReplications: number;
  /** Simulated duration of arrivals, in ms (null when the scenario does not say). */
  durationMs: number | null;
  /** Warm-up left out of the metrics, in ms. */
  warmupMs: number;
  lbsimVersion: string;
  /** In matrix order. */
  cells: CellView[];
  tactics: string[];
  settings: SettingView[];
  gateways: string[];
  healthDescriptions: HealthDescription[];
  /** What each gateway variant does, in words (the SDK's retries, failover). */
  gatewayDescriptions: HealthDescription[];
  services: ServiceDescription[];
  serviceIds: string[];
  incidents: IncidentWindow[];
  /** Baseline cell id of the paired comparisons (null: not computed, e.g. a shard). */
  baselineId: string | null;
  /** Present for a shard's partial results (index 1-based). */
  shard: { index: number; count: number; cellCount: number } | null;
}

/** The display separator between axis names in a cell label. */
export const LABEL_SEPARATOR = ' · ';

/** Builds the shared model of a results file. */
export function buildReportModel(results: Results): ReportModel {
  const scenario = results.scenario;
  const cells = [...results.cells].sort((a, b) => a.index - b.index);
  const tactics = unique(cells.map((c) => c.tactic));
  const gateways = unique(cells.map((c) => c.gateway));
  const multiGateway = gateways.length > 1;
  const settingKeys = unique(cells.map((c) => JSON.stringify([c.health, c.gateway])));
  const settings = settingKeys.map((key) => {
    const [health, gateway] = JSON.parse(key) as [string, string];
    return { health, gateway, label: multiGateway ? `${health}${LABEL_SEPARATOR}${gateway}` : health };
  });
  const seen = new Set<string>();
  const views = cells.map((cell) => {
    let label = [cell.tactic, cell.health, ...(multiGateway ? [cell.gateway] : [])].join(LABEL_SEPARATOR);
    if (seen.has(label)) label = `${label} (#${cell.index})`;
    seen.add(label);
    return {
      cell,
      label,
      tacticIndex: tactics.indexOf(cell.tactic),
      settingIndex: settingKeys.indexOf(JSON.stringify([cell.health, cell.gateway])),
      servedEverywhere: cell.replications.length > 0 && cell.replications.every((r) => r.metrics.successes > 0),
    };
  });
  const services = scenario.services.map((s) => ({
    id: s.id,
    weight: s.weight,
    inputPerMillion: s.behavior.price.inputPerMillion,
    outputPerMillion: s.behavior.price.outputPerMillion,
  }));
  const serviceIds = unique([...services.map((s) => s.id), ...cells.flatMap((c) => [...Object.keys(c.shares), ...Object.keys(c.timeSeries.services)])]).filter(
    (id) => cells.length === 0 || cells.some((c) => id in c.shares || id in c.timeSeries.services),
  );
  const shard = results.run.shard ? { ...results.run.shard, cellCount: results.run.cellCount } : null;
  return {
    results,
    name: results.name,
    description: scenario.description,
    question: scenario.question,
    seed: results.run.seed,
    replications: results.run.replications,
    replicationsPerCell: replicationsPerCell(results),
    pooledReplications: scenario.replicationMode === 'auto' ? Math.min(scenario.replications, results.run.replications) : results.run.replications,
    durationMs: scenario.durationMs,
    warmupMs: scenario.warmupMs,
    lbsimVersion: results.lbsimVersion,
    cells: views,
    tactics,
    settings,
    gateways,
    healthDescriptions: describeHealth(scenario),
    gatewayDescriptions: describeGateways(scenario),
    services,
    serviceIds,
    incidents: incidentWindows(scenario, cells),
    baselineId: results.comparisons?.baseline ?? null,
    shard,
  };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function describeHealth(scenario: ScenarioSummary): HealthDescription[] {
  return scenario.health.map(({ name, config }) => {
    if (config === null) return { name, text: 'no health monitor: every service always counts as healthy' };
    const parts = [
      config.consecutiveErrorThreshold === 0 ? 'unhealthy after the first error' : `unhealthy after ${config.consecutiveErrorThreshold} consecutive errors`,
      `may recover ${config.recoveryTimeoutSeconds} s after the last error`,
      config.probeEnabled ? 'recovery asks a probe first' : 'no probe',
      ...(config.rateLimitHold ? ['a 429 holds the service out for the recovery timeout (rate_limit_hold, from v0.260414.2000, not the seed)'] : []),
    ];
    return { name, text: parts.join('; ') };
  });
}

function describeGateways(scenario: ScenarioSummary): HealthDescription[] {
  return scenario.gatewayVariants.map(({ name, options }) => {
    const retries = options.clientRetries === 0 ? 'no SDK retries' : `the SDK retries a failed try up to ${options.clientRetries} more times on the same service (408, 409, 429, 5xx, connection errors)`;
    if (options.version !== undefined && options.version !== 'v0.26041.1000-preview') {
      const pins = options.sessionAffinityMs > 0 ? `sessions pinned for ${options.sessionAffinityMs / 1000} s` : 'no session affinity';
      return { name, text: `tingly-box ${options.version}: a circuit breaker per service, failover before the first byte to each untried service, tiers; ${pins}; ${retries}` };
    }
    const attempts =
      options.maxAttempts <= 1 ? 'no retry on another service (as the seed)' : `up to ${options.maxAttempts} gateway attempts${options.excludeTried ? ', each on a service not tried yet' : ''}`;
    return { name, text: `${retries}; ${attempts}` };
  });
}

function incidentWindows(scenario: ScenarioSummary, cells: readonly CellResult[]): IncidentWindow[] {
  const byKey = new Map<string, IncidentWindow>();
  const add = (w: IncidentWindow): void => {
    const key = JSON.stringify([w.service, w.kind, w.startMs, w.endMs]);
    if (!byKey.has(key)) byKey.set(key, w);
  };
  for (const cell of cells) for (const i of cell.incidents) add({ service: i.service, kind: i.kind, startMs: i.startMs, endMs: i.endMs });
  for (const s of scenario.services) for (const i of s.behavior.incidents) add({ service: s.id, kind: i.kind, startMs: i.startMs, endMs: i.startMs + i.durationMs });
  return [...byKey.values()].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/** A cell's estimate of a metric: the aggregate in the results, else computed from its replications (n = 0 when unknown). */
export function cellEstimate(cell: CellResult, metric: ReportMetric): Estimate {
  const stored = cell.aggregate[metric.name];
  if (stored) return stored;
  return estimate(cell.replications.map((r) => metric.read(r.metrics)));
}

/** What each cell ran, in words: "5 replications", or "5 to 30 replications (auto: ...)". */
function replicationsPerCell(results: Results): string {
  const counts = results.cells.map((c) => c.replications.length);
  const least = counts.length === 0 ? results.run.replications : Math.min(...counts);
  const most = counts.length === 0 ? results.run.replications : Math.max(...counts);
  const count = least === most ? plural(most, 'replication') : `${least} to ${most} replications`;
  if (results.scenario.replicationMode !== 'auto') return count;
  const first = results.scenario.replications;
  return `${count} (auto: a first stage of ${first} for every cell, ${least === most && most === first ? 'which decided' : `the cells still in contention run on, up to ${results.scenario.maxReplications}`})`;
}
