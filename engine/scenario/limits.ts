/**
 * Upper bounds on what a scenario file may ask for. They keep a typo (an extra zero, a year where
 * a minute was meant) from turning into a run that never ends or exhausts memory; every error that
 * trips one of them states the bound.
 */

const HOUR_MS = 3_600_000;

/** Every bound the scenario loader enforces. Durations in ms, rates in requests per second. */
export const SCENARIO_LIMITS = Object.freeze({
  /** Longest run, and longest value of any other duration field unless stated (7 days), in ms. */
  maxDurationMs: 7 * 24 * HOUR_MS,
  /** Longest `limits.max_simulated_time` (150 days), in ms; the default is 20 x duration + 1h. */
  maxSimulatedMs: 150 * 24 * HOUR_MS,
  /** Largest arrival rate, in requests per second. */
  maxRatePerSecond: 100_000,
  /** Largest seed (2^32 - 1). */
  maxSeed: 4_294_967_295,
  /** Most replications per cell. */
  maxReplications: 1_000,
  /** Largest `limits.max_events`. */
  maxEvents: 10_000_000_000,
  /** Most time-series buckets per run (duration / bucket). */
  maxBuckets: 10_000,
  /** Largest token count per request in a size distribution. */
  maxTokens: 10_000_000,
  /** Largest token speed, in tokens per second. */
  maxTokensPerSecond: 1_000_000,
  /** Most sessions. */
  maxSessions: 1_000_000,
  /** Most services. */
  maxServices: 1_000,
  /** Most incidents per service. */
  maxIncidents: 1_000,
  /** Largest absolute service weight and model capacity. */
  maxWeight: 1_000_000_000,
  /** Longest statistics window, in seconds (365 days). */
  maxTimeWindowSeconds: 31_536_000,
  /** Most concurrent requests per provider (beyond it, write `unlimited`). */
  maxConcurrency: 1_000_000,
  /** Longest provider queue (beyond it, write `unlimited`). */
  maxQueueLimit: 100_000_000,
  /** Largest requests-per-minute or tokens-per-minute budget. */
  maxRateLimit: 1_000_000_000_000,
  /** Largest price, in dollars per million tokens. */
  maxPricePerMillion: 1_000_000,
  /** Largest slow-down or degradation factor. */
  maxFactor: 1_000,
  /** Most values in an empirical distribution. */
  maxEmpiricalValues: 100_000,
  /** Most attempts per request. */
  maxAttempts: 10,
  /** Most SDK retries per attempt. */
  maxClientRetries: 10,
  /** Largest health-monitor error threshold. */
  maxErrorThreshold: 1_000_000,
  /** Longest health-monitor recovery timeout, in seconds (7 days). */
  maxRecoveryTimeoutSeconds: 604_800,
  /** Most entries in each comparison list (tactics, health settings, gateway variants). */
  maxCompareEntries: 100,
  /** Values one swept key may take. */
  maxSweepValues: 20,
  /** Most expectations. */
  maxExpectations: 1_000,
  /** Most constraints of a goal. */
  maxConstraints: 100,
  /** Most tie-breakers of a goal. */
  maxTieBreakers: 10,
  /** Largest absolute value of a tactic parameter or an expectation bound. */
  maxParameter: 1_000_000_000_000,
  /** Most rows in a replayed trace. */
  maxTraceRows: 10_000_000,
  /** Longest scenario name, in characters. */
  maxNameLength: 200,
  /** Longest description or question, in characters. */
  maxTextLength: 10_000,
  /** Longest label of a tactic, health setting or gateway variant, in characters. */
  maxLabelLength: 64,
  /** Largest scenario file, in characters (10 million). */
  maxFileChars: 10_000_000,
  /** Most alias expansions in a YAML file (guards against "billion laughs"). */
  maxAliasCount: 100,
  /** Deepest nesting of YAML collections. */
  maxDepth: 64,
});
