import { z } from 'zod';
import { SCENARIO_SUMMARY_VERSION } from './scenario-summary.js';

/**
 * The schema of results.json's `scenario`: the typed summary of the scenario a run simulated (see
 * ScenarioSummary). Objects are open, so a newer minor addition still reads.
 */
const count = z.number().int().min(0);
const finite = z.number();
const limit = z.number().nullable().describe('A number, or null for none (no limit, no timeout).');

const distribution = z.object({ kind: z.enum(['constant', 'uniform', 'normal', 'lognormal', 'exponential', 'empirical']) }).loose().meta({ id: 'Distribution', description: 'A distribution in its unit (ms, tokens, tokens/s).' });

const incident = z
  .object({ kind: z.enum(['down', 'rate_limited', 'auth_revoked', 'slow', 'flaky', 'degraded', 'mid_stream', 'stall']), startMs: finite, durationMs: finite })
  .loose()
  .meta({ id: 'Incident', description: 'A scheduled change in a provider, with its kind-specific fields.' });

const provider = z
  .object({
    concurrency: limit,
    queueLimit: limit,
    overloadStatus: count,
    ttftMs: distribution,
    tokensPerSecond: distribution,
    rateLimits: z.object({
      requestsPerMinute: limit,
      tokensPerMinute: limit,
      granularity: z.enum(['minute', 'second']),
      requestBurst: finite.nullable(),
      tokenBurst: finite.nullable(),
      retryAfter: z.enum(['wait', 'reset', 'none']),
      countedMaxTokens: finite.nullable(),
    }),
    errorRates: z.record(z.string(), finite),
    errorText: z.record(z.string(), z.string()),
    errorLatencyMs: distribution,
    timeoutMs: finite,
    incidents: z.array(incident),
    load: z.object({ decodeTokensPerSecond: limit, prefillTokensPerSecond: limit }),
    cache: z.object({ hitProbability: finite, ttftFactor: finite, inputPriceFactor: finite, ttlMs: finite }),
    price: z.object({ inputPerMillion: finite, outputPerMillion: finite }),
    probeLatencyMs: finite,
  })
  .loose();

const selector = z.object({ tactic: z.string().optional(), health: z.string().optional(), gateway: z.string().optional() });

/** results.json's `scenario`. */
export const scenarioSummarySchema = z
  .object({
    summaryVersion: z.literal(SCENARIO_SUMMARY_VERSION),
    name: z.string(),
    description: z.string(),
    question: z.string(),
    seed: count,
    durationMs: finite,
    warmupMs: finite,
    replications: count,
    replicationMode: z.enum(['fixed', 'auto']),
    maxReplications: count,
    goal: z.object({ optimize: z.string(), tieBreakers: z.array(z.string()), confidence: finite }).loose(),
    bucketMs: finite,
    limits: z.object({ maxEvents: finite, maxSimulatedMs: finite }),
    workload: z.object({
      arrivals: z.object({ kind: z.enum(['constant', 'poisson', 'bursty', 'diurnal', 'ramp', 'trace']) }).loose(),
      inputTokens: distribution.nullable(),
      outputTokens: distribution.nullable(),
      streamingFraction: finite,
      sessions: count,
    }),
    services: z.array(
      z
        .object({ id: z.string(), provider: z.string(), model: z.string(), weight: finite, active: z.boolean(), timeWindow: finite, modelCapacity: finite.nullable(), behavior: provider })
        .loose(),
    ),
    tactics: z.array(z.object({ name: z.string(), type: count, params: z.record(z.string(), z.union([finite, z.string()])) })),
    health: z.array(
      z.object({
        name: z.string(),
        config: z.object({ consecutiveErrorThreshold: count, recoveryTimeoutSeconds: count, probeEnabled: z.boolean(), rateLimitHold: z.boolean().optional() }).nullable(),
      }),
    ),
    gatewayVariants: z.array(z.object({ name: z.string(), options: z.object({ maxAttempts: count, clientRetries: count, requestTimeoutMs: limit }).loose() })),
    baseline: z.object({ tactic: z.string(), health: z.string(), gateway: z.string() }),
    expect: z.array(z.object({ kind: z.enum(['bound', 'compare']), metric: z.string(), where: selector, text: z.string() }).loose()),
  })
  .loose()
  .meta({ id: 'ScenarioSummary', description: 'The scenario the run simulated: times in ms, rates per second, unlimited quantities as null.' });
