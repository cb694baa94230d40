/**
 * The default of every optional key of a scenario file, written as the file writes it (`'30s'`,
 * `64`, `'unlimited'`). It is the one table of defaults: the JSON Schema takes its `default`s from
 * it, and the loader reads a missing key's default through the same reader as a written value, so
 * the schema, the loader and the units cannot disagree. Gateway options and the health-setting
 * defaults are the gateway's own constants, formatted into the file's terms.
 */
import { BUILTIN_HEALTH_SETTINGS, UPSTREAM_GATEWAY_OPTIONS } from '../gateway/index.js';
import { formatDurationMs } from './units.js';

/** A duration in ms as a file writes it: the number 0, or a string with a unit (`10s`). */
export function fileDuration(ms: number): 0 | string {
  return ms === 0 ? 0 : formatDurationMs(ms);
}

const upstream = UPSTREAM_GATEWAY_OPTIONS;

// A `{ name, ... }` health setting defaults to the package's own default monitor configuration.
const packageHealth = BUILTIN_HEALTH_SETTINGS.find((h) => h.name === 'default')?.config;
if (!packageHealth) throw new Error('scenario defaults: the gateway has no built-in health setting "default"');

/** Every default, by mapping of the file (the names of SCENARIO_KEYS), then by key. */
export const SCENARIO_DEFAULTS = deepFreeze({
  root: { description: '', question: '', seed: 1, warmup: 0 as 0 | string, replications: 'auto' as number | 'auto', first_stage_replications: 5, max_replications: 30, expect: [] as never[] },
  /** The goal of a scenario that states none: the best success rate, then p95 latency, then cost. */
  goal: { optimize: 'success_rate', constraints: [] as string[], tie_breakers: ['latency_p95_ms', 'cost_per_1k_success'], confidence: 0.95 },
  limits: { max_events: 200_000_000 },
  workload: { input_tokens: 1000, output_tokens: 250, streaming: 1, sessions: 0 },
  diurnal: { phase: 0 },
  service: {
    weight: 1,
    active: true,
    time_window: 300,
    concurrency: 64 as number | 'unlimited',
    queue_limit: 'unlimited' as number | 'unlimited',
    overload_status: 503 as 429 | 503 | 529,
    // Optional in the schema, without a `default`: their descriptions are written from these.
    ttft: { dist: 'lognormal', median: '500ms', p99: '2s' },
    speed: { dist: 'normal', mean: 60, sd: 10, min: 1 },
    errors: {},
    error_latency: '100ms',
    timeout: '30s',
    incidents: [] as never[],
    probe_latency: '100ms',
    error_text: {} as Record<string, string>,
  },
  /** `min` of a normal distribution, per quantity: token speeds stay above 0. */
  normal: { duration: { min: 0 }, tokens: { min: 0 }, speed: { min: 1 } },
  rateLimits: { retry_after: true as boolean | 'reset', granularity: 'minute' as 'minute' | 'second' },
  cache: { hit_rate: 0, ttft_factor: 0.5, input_price_factor: 0.1, ttl: '5m' },
  price: { input: 0, output: 0 },
  incident: {
    down: { status: 503 as 500 | 502 | 503 | 504 | 529 | 'timeout' | 'connection_error', in_flight: 'cut' as 'cut' | 'finish' },
    rate_limited: { retry_after: '1s' as string | 0 | null },
    auth_revoked: { status: 401 as 401 | 403 },
    flaky: { status: 500 },
    mid_stream: { status: 500 },
  },
  gateway: {
    max_attempts: upstream.maxAttempts,
    retry_on: [...upstream.retryOn],
    exclude_tried: upstream.excludeTried,
    honor_retry_after: upstream.honorRetryAfter,
    retry_backoff: fileDuration(upstream.retryBackoffMs),
    record_failure_latency: upstream.recordFailureLatency,
    advance_current_service: upstream.advanceCurrentService,
    request_timeout: upstream.requestTimeoutMs === Number.POSITIVE_INFINITY ? 'none' : fileDuration(upstream.requestTimeoutMs),
    probe_timeout: fileDuration(upstream.probeTimeoutMs),
    client_retries: upstream.clientRetries,
    version: upstream.version,
    session_affinity: fileDuration(upstream.sessionAffinityMs),
    probe_finds_provider: upstream.probeFindsProvider,
    non_stream_success_counts: upstream.nonStreamSuccessCounts,
    promotion_hold: fileDuration(upstream.promotionHoldMs),
    breaker_recovery_successes: upstream.breakerRecoverySuccesses,
  },
  healthEntry: {
    consecutive_error_threshold: packageHealth.consecutiveErrorThreshold,
    recovery_timeout_seconds: packageHealth.recoveryTimeoutSeconds,
    probe_enabled: packageHealth.probeEnabled,
    rate_limit_hold: packageHealth.rateLimitHold ?? false,
  },
  compare: { tactics: 'all' as const, health: 'all' as const },
  expectation: { margin: 0 },
});

/** The default time-series bucket: a 60th of the run, rounded up to a whole second, at least 1 s; in ms. */
export function defaultBucketMs(durationMs: number): number {
  return Math.max(1_000, Math.ceil(durationMs / 60 / 1_000) * 1_000);
}

/** The default simulated-time limit: 20 times the run plus an hour of drain; in ms. */
export function defaultMaxSimulatedMs(durationMs: number): number {
  return 20 * durationMs + 3_600_000;
}

/** A distribution default as descriptions write it: `lognormal median 500ms p99 2s`. */
export function distributionText(distribution: Readonly<Record<string, unknown>>): string {
  const { dist, ...params } = distribution;
  return [String(dist), ...Object.entries(params).map(([key, value]) => `${key} ${String(value)}`)].join(' ');
}

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

// Frozen all the way down: a reader that kept a default object and changed it would change every later scenario.
function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}
