import type { HealthMonitorConfig, TacticParams } from '../balancer/index.js';
import type { GatewayOptions } from '../gateway/index.js';
import type { ProviderModel } from '../providers/index.js';
import type { CellSelector, Expectation, Goal, Scenario } from '../scenario/index.js';
import type { Distribution } from '../sim/index.js';

/** Version of the scenario summary's shape in results.json. */
export const SCENARIO_SUMMARY_VERSION = 1;

/** A quantity that may be unlimited: a number, or null for none (no limit, no timeout). */
export type Limit = number | null;

/** How requests arrived: the arrival process, a replayed trace by its row count. */
export type ArrivalSummary = { kind: 'constant' | 'poisson'; ratePerSecond: number } | { kind: 'bursty'; onRatePerSecond: number; offRatePerSecond: number; onMs: number; offMs: number }
  | { kind: 'diurnal'; meanRatePerSecond: number; amplitude: number; periodMs: number; phaseRadians: number }
  | { kind: 'ramp'; fromRatePerSecond: number; toRatePerSecond: number }
  | { kind: 'trace'; rowCount: number };

/** The provider behind a service, JSON-safe: unlimited quantities as null. */
export interface ProviderSummary extends Omit<ProviderModel, 'concurrency' | 'queueLimit' | 'rateLimits' | 'load'> {
  load: { decodeTokensPerSecond: Limit; prefillTokensPerSecond: Limit };
  concurrency: Limit;
  queueLimit: Limit;
  rateLimits: Omit<ProviderModel['rateLimits'], 'requestsPerMinute' | 'tokensPerMinute'> & { requestsPerMinute: Limit; tokensPerMinute: Limit };
}

/** One service of the rule, with its id and the provider behind it. */
export interface ServiceSummary {
  /** `provider:model`. */
  id: string;
  provider: string;
  model: string;
  weight: number;
  active: boolean;
  timeWindow: number;
  modelCapacity: number | null;
  behavior: ProviderSummary;
}

/** The scenario as results.json records it: what readers of results (reports, merge) may rely on, by name and type. */
export interface ScenarioSummary {
  summaryVersion: typeof SCENARIO_SUMMARY_VERSION;
  name: string;
  description: string;
  question: string;
  seed: number;
  durationMs: number;
  warmupMs: number;
  /** The replication count (fixed), or the first stage (auto). */
  replications: number;
  replicationMode: 'fixed' | 'auto';
  maxReplications: number;
  goal: Goal;
  bucketMs: number;
  limits: { maxEvents: number; maxSimulatedMs: number };
  workload: { arrivals: ArrivalSummary; inputTokens: Distribution | null; outputTokens: Distribution | null; streamingFraction: number; sessions: number };
  services: ServiceSummary[];
  tactics: Array<{ name: string; type: number; params: TacticParams }>;
  health: Array<{ name: string; config: HealthMonitorConfig | null }>;
  gatewayVariants: Array<{ name: string; options: Omit<GatewayOptions, 'requestTimeoutMs'> & { requestTimeoutMs: Limit } }>;
  baseline: { tactic: string; health: string; gateway: string };
  expect: Expectation[];
}

const limit = (x: number): Limit => (Number.isFinite(x) ? x : null);

/** The summary of a scenario for its results. */
export function summariseScenario(scenario: Scenario): ScenarioSummary {
  const { workload } = scenario;
  const trace = workload.arrivals.kind === 'trace';
  return {
    summaryVersion: SCENARIO_SUMMARY_VERSION,
    name: scenario.name,
    description: scenario.description,
    question: scenario.question,
    seed: scenario.seed,
    durationMs: scenario.durationMs,
    warmupMs: scenario.warmupMs,
    replications: scenario.replications,
    replicationMode: scenario.replicationMode,
    maxReplications: scenario.maxReplications,
    goal: structuredClone(scenario.goal),
    bucketMs: scenario.bucketMs,
    limits: { ...scenario.limits },
    workload: {
      arrivals: workload.arrivals.kind === 'trace' ? { kind: 'trace', rowCount: workload.arrivals.rows.length } : { ...workload.arrivals },
      inputTokens: trace ? null : workload.inputTokens,
      outputTokens: trace ? null : workload.outputTokens,
      streamingFraction: workload.streamingFraction,
      sessions: workload.sessions,
    },
    services: scenario.services.map((s) => {
      const { concurrency, queueLimit, rateLimits, incidents, load, ...rest } = s.behavior;
      return {
        id: `${s.provider}:${s.model}`,
        provider: s.provider,
        model: s.model,
        weight: s.weight,
        active: s.active,
        timeWindow: s.timeWindow,
        modelCapacity: s.modelCapacity ?? null,
        behavior: {
          ...rest,
          incidents,
          concurrency: limit(concurrency),
          queueLimit: limit(queueLimit),
          load: { decodeTokensPerSecond: limit(load.decodeTokensPerSecond), prefillTokensPerSecond: limit(load.prefillTokensPerSecond) },
          rateLimits: { ...rateLimits, requestsPerMinute: limit(rateLimits.requestsPerMinute), tokensPerMinute: limit(rateLimits.tokensPerMinute) },
        },
      };
    }),
    tactics: scenario.tactics.map((t) => ({ name: t.name, type: t.type, params: { ...t.params } })),
    health: scenario.health.map((h) => ({ name: h.name, config: h.config === null ? null : { ...h.config } })),
    gatewayVariants: scenario.gatewayVariants.map((v) => ({ name: v.name, options: { ...v.options, retryOn: [...v.options.retryOn], requestTimeoutMs: limit(v.options.requestTimeoutMs) } })),
    baseline: { ...scenario.baseline },
    expect: scenario.expect.map((e) => ({ ...e, where: { ...e.where }, ...(e.kind === 'compare' ? { than: { ...e.than } as CellSelector } : {}) })),
  };
}
