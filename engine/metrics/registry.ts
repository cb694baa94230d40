import type { RunMetrics, ServiceMetrics } from './types.js';

/** The unit of a metric, which decides how it is shown: a fraction (shown as percent), ms, dollars, a count, or a plain number. */
export type MetricUnit = 'fraction' | 'ms' | 'dollars' | 'count' | 'number';

/**
 * A metric: the one description every output uses (the terminal summary, summary.md, the HTML
 * report, `expect`, the golden check, the ranking of cells).
 */
export interface MetricDefinition {
  /** Name in scenario files and results (snake_case). */
  name: string;
  /** Human label with its unit, for prose. */
  label: string;
  /** Short column title. */
  title: string;
  unit: MetricUnit;
  /** Which way is better. */
  better: 'higher' | 'lower';
  /**
   * Meaningless without successful requests (the latency of nothing, the cost per zero
   * successes): a cell with a replication without success is never ranked on it.
   */
  needsSuccess: boolean;
  /**
   * The successes a run's value is computed over (successful requests; for TTFT, the streamed
   * ones): with needsSuccess, a cell is ranked only when every replication has at least one.
   */
  successesOf: (metrics: RunMetrics) => number;
  /** What it measures, in one sentence (format reference and captions). */
  definition: string;
  /** Reads the metric from one run's metrics. */
  read: (metrics: RunMetrics) => number;
}

type Spec = Omit<MetricDefinition, 'needsSuccess' | 'successesOf'> & Partial<Pick<MetricDefinition, 'needsSuccess' | 'successesOf'>>;
const allSuccesses = (m: RunMetrics): number => m.successes;
const streamedSuccesses = (m: RunMetrics): number => m.streamedSuccesses;
const define = (spec: Spec): MetricDefinition => ({ needsSuccess: false, successesOf: allSuccesses, ...spec });

/** How the quantile metrics are measured, for their definitions. */
const SKETCHED = 'read from a sketch within 0.1% of the exact value';
/** Which requests TTFT covers, for its definitions. */
const STREAMS = 'of streamed successful requests only (a non-streamed answer arrives whole, with no TTFT of its own; a cell with a replication without a streamed success is not ranked)';

/** Every scalar metric, by name. */
export const METRICS: readonly MetricDefinition[] = [
  define({ name: 'success_rate', label: 'success rate', title: 'Success rate', unit: 'fraction', better: 'higher', definition: 'Successful requests over requests that arrived after the warm-up.', read: (m) => m.successRate }),
  define({ name: 'latency_mean_ms', label: 'mean latency (ms)', title: 'Mean latency', unit: 'ms', better: 'lower', needsSuccess: true, definition: 'Mean end-to-end latency of successful requests: arrival to last token, every retry included.', read: (m) => m.latencyMs.mean }),
  define({ name: 'latency_p50_ms', label: 'p50 latency (ms)', title: 'p50 latency', unit: 'ms', better: 'lower', needsSuccess: true, definition: `Median end-to-end latency of successful requests, ${SKETCHED}.`, read: (m) => m.latencyMs.p50 }),
  define({ name: 'latency_p95_ms', label: 'p95 latency (ms)', title: 'p95 latency', unit: 'ms', better: 'lower', needsSuccess: true, definition: `95th percentile of the end-to-end latency of successful requests, ${SKETCHED}.`, read: (m) => m.latencyMs.p95 }),
  define({ name: 'latency_p99_ms', label: 'p99 latency (ms)', title: 'p99 latency', unit: 'ms', better: 'lower', needsSuccess: true, definition: `99th percentile of the end-to-end latency of successful requests, ${SKETCHED}.`, read: (m) => m.latencyMs.p99 }),
  define({ name: 'ttft_mean_ms', label: 'mean TTFT of streams (ms)', title: 'Mean TTFT', unit: 'ms', better: 'lower', needsSuccess: true, successesOf: streamedSuccesses, definition: `Mean time from arrival to first token ${STREAMS}.`, read: (m) => m.ttftMs.mean }),
  define({ name: 'ttft_p50_ms', label: 'p50 TTFT of streams (ms)', title: 'p50 TTFT', unit: 'ms', better: 'lower', needsSuccess: true, successesOf: streamedSuccesses, definition: `Median time from arrival to first token ${STREAMS}, ${SKETCHED}.`, read: (m) => m.ttftMs.p50 }),
  define({ name: 'ttft_p95_ms', label: 'p95 TTFT of streams (ms)', title: 'p95 TTFT', unit: 'ms', better: 'lower', needsSuccess: true, successesOf: streamedSuccesses, definition: `95th percentile of the time from arrival to first token ${STREAMS}, ${SKETCHED}.`, read: (m) => m.ttftMs.p95 }),
  define({ name: 'ttft_p99_ms', label: 'p99 TTFT of streams (ms)', title: 'p99 TTFT', unit: 'ms', better: 'lower', needsSuccess: true, successesOf: streamedSuccesses, definition: `99th percentile of the time from arrival to first token ${STREAMS}, ${SKETCHED}.`, read: (m) => m.ttftMs.p99 }),
  define({ name: 'queue_wait_ms', label: 'mean queue wait (ms)', title: 'Queue wait', unit: 'ms', better: 'lower', definition: 'Mean wait for a provider slot of the tries providers served.', read: (m) => m.queueWaitMs }),
  define({ name: 'goodput_per_second', label: 'goodput (successful req/s)', title: 'Goodput (req/s)', unit: 'number', better: 'higher', definition: 'Successful requests per second of measured time.', read: (m) => m.goodputPerSecond }),
  define({ name: 'output_tokens_per_second', label: 'output tokens/s', title: 'Output tokens/s', unit: 'number', better: 'higher', definition: 'Output tokens of successful requests per second of measured time.', read: (m) => m.outputTokensPerSecond }),
  define({ name: 'cost_dollars', label: 'cost ($)', title: 'Cost', unit: 'dollars', better: 'lower', definition: 'What providers billed: successes, and the partial output of broken streams.', read: (m) => m.costDollars }),
  define({ name: 'cost_per_1k_success', label: 'cost per 1,000 successes ($)', title: 'Cost / 1k successes', unit: 'dollars', better: 'lower', needsSuccess: true, definition: 'Billed cost per 1,000 successful requests.', read: (m) => m.costPer1kSuccess }),
  define({ name: 'attempts_per_request', label: 'gateway attempts per request', title: 'Attempts / request', unit: 'number', better: 'lower', definition: 'Selections per request (above 1 only with the gateway’s retry options).', read: (m) => m.attemptsPerRequest }),
  define({ name: 'provider_attempts_per_request', label: 'provider attempts per request (retry amplification)', title: 'Provider tries / request', unit: 'number', better: 'lower', definition: 'HTTP requests providers received per request, the SDK’s retries included.', read: (m) => m.providerAttemptsPerRequest }),
  define({ name: 'sdk_retries', label: 'SDK retries', title: 'SDK retries', unit: 'count', better: 'lower', definition: 'Tries the provider SDK made again on the same service.', read: (m) => m.sdkRetries }),
  define({ name: 'failures', label: 'failed requests', title: 'Failures', unit: 'count', better: 'lower', definition: 'Requests that did not succeed.', read: (m) => m.failures }),
  define({ name: 'rate_limited', label: '429s the balancer saw', title: '429s seen', unit: 'count', better: 'lower', definition: 'Attempts that ended with a 429 after the SDK’s retries.', read: (m) => m.rateLimited }),
  define({ name: 'provider_rate_limited', label: '429s providers sent', title: '429s sent', unit: 'count', better: 'lower', definition: '429 answers providers sent, over every try.', read: (m) => m.providerRateLimited }),
  define({ name: 'no_healthy', label: 'no-healthy-service failures', title: 'No-healthy failures', unit: 'count', better: 'lower', definition: 'Requests that failed because no service was healthy.', read: (m) => m.noHealthy }),
  define({ name: 'probes', label: 'health probes', title: 'Probes', unit: 'count', better: 'lower', definition: 'Health probes the monitor ran.', read: (m) => m.probes }),
  define({ name: 'session_continuity', label: 'session continuity', title: 'Session continuity', unit: 'fraction', better: 'higher', needsSuccess: false, definition: "Of a session's successful requests after its first, the share served by the same service as its previous success, where its prompt cache is (1 without sessions).", read: (m) => m.sessionContinuity }),
  define({ name: 'cache_hit_rate', label: 'prompt-cache hit rate', title: 'Cache hit rate', unit: 'fraction', better: 'higher', needsSuccess: true, definition: 'Prompt-cache hits among successful requests.', read: (m) => m.cacheHitRate }),
  define({ name: 'fairness', label: 'fairness vs capacity (Jain)', title: 'Fairness', unit: 'number', better: 'higher', definition: 'Jain’s index over active services of share of attempts / share of capacity (1: traffic proportional to capacity; 1/n: all of it on one of n), where a service’s capacity in requests/s is the binding one of its limits, min(concurrency / mean service time, rpm / 60, tpm / 60 / mean input+output tokens per request), or the offered load when it has none.', read: (m) => m.fairness }),
  define({ name: 'requests', label: 'requests', title: 'Requests', unit: 'count', better: 'higher', definition: 'Requests that arrived after the warm-up.', read: (m) => m.requests }),
];

/** The metrics of the verdict, in order: success rate first, then p95 latency, p95 TTFT and cost. */
export const KEY_METRIC_NAMES = ['success_rate', 'latency_p95_ms', 'ttft_p95_ms', 'cost_per_1k_success'] as const;

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

interface ServiceField {
  field: string;
  title: string;
  unit: MetricUnit;
  better: 'higher' | 'lower';
  definition: string;
  read: (s: ServiceMetrics) => number;
}

/** Per-service metrics, named `<field>:<provider:model>`, e.g. `share:openai:gpt-4o`. */
const SERVICE_FIELDS: readonly ServiceField[] = [
  { field: 'share', title: 'share', unit: 'fraction', better: 'higher', definition: 'the service’s share of the gateway attempts (selections)', read: (s) => s.share },
  { field: 'success_share', title: 'success share', unit: 'fraction', better: 'higher', definition: 'the service’s share of the successful attempts', read: (s) => s.successShare },
  { field: 'attempts', title: 'attempts', unit: 'count', better: 'higher', definition: 'gateway attempts (selections) sent to the service', read: (s) => s.attempts },
  { field: 'provider_attempts', title: 'provider attempts', unit: 'count', better: 'higher', definition: 'provider tries sent to the service, the SDK’s retries included', read: (s) => s.providerAttempts },
  { field: 'successes', title: 'successes', unit: 'count', better: 'higher', definition: 'attempts at the service that succeeded', read: (s) => s.successes },
  { field: 'errors', title: 'errors', unit: 'count', better: 'lower', definition: 'attempts at the service that failed with a status other than 429', read: (s) => s.errors },
  { field: 'rate_limited', title: '429s', unit: 'count', better: 'lower', definition: 'attempts at the service that ended with a 429 after the SDK’s retries', read: (s) => s.rateLimited },
];

/** The metric called `name`, including per-service ones (`share:<service id>`), or undefined. */
export function findMetric(name: string): MetricDefinition | undefined {
  const known = BY_NAME.get(name);
  if (known) return known;
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  const spec = SERVICE_FIELDS.find((f) => f.field === name.slice(0, colon));
  const service = name.slice(colon + 1);
  if (!spec || service === '') return undefined;
  return {
    name,
    label: `${spec.title} of ${service}`,
    title: `${spec.title} of ${service}`,
    unit: spec.unit,
    better: spec.better,
    needsSuccess: false,
    successesOf: allSuccesses,
    definition: `${spec.definition.charAt(0).toUpperCase()}${spec.definition.slice(1)}.`,
    read: (m) => {
      const s = m.services[service];
      return s ? spec.read(s) : Number.NaN;
    },
  };
}

/** Every metric name a scenario may use (per-service ones as patterns). */
export function metricNames(): string[] {
  return [...METRICS.map((m) => m.name), ...SERVICE_FIELDS.map((f) => `${f.field}:<provider:model>`)];
}

/** Per-service metric patterns with their definitions, for the format reference. */
export function serviceMetricPatterns(): Array<{ pattern: string; definition: string; better: 'higher' | 'lower' }> {
  return SERVICE_FIELDS.map((f) => ({ pattern: `${f.field}:<provider:model>`, definition: f.definition, better: f.better }));
}
