/**
 * The normalised scenario: what the simulator runs. Every field is resolved (defaults applied),
 * durations are in milliseconds, rates in events per second. Scenario files (YAML, the gateway's
 * vocabulary, units in strings) are validated and turned into this shape by the loader; the
 * simulator never sees raw input.
 */
import type { HealthMonitorConfig, ServiceConfig, TacticParams, TacticType } from '../balancer/index.js';

/** A random quantity (milliseconds, tokens per second, or tokens, depending on use). */
export type Distribution =
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  /** Normal, clamped at `min` (0 unless given). */
  | { kind: 'normal'; mean: number; sd: number; min: number }
  /** Lognormal fitted to a median and a 99th percentile (p99 > median). */
  | { kind: 'lognormal'; median: number; p99: number }
  | { kind: 'exponential'; mean: number }
  /** Resampled uniformly from observed values. */
  | { kind: 'empirical'; values: number[] };

/** How requests arrive. Rates are requests per second. */
export type ArrivalProcess =
  | { kind: 'constant'; ratePerSecond: number }
  | { kind: 'poisson'; ratePerSecond: number }
  /** On/off bursts: Poisson at `onRatePerSecond` for `onMs`, then at `offRatePerSecond` for `offMs`, repeating. */
  | { kind: 'bursty'; onRatePerSecond: number; offRatePerSecond: number; onMs: number; offMs: number }
  /** Poisson with a sinusoidal rate: mean * (1 + amplitude * sin(2π (t / period) + phase)). */
  | { kind: 'diurnal'; meanRatePerSecond: number; amplitude: number; periodMs: number; phaseRadians: number }
  /** Poisson with a rate moving linearly from `fromRatePerSecond` at 0 to `toRatePerSecond` at the end of the run. */
  | { kind: 'ramp'; fromRatePerSecond: number; toRatePerSecond: number }
  /** Replay of recorded requests (their own sizes and sessions). */
  | { kind: 'trace'; rows: TraceRow[] };

/** One recorded request. */
export interface TraceRow {
  /** Arrival time in ms from the start of the run. */
  timestampMs: number;
  inputTokens: number;
  outputTokens: number;
  /** Session number (trace session labels are numbered in order of first appearance), or -1. */
  session: number;
}

/** What the traffic looks like. */
export interface Workload {
  arrivals: ArrivalProcess;
  /** Input tokens per request (ignored for trace replay). */
  inputTokens: Distribution;
  /** Output tokens per request (ignored for trace replay). */
  outputTokens: Distribution;
  /** Fraction of requests that stream (token speed is measured on streams only). */
  streamingFraction: number;
  /** Number of concurrent sessions requests are spread over (0: no sessions). Prompt caches hit within a session. */
  sessions: number;
}

/** HTTP-like statuses a synthetic provider can answer with. */
export type FailureStatus = 401 | 403 | 408 | 409 | 429 | 500 | 502 | 503 | 504;

/** A failure status, or `timeout` when the gateway gave up waiting. */
export type RetryableStatus = FailureStatus | 'timeout';

/** A scheduled change in a provider's behaviour, from `startMs` for `durationMs`. */
export type Incident = { startMs: number; durationMs: number } & (
  /**
   * Every request fails: a 5xx after the error latency, or a timeout after `timeoutMs`. `inFlight`
   * says what happens to the attempts the provider holds when the incident starts: `cut` (they
   * fail then; a stream past its first token breaks with the tokens sent so far) or `finish`
   * (they are served as if nothing happened, queued ones included).
   */
  | { kind: 'down'; status: 500 | 502 | 503 | 504 | 'timeout'; inFlight: 'cut' | 'finish' }
  /** Every request gets a 429, with a Retry-After of `retryAfterMs` (null: no header). */
  | { kind: 'rate_limited'; retryAfterMs: number | null }
  /** Every request gets a 401 or 403. */
  | { kind: 'auth_revoked'; status: 401 | 403 }
  /** TTFT and generation time multiplied by `factor`. */
  | { kind: 'slow'; factor: number }
  /** Each request fails with `status` with probability `errorProbability`. */
  | { kind: 'flaky'; errorProbability: number; status: FailureStatus }
  /** Token speed multiplied by `factor` (< 1 is slower). */
  | { kind: 'degraded'; factor: number }
  /**
   * Each attempt that starts generating during the incident breaks with probability
   * `errorProbability`, at a uniformly drawn point of its generation: a stream after its first
   * token (the tokens sent so far reach the client), a non-streamed request with `status`.
   */
  | { kind: 'mid_stream'; errorProbability: number; status: FailureStatus }
);

/** A synthetic provider serving one service. */
export interface ProviderModel {
  /** Requests served at once; the rest wait in a FIFO queue. */
  concurrency: number;
  /** Requests that may wait; beyond it the provider answers `overloadStatus`. Infinity: unbounded. */
  queueLimit: number;
  /** Status for a request that finds the queue full. */
  overloadStatus: 429 | 503;
  /** Time to first token in ms (before any queue wait). */
  ttftMs: Distribution;
  /** Generation speed in output tokens per second. */
  tokensPerSecond: Distribution;
  /** Request and token budgets per minute (Infinity: none), refilled continuously. */
  rateLimits: {
    requestsPerMinute: number;
    tokensPerMinute: number;
    /** Whether a 429 carries a Retry-After (the time until the budget allows the request). */
    sendsRetryAfter: boolean;
  };
  /** Background probability of each failure status per request (sum <= 1). */
  errorRates: Partial<Record<FailureStatus, number>>;
  /** How long a failed request takes to come back, in ms. */
  errorLatencyMs: Distribution;
  /** How long a timed-out request takes (408 and timeout-mode outages), in ms. */
  timeoutMs: number;
  incidents: Incident[];
  /** Prompt cache: a request whose session was last served here hits with `hitProbability` (any request, without sessions). */
  cache: { hitProbability: number; ttftFactor: number; inputPriceFactor: number; ttlMs: number };
  /** Prices in dollars per million tokens. */
  price: { inputPerMillion: number; outputPerMillion: number };
  /** How long a health probe takes when the provider is available, in ms. */
  probeLatencyMs: number;
}

/** A service as the gateway configures it (the balancer's ServiceConfig), with the provider model behind it. */
export interface ServiceSpec extends ServiceConfig {
  behavior: ProviderModel;
}

/** Gateway options around the balancer. The defaults reproduce the upstream gateway exactly. */
export interface GatewayOptions {
  /** Attempts per request, first included (1: no retry, as upstream). */
  maxAttempts: number;
  /** Statuses the gateway may retry on another attempt (`timeout`: a timeout; no-healthy-services and broken streams are never retried). */
  retryOn: RetryableStatus[];
  /** Exclude services a request already tried from its retries. */
  excludeTried: boolean;
  /** Keep a service that sent Retry-After out of selection until it expires. */
  honorRetryAfter: boolean;
  /** Pause before a retry, in ms. */
  retryBackoffMs: number;
  /** Record failed requests' latency and TTFT samples (true upstream). */
  recordFailureLatency: boolean;
  /** Move the rule's current service id to each selected service (never, upstream). */
  advanceCurrentService: boolean;
  /** Give up on an attempt (every SDK try included) after this many ms with a timeout (Infinity: never). */
  requestTimeoutMs: number;
  /**
   * Retries the provider SDK makes on the same service before the gateway sees the outcome (2:
   * the official SDKs' default, which the seed's gateway keeps; 0: none).
   */
  clientRetries: number;
  /** Longest a health probe may take, in ms (10 s upstream). */
  probeTimeoutMs: number;
}

/** A tactic to compare, with its parameters. */
export interface TacticSpec {
  /** Label in results (the tactic's name, or a name given in the scenario). */
  name: string;
  type: TacticType;
  params: TacticParams;
}

/** A named health setting: a HealthMonitor configuration, or none (every service counts as healthy). */
export interface HealthSetting {
  name: string;
  config: HealthMonitorConfig | null;
}

/** A named set of gateway options (the third comparison axis). */
export interface GatewayVariant {
  name: string;
  options: GatewayOptions;
}

/**
 * An assertion on results, checked in CI, on the mean over replications of a metric (a name from
 * engine/metrics' registry, e.g. `success_rate`, `latency_p95_ms`, `share:openai:gpt-4o`).
 */
export type Expectation =
  /** Every cell matching `where` has the metric within the bounds. */
  | { kind: 'bound'; metric: string; where: CellSelector; atLeast?: number; atMost?: number; text: string }
  /**
   * Every cell matching `where` is better (or no worse) than its counterpart: the same cell with
   * the axes named in `than` replaced. "Better" follows the metric's direction; `margin` is in the
   * metric's unit (better: by more than the margin; no worse: by at most the margin).
   */
  | { kind: 'compare'; metric: string; where: CellSelector; than: CellSelector; relation: 'better' | 'no_worse'; margin: number; text: string };

/** Picks cells by tactic, health setting and gateway variant; an omitted axis matches every value. */
export interface CellSelector {
  tactic?: string;
  health?: string;
  gateway?: string;
}

/** A whole scenario, normalised. */
export interface Scenario {
  name: string;
  description: string;
  /** The question the scenario answers, for reports. */
  question: string;
  seed: number;
  /** Arrivals stop at this time; in-flight requests then drain. */
  durationMs: number;
  /** Requests arriving before this are simulated but left out of the metrics. */
  warmupMs: number;
  replications: number;
  workload: Workload;
  services: ServiceSpec[];
  /** Defaults for every gateway variant. */
  gateway: GatewayOptions;
  tactics: TacticSpec[];
  health: HealthSetting[];
  /** Named gateway option sets to compare; at least one (`default`: the scenario's gateway options). */
  gatewayVariants: GatewayVariant[];
  expect: Expectation[];
  /** The cell paired differences are measured against (names of a tactic, a health setting and a gateway variant). */
  baseline: { tactic: string; health: string; gateway: string };
  /** Width of time-series buckets, in ms. */
  bucketMs: number;
  /** Guards against runaway runs. */
  limits: { maxEvents: number; maxSimulatedMs: number };
}
