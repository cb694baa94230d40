import type { SketchData } from './quantile-sketch.js';

/** Summary statistics of a distribution, in its unit. */
export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Per-service figures of one run. */
export interface ServiceMetrics {
  /** Gateway attempts sent to the service (selections; each is one outcome the balancer sees). */
  attempts: number;
  /** Provider tries sent to the service (attempts plus the SDK's retries). */
  providerAttempts: number;
  /** Attempts that succeeded. */
  successes: number;
  /** Failed attempts other than 429. */
  errors: number;
  /** Attempts that ended with a 429. */
  rateLimited: number;
  /** Share of all attempts. */
  share: number;
  /** Share of all successful attempts. */
  successShare: number;
  /** Mean queue wait of the tries it served, in ms. */
  meanQueueWaitMs: number;
  /** What the service billed, in dollars (successes, and broken streams' partial output). */
  costDollars: number;
}

/** Every metric of one simulation run (one cell, one replication). */
export interface RunMetrics {
  /** Requests that arrived after the warm-up. */
  requests: number;
  successes: number;
  failures: number;
  successRate: number;
  /** Failed requests by final status (`429`, `503`, `timeout`, `no_healthy_services`, ...). */
  errorsByStatus: Record<string, number>;
  /** Gateway attempts by outcome (`ok` and failure statuses): what the balancer saw. */
  attemptsByStatus: Record<string, number>;
  /** Gateway attempts: one per selection (more than one per request only with the gateway's retry options). */
  attempts: number;
  attemptsPerRequest: number;
  /** Provider tries: every HTTP request sent to a provider, the SDK's retries included. */
  providerAttempts: number;
  /** Provider tries per client request: the retry amplification providers see. */
  providerAttemptsPerRequest: number;
  /** Tries the SDK made again on the same service (provider tries minus gateway attempts). */
  sdkRetries: number;
  /** Provider tries by outcome. */
  providerAttemptsByStatus: Record<string, number>;
  /** End-to-end latency of successful requests (arrival to last token, retries included), in ms. */
  latencyMs: Summary;
  /** Successful requests that streamed: those TTFT is measured over. */
  streamedSuccesses: number;
  /**
   * Time to first token of streamed successful requests, from arrival, in ms (0 without any): a
   * non-streamed answer arrives whole, so its "first token" would only repeat its latency.
   */
  ttftMs: Summary;
  /** Mean wait in provider queues of served tries, in ms. */
  queueWaitMs: number;
  /** Successful requests per second of measured time. */
  goodputPerSecond: number;
  /** Output tokens of successful requests per second of measured time. */
  outputTokensPerSecond: number;
  /** Total billed cost, in dollars: successes, and the partial output of broken streams. */
  costDollars: number;
  /** Dollars per 1,000 successful requests (0 with no success). */
  costPer1kSuccess: number;
  /** Gateway attempts that ended with a 429 (after the SDK's retries): the 429s the balancer saw. */
  rateLimited: number;
  /** 429 answers providers sent, over every try. */
  providerRateLimited: number;
  /** Health probes run. */
  probes: number;
  /** Requests failed because no service was healthy. */
  noHealthy: number;
  /** Prompt-cache hits among successful attempts. */
  cacheHitRate: number;
  /** Of the measured successes of a session that had an earlier success, the share served by that earlier success's service (1 without any). */
  sessionContinuity: number;
  /** Jain's fairness index of traffic share against capacity share, over active services (1 = proportional). */
  fairness: number;
  services: Record<string, ServiceMetrics>;
  /**
   * The run's full latency and TTFT sketches, from which latencyMs and ttftMs are read, so that
   * replications merge exactly into their cell's distribution. A cell's results keep only the
   * merge (CellResult.latencyDistribution), not each replication's sketch.
   */
  sketches?: RunSketches;
}

/** The full sketches of one run (relative accuracy RUN_SKETCH_ACCURACY). */
export interface RunSketches {
  /** End-to-end latency of successful requests, in ms. */
  latencyMs: SketchData;
  /** TTFT of streamed successful requests, in ms. */
  ttftMs: SketchData;
}

/**
 * A distribution over every replication of a cell, kept compactly: exact count, mean, min and
 * max, and the quantiles of the merged sketch at fixed probability levels (in the values' unit).
 */
export interface DistributionSummary {
  /** The sketch's bound on each quantile's relative error (0.001: within 0.1% of a true sample value). */
  relativeAccuracy: number;
  /** Values, over every replication. */
  count: number;
  /** Exact mean (0 when empty). */
  mean: number;
  /** Exact minimum (0 when empty). */
  min: number;
  /** Exact maximum (0 when empty). */
  max: number;
  /** Probability levels, ascending: 0.01 to 0.99 by 0.01, then 0.991 to 0.999 by 0.001. */
  levels: number[];
  /** The quantile at each level, six significant digits (empty when there are no values). */
  quantiles: number[];
}

/** How one incident went, for one run. */
export interface IncidentMetrics {
  /** Service id `provider:model`. */
  service: string;
  kind: string;
  startMs: number;
  endMs: number;
  /** Provider tries sent to the service while the incident was on. */
  requestsSentInto: number;
  /** Incident start to the first time selection excluded the service (null: never during the incident). */
  detectionDelayMs: number | null;
  /**
   * Incident start to a lasting exclusion: the first health check after which every check
   * excluded the service until the incident ended (null: it was let back in before the end, or
   * never excluded). Equal to detectionDelayMs unless the service flapped back in.
   */
  lastingDetectionDelayMs: number | null;
  /** Incident end to the first time selection let the service back in (null: never excluded, or never back). */
  recoveryDelayMs: number | null;
}

/** Per-service time series, one value per bucket. */
export interface ServiceSeries {
  attempts: number[];
  successes: number[];
  /** Failed attempts other than 429. */
  errors: number[];
  rateLimited: number[];
  /** 95th-percentile latency of successful attempts in the bucket, in ms (0 with none). */
  p95LatencyMs: number[];
  /** Fraction of health checks in the bucket that excluded the service. */
  unhealthyFraction: number[];
}

/** Time series in fixed buckets, warm-up included. */
export interface TimeSeries {
  bucketMs: number;
  arrivals: number[];
  successes: number[];
  failures: number[];
  services: Record<string, ServiceSeries>;
}
