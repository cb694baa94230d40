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
  incidents: z.array(
    z.object({
      service: z.string(),
      kind: z.string(),
      startMs: finite,
      endMs: finite,
      detected: count,
      replications: count,
      detectionDelayMs: nullableMs,
      requestsSentInto: finite,
      recoveryDelayMs: nullableMs,
    }),
  ),
});

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
    }),
    cells: z.array(cell),
    comparisons: z
      .object({ baseline: z.string(), paired: z.record(z.string(), z.record(z.string(), paired)) })
      .nullable()
      .describe('Paired differences against the baseline cell; null in a shard.'),
    expectations: z.array(z.object({ text: z.string(), passed: z.boolean(), details: z.array(z.string()) })).nullable(),
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
