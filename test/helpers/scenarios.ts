import { UPSTREAM_GATEWAY_OPTIONS } from '../../engine/gateway/index.js';
import type { ProviderModel } from '../../engine/providers/index.js';
import { defaultGoal } from '../../engine/scenario/index.js';
import type { Scenario, ServiceSpec } from '../../engine/scenario/index.js';

/** A provider with sensible defaults: 64 slots, lognormal TTFT 400 ms (p99 1.5 s), 60 tok/s. */
export function provider(overrides: Partial<ProviderModel> = {}): ProviderModel {
  return {
    concurrency: 64,
    queueLimit: Number.POSITIVE_INFINITY,
    overloadStatus: 503,
    ttftMs: { kind: 'lognormal', median: 400, p99: 1_500 },
    tokensPerSecond: { kind: 'normal', mean: 60, sd: 10, min: 5 },
    rateLimits: { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null },
    errorRates: {},
    errorLatencyMs: { kind: 'constant', value: 50 },
    timeoutMs: 30_000,
    incidents: [],
    errorText: {},
    load: { decodeTokensPerSecond: Number.POSITIVE_INFINITY, prefillTokensPerSecond: Number.POSITIVE_INFINITY },
    cache: { hitProbability: 0, ttftFactor: 0.5, inputPriceFactor: 0.5, ttlMs: 300_000 },
    price: { inputPerMillion: 1, outputPerMillion: 4 },
    probeLatencyMs: 100,
    ...overrides,
  };
}

/** A service `name:m` with weight 1 and the given provider model. */
export function service(name: string, behavior: ProviderModel = provider(), overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return { provider: name, model: 'm', weight: 1, active: true, timeWindow: 60, behavior, ...overrides };
}

/** A normalised scenario: Poisson 20/s for 60 s over two default providers, random tactic, no monitor. */
export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    description: 'a test scenario',
    question: 'does it work?',
    seed: 7,
    durationMs: 60_000,
    warmupMs: 0,
    replications: 1,
    replicationMode: 'fixed',
    maxReplications: 1,
    goal: defaultGoal(),
    workload: {
      arrivals: { kind: 'poisson', ratePerSecond: 20 },
      inputTokens: { kind: 'constant', value: 500 },
      outputTokens: { kind: 'uniform', min: 50, max: 300 },
      streamingFraction: 1,
      sessions: 0,
    },
    services: [service('a'), service('b')],
    gateway: { ...UPSTREAM_GATEWAY_OPTIONS },
    tactics: [{ name: 'random', type: 3, params: {} }],
    health: [{ name: 'none', config: null }],
    gatewayVariants: [{ name: 'default', options: { ...UPSTREAM_GATEWAY_OPTIONS } }],
    expect: [],
    baseline: { tactic: 'random', health: 'none', gateway: 'default' },
    bucketMs: 5_000,
    limits: { maxEvents: 100_000_000, maxSimulatedMs: 3_600_000 },
    ...overrides,
  };
}
