import type { GatewayPlan, RunObservers } from '../gateway/index.js';
import { GatewaySimulation, type GatewayRunResult } from '../gateway/index.js';
import { type CollectorService, type IncidentMetrics, MetricsCollector, type RunMetrics, type TimeSeries } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import { Sampler } from '../sim/index.js';
import type { Workload } from '../workload/index.js';
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
    services: scenario.services.map(({ behavior: _, ...config }) => config),
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

/** Each service's identity, activity, incidents and throughput capacity (requests per second). */
function metricsServices(scenario: Scenario): CollectorService[] {
  const { workload } = scenario;
  const meanOutput =
    workload.arrivals.kind === 'trace'
      ? workload.arrivals.rows.reduce((s, r) => s + r.outputTokens, 0) / Math.max(1, workload.arrivals.rows.length)
      : new Sampler(workload.outputTokens).mean();
  return scenario.services.map((spec) => {
    const b = spec.behavior;
    const serviceMs = new Sampler(b.ttftMs).mean() + (meanOutput * 1000) / new Sampler(b.tokensPerSecond).mean();
    const capacityPerSecond = Number.isFinite(b.concurrency) ? (b.concurrency * 1000) / Math.max(serviceMs, 1e-9) : 1;
    return { id: `${spec.provider}:${spec.model}`, active: spec.active, capacityPerSecond, incidents: b.incidents };
  });
}
