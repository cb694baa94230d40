import type { RunMetrics } from './types.js';

/** A metric that scenarios can assert on and reports can rank by. */
export interface MetricDefinition {
  /** Name in scenario files and reports (snake_case). */
  name: string;
  /** Human label with unit. */
  label: string;
  /** Which way is better. */
  better: 'higher' | 'lower';
  /** Reads the metric from one run's metrics. */
  read: (metrics: RunMetrics) => number;
}

const define = (name: string, label: string, better: 'higher' | 'lower', read: (m: RunMetrics) => number): MetricDefinition => ({ name, label, better, read });

/** Every scalar metric, by name. */
export const METRICS: readonly MetricDefinition[] = [
  define('success_rate', 'success rate', 'higher', (m) => m.successRate),
  define('latency_mean_ms', 'mean latency (ms)', 'lower', (m) => m.latencyMs.mean),
  define('latency_p50_ms', 'p50 latency (ms)', 'lower', (m) => m.latencyMs.p50),
  define('latency_p95_ms', 'p95 latency (ms)', 'lower', (m) => m.latencyMs.p95),
  define('latency_p99_ms', 'p99 latency (ms)', 'lower', (m) => m.latencyMs.p99),
  define('ttft_mean_ms', 'mean TTFT (ms)', 'lower', (m) => m.ttftMs.mean),
  define('ttft_p50_ms', 'p50 TTFT (ms)', 'lower', (m) => m.ttftMs.p50),
  define('ttft_p95_ms', 'p95 TTFT (ms)', 'lower', (m) => m.ttftMs.p95),
  define('ttft_p99_ms', 'p99 TTFT (ms)', 'lower', (m) => m.ttftMs.p99),
  define('queue_wait_ms', 'mean queue wait (ms)', 'lower', (m) => m.queueWaitMs),
  define('goodput_per_second', 'goodput (successful req/s)', 'higher', (m) => m.goodputPerSecond),
  define('output_tokens_per_second', 'output tokens/s', 'higher', (m) => m.outputTokensPerSecond),
  define('cost_dollars', 'cost ($)', 'lower', (m) => m.costDollars),
  define('cost_per_1k_success', 'cost per 1,000 successes ($)', 'lower', (m) => m.costPer1kSuccess),
  define('attempts_per_request', 'gateway attempts per request', 'lower', (m) => m.attemptsPerRequest),
  define('provider_attempts_per_request', 'provider attempts per request (retry amplification)', 'lower', (m) => m.providerAttemptsPerRequest),
  define('sdk_retries', 'SDK retries', 'lower', (m) => m.sdkRetries),
  define('failures', 'failed requests', 'lower', (m) => m.failures),
  define('rate_limited', '429s the balancer saw', 'lower', (m) => m.rateLimited),
  define('provider_rate_limited', '429s providers sent', 'lower', (m) => m.providerRateLimited),
  define('no_healthy', 'no-healthy-service failures', 'lower', (m) => m.noHealthy),
  define('probes', 'health probes', 'lower', (m) => m.probes),
  define('cache_hit_rate', 'prompt-cache hit rate', 'higher', (m) => m.cacheHitRate),
  define('fairness', 'fairness vs capacity (Jain)', 'higher', (m) => m.fairness),
  define('requests', 'requests', 'higher', (m) => m.requests),
];

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

/** Per-service metrics, named `<field>:<provider:model>`, e.g. `share:openai:gpt-4o`. */
const SERVICE_FIELDS = ['share', 'success_share', 'attempts', 'provider_attempts', 'successes', 'errors', 'rate_limited'] as const;

/** The metric called `name`, including per-service ones (`share:<service id>`), or undefined. */
export function findMetric(name: string): MetricDefinition | undefined {
  const known = BY_NAME.get(name);
  if (known) return known;
  const colon = name.indexOf(':');
  if (colon < 0) return undefined;
  const field = name.slice(0, colon) as (typeof SERVICE_FIELDS)[number];
  const service = name.slice(colon + 1);
  if (!SERVICE_FIELDS.includes(field) || service === '') return undefined;
  const pick = (m: RunMetrics): number => {
    const s = m.services[service];
    if (!s) return Number.NaN;
    switch (field) {
      case 'share':
        return s.share;
      case 'success_share':
        return s.successShare;
      case 'attempts':
        return s.attempts;
      case 'provider_attempts':
        return s.providerAttempts;
      case 'successes':
        return s.successes;
      case 'errors':
        return s.errors;
      case 'rate_limited':
        return s.rateLimited;
    }
  };
  const better = field === 'errors' || field === 'rate_limited' ? 'lower' : 'higher';
  return { name, label: `${field.replace('_', ' ')} of ${service}`, better, read: pick };
}

/** Every metric name a scenario may use (per-service ones as patterns). */
export function metricNames(): string[] {
  return [...METRICS.map((m) => m.name), ...SERVICE_FIELDS.map((f) => `${f}:<provider:model>`)];
}
