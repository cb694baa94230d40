import type { GatewayPlan, RunObservers } from '../gateway/index.js';
import { GatewaySimulation, type GatewayRunResult } from '../gateway/index.js';
import { type CollectorService, type IncidentMetrics, MetricsCollector, type RunMetrics, type TimeSeries } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import { Sampler } from '../sim/index.js';
import type { ArrivalProcess, TraceRow, Workload } from '../workload/index.js';
import { type Cell, replicationSeed } from './matrix.js';

/**
 * One run, resolved from a scenario, a cell and a seed: what the dispatch loop needs (a
 * GatewayPlan) and what the metrics need (buckets, each service's identity and capacity). Plain
 * data: nothing downstream sees the scenario.
 */
export interface SimulationPlan extends GatewayPlan {
  /** The cell's labels. */
  cell: { id: string; tactic: string; health: string; gateway: string };
  /** Width of time-series buckets, in ms. */
  bucketMs: number;
  /** Each service's id, activity, incidents and throughput capacity, for the metrics. */
  metricsServices: CollectorService[];
}

/** Everything one run produced. Plain data, JSON-serialisable. */
export interface RunResult extends GatewayRunResult {
  metrics: RunMetrics;
  incidents: IncidentMetrics[];
  timeSeries: TimeSeries;
}

/** The plan of one cell of `scenario` for the run seeded `seed`. */
export function planFor(scenario: Scenario, cell: Cell, seed: number): SimulationPlan {
  return {
    seed,
    durationMs: scenario.durationMs,
    warmupMs: scenario.warmupMs,
    services: scenario.services.map(({ behavior: _, tier: _tier, ...config }) => config),
    tiers: scenario.services.map((s) => s.tier ?? 0),
    providers: scenario.services.map((s) => s.behavior),
    workload: scenario.workload,
    gateway: cell.gateway.options,
    tactic: cell.tactic,
    health: cell.health.config,
    limits: scenario.limits,
    sessions: sessionCount(scenario.workload),
    cell: { id: cell.id, tactic: cell.tactic.name, health: cell.health.name, gateway: cell.gateway.name },
    bucketMs: scenario.bucketMs,
    metricsServices: metricsServices(scenario),
  };
}

/** The plan of replication `replication` of a cell. */
export function replicationPlan(scenario: Scenario, cell: Cell, replication: number): SimulationPlan {
  return planFor(scenario, cell, replicationSeed(scenario.seed, replication));
}

/** Runs a plan: the dispatch loop, its events aggregated into metrics. */
export function simulatePlan(plan: SimulationPlan, observers?: RunObservers): RunResult {
  const collector = new MetricsCollector(plan.metricsServices, plan.bucketMs, plan.durationMs - plan.warmupMs);
  const run = new GatewaySimulation(plan, collector, observers).run();
  return { ...collector.finish(), ...run };
}

/** Sessions the providers must track: the workload's, or the trace's distinct sessions. */
function sessionCount(workload: Workload): number {
  const { arrivals, sessions } = workload;
  if (arrivals.kind !== 'trace') return sessions;
  let max = -1;
  for (const row of arrivals.rows) if (row.session > max) max = row.session;
  return max + 1;
}

/**
 * Each service's identity, activity, incidents and throughput capacity in requests per second,
 * for fairness: the binding one of its limits, min(concurrency / mean service time, rpm / 60,
 * tpm / 60 / mean tokens per request), tokens being input plus output as the provider's budget
 * counts them. A service with no finite limit can take the whole offered load, so that is its
 * capacity.
 */
function metricsServices(scenario: Scenario): CollectorService[] {
  const { workload } = scenario;
  const rows = workload.arrivals.kind === 'trace' ? workload.arrivals.rows : null;
  const meanOf = (pick: (r: TraceRow) => number): number => (rows ? rows.reduce((s, r) => s + pick(r), 0) / Math.max(1, rows.length) : 0);
  const meanOutput = rows ? meanOf((r) => r.outputTokens) : new Sampler(workload.outputTokens).mean();
  const meanTokens = meanOutput + (rows ? meanOf((r) => r.inputTokens) : new Sampler(workload.inputTokens).mean());
  const offered = offeredRatePerSecond(workload.arrivals, scenario.durationMs);
  return scenario.services.map((spec) => {
    const b = spec.behavior;
    const serviceMs = new Sampler(b.ttftMs).mean() + (meanOutput * 1000) / new Sampler(b.tokensPerSecond).mean();
    const { requestsPerMinute, tokensPerMinute } = b.rateLimits;
    const limits = [(b.concurrency * 1000) / Math.max(serviceMs, 1e-9), requestsPerMinute / 60, tokensPerMinute / 60 / Math.max(meanTokens, 1e-9)].filter((x) => Number.isFinite(x));
    const capacityPerSecond = limits.length > 0 ? Math.min(...limits) : offered;
    return { id: `${spec.provider}:${spec.model}`, active: spec.active, capacityPerSecond, incidents: b.incidents };
  });
}

/** Mean arrival rate over the run, in requests per second. */
function offeredRatePerSecond(arrivals: ArrivalProcess, durationMs: number): number {
  switch (arrivals.kind) {
    case 'constant':
    case 'poisson':
      return arrivals.ratePerSecond;
    case 'bursty':
      return (arrivals.onRatePerSecond * arrivals.onMs + arrivals.offRatePerSecond * arrivals.offMs) / (arrivals.onMs + arrivals.offMs);
    case 'diurnal':
      return arrivals.meanRatePerSecond;
    case 'ramp':
      return (arrivals.fromRatePerSecond + arrivals.toRatePerSecond) / 2;
    case 'trace':
      return arrivals.rows.length / Math.max(durationMs / 1000, 1e-9);
  }
}
