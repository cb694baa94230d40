import { z } from 'zod';
import { RESULTS_VERSION } from './results.js';
import { scenarioSummarySchema } from './scenario-summary-schema.js';

/**
 * The schema of results.json (format `lbsim-results`, version 1): the source of the published
 * JSON Schema and of the check `lbsim report` and `lbsim merge` run on the files they read.
 * Objects are open (extra keys allowed) so that newer minor additions still read.
 */
const count = z.number().int().min(0);
const finite = z.number();
const nullableMs = z.number().nullable();

const summary = z.object({ mean: finite, p50: finite, p95: finite, p99: finite });

const serviceMetrics = z.object({
  attempts: count,
  providerAttempts: count,
  successes: count,
  errors: count,
  rateLimited: count,
  share: finite,
  successShare: finite,
  meanQueueWaitMs: finite,
  costDollars: finite,
});

const runMetrics = z
  .object({
    requests: count,
    successes: count,
    failures: count,
    successRate: finite,
    errorsByStatus: z.record(z.string(), count),
    attemptsByStatus: z.record(z.string(), count),
    attempts: count,
    attemptsPerRequest: finite,
    providerAttempts: count,
    providerAttemptsPerRequest: finite,
    sdkRetries: count,
    providerAttemptsByStatus: z.record(z.string(), count),
    latencyMs: summary,
    streamedSuccesses: count,
    ttftMs: summary,
    queueWaitMs: finite,
    goodputPerSecond: finite,
    outputTokensPerSecond: finite,
    costDollars: finite,
    costPer1kSuccess: finite,
    rateLimited: count,
    providerRateLimited: count,
    probes: count,
    noHealthy: count,
    cacheHitRate: finite,
    sessionContinuity: finite,
    fairness: finite,
    services: z.record(z.string(), serviceMetrics),
  })
  .meta({ id: 'RunMetrics', description: 'Every metric of one run (one cell, one replication).' });

const incident = z.object({
  service: z.string(),
  kind: z.string(),
  startMs: finite,
  endMs: finite,
  requestsSentInto: count,
  detectionDelayMs: nullableMs,
  lastingDetectionDelayMs: nullableMs,
  recoveryDelayMs: nullableMs,
});

const estimate = z.object({ n: count, mean: finite, ci95: finite, min: finite, max: finite }).meta({ id: 'Estimate', description: 'Mean over replications with the half-width of its 95% confidence interval.' });
const paired = estimate.extend({ significant: z.boolean() });

const series = z.array(finite);
const timeSeries = z.object({
  bucketMs: finite,
  arrivals: series,
  successes: series,
  failures: series,
  services: z.record(
    z.string(),
    z.object({ attempts: series, successes: series, errors: series, rateLimited: series, p95LatencyMs: series, unhealthyFraction: series }),
  ),
});

const distribution = z
  .object({
    relativeAccuracy: finite,
    count,
    mean: finite,
    min: finite,
    max: finite,
    levels: z.array(finite),
    quantiles: z.array(finite),
  })
  .meta({ id: 'PooledDistribution', description: 'A distribution pooled over replications: exact count, mean, min and max, and the quantile at each probability level of `levels`, each within relativeAccuracy of a true sample value.' });

const cell = z.object({
  id: z.string(),
  index: count,
  tactic: z.string(),
  health: z.string(),
  gateway: z.string(),
  replications: z.array(
    z.object({
      replication: count,
      seed: count,
      metrics: runMetrics,
      incidents: z.array(incident),
      totals: z.object({ arrivals: count, successes: count, failures: count, events: count, simulatedMs: finite }),
    }),
  ),
  aggregate: z.record(z.string(), estimate),
  shares: z.record(z.string(), estimate),
  timeSeries,
  latencyDistribution: distribution,
  ttftDistribution: distribution,
  incidents: z.array(
    z.object({
      service: z.string(),
      kind: z.string(),
      startMs: finite,
      endMs: finite,
      detected: count,
      replications: count,
      detectionDelayMs: nullableMs,
      lastingDetected: count,
      lastingDetectionDelayMs: nullableMs,
      requestsSentInto: finite,
      recoveryDelayMs: nullableMs,
    }),
  ),
});

const goalSchema = z.object({
  optimize: z.string(),
  constraints: z.array(z.object({ metric: z.string(), op: z.enum(['>=', '<=']), value: finite, text: z.string() })),
  tieBreakers: z.array(z.string()),
  indifference: z.record(z.string(), z.union([z.object({ kind: z.literal('absolute'), value: finite }), z.object({ kind: z.literal('relative'), fraction: finite })])),
  confidence: finite,
  stated: z.boolean(),
});

const recommendation = z
  .object({
    cell: z.string().nullable().describe('The recommended cell id; null when the evidence supports none.'),
    leading: z.string().nullable(),
    decided: z.boolean(),
    undecidedReason: z.string().nullable(),
    confidence: finite,
    steps: z.array(z.object({ metric: z.string(), zoneAbsolute: finite, candidates: z.array(z.string()), withinZone: z.array(z.string()), decided: z.boolean() })),
    withinZone: z.array(z.string()),
    asGood: z.array(z.string()),
    constraints: z.array(z.object({ text: z.string(), outcomes: z.record(z.string(), z.enum(['meets', 'might_fail', 'fails'])) })),
    excluded: z.array(z.object({ cell: z.string(), reason: z.string() })),
    goal: goalSchema,
    procedure: z.object({ name: z.string(), reference: z.string() }),
    probabilityOfGoodSelection: finite.nullable(),
    replications: z.object({ mode: z.enum(['fixed', 'auto']), firstStage: count, max: count, perCell: z.record(z.string(), count), capped: z.boolean() }),
    statement: z.string().describe('The recommendation in one sentence.'),
  })
  .meta({ id: 'Recommendation', description: 'The cell to use for the scenario goal, chosen by a selection procedure with a stated probability of good selection.' });

/** The results.json schema. */
export const resultsSchema = z
  .object({
    format: z.literal('lbsim-results'),
    version: z.literal(RESULTS_VERSION),
    lbsimVersion: z.string(),
    scenario: scenarioSummarySchema,
    name: z.string(),
    metricInfo: z.record(z.string(), z.object({ label: z.string(), better: z.enum(['higher', 'lower']) })),
    run: z.object({
      seed: count,
      replications: count,
      seeds: z.array(count),
      cellCount: count,
      shard: z.object({ index: count, count }).optional(),
      capped: z.boolean().optional(),
    }),
    cells: z.array(cell),
    comparisons: z
      .object({ baseline: z.string(), paired: z.record(z.string(), z.record(z.string(), paired)) })
      .nullable()
      .describe('Paired differences against the baseline cell; null in a shard.'),
    expectations: z.array(z.object({ text: z.string(), passed: z.boolean(), details: z.array(z.string()) })).nullable(),
    recommendation: recommendation.nullable().describe('The recommendation; null in a shard (it needs every cell).'),
  })
  .meta({ id: 'LbsimResults', title: 'lbsim results', description: 'What one scenario run produced (results.json).' });

/** The JSON Schema of results.json, as published in reports/results.schema.json. */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** Problems of a parsed results file, each as `path: message` (empty when it is valid). */
export function resultsProblems(value: unknown): string[] {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version !== RESULTS_VERSION) {
    return [`version: results format ${version} was written by another lbsim (this one reads ${RESULTS_VERSION}); run the scenario again with this version`];
  }
  const parsed = resultsSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)'}: ${issue.message}`);
}
