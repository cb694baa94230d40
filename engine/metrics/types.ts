/** Summary statistics of a distribution, in its unit. */
export interface Summary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Per-service figures of one run. */
export interface ServiceMetrics {
  /** Attempts sent to the service. */
  attempts: number;
  successes: number;
  /** Failed attempts other than 429. */
  errors: number;
  /** 429 answers. */
  rateLimited: number;
  /** Share of all attempts. */
  share: number;
  /** Share of all successful attempts. */
  successShare: number;
  /** Mean queue wait of attempts it served, in ms. */
  meanQueueWaitMs: number;
  /** What successful attempts cost, in dollars. */
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
  /** Attempts by outcome (`ok` and failure statuses). */
  attemptsByStatus: Record<string, number>;
  attempts: number;
  attemptsPerRequest: number;
  /** End-to-end latency of successful requests (arrival to last token, retries included), in ms. */
  latencyMs: Summary;
  /** Time to first token of successful requests, from arrival, in ms. */
  ttftMs: Summary;
  /** Mean wait in provider queues of served attempts, in ms. */
  queueWaitMs: number;
  /** Successful requests per second of measured time. */
  goodputPerSecond: number;
  /** Output tokens of successful requests per second of measured time. */
  outputTokensPerSecond: number;
  /** Total cost of successful attempts, in dollars. */
  costDollars: number;
  /** Dollars per 1,000 successful requests (0 with no success). */
  costPer1kSuccess: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Health probes run. */
  probes: number;
  /** Requests failed because no service was healthy. */
  noHealthy: number;
  /** Prompt-cache hits among successful attempts. */
  cacheHitRate: number;
  /** Jain's fairness index of traffic share against capacity share, over active services (1 = proportional). */
  fairness: number;
  services: Record<string, ServiceMetrics>;
}

/** How one incident went, for one run. */
export interface IncidentMetrics {
  /** Service id `provider:model`. */
  service: string;
  kind: string;
  startMs: number;
  endMs: number;
  /** Attempts sent to the service while the incident was on. */
  requestsSentInto: number;
  /** Incident start to the first time selection excluded the service (null: never during the incident). */
  detectionDelayMs: number | null;
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
