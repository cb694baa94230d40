/** The gateway's types: its options, the tactic it runs and its health setting. Times in ms. */
import type { HealthMonitorConfig, TacticParams } from '../balancer/index.js';
import type { FailureStatus } from '../providers/index.js';
import type { GatewayVersion } from './balancer-seam.js';

/** A failure status, `timeout` (no answer in time) or `connection_error`. */
export type RetryableStatus = FailureStatus | 'timeout' | 'connection_error';

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
  /** The balancer version the gateway runs: the seed's (the default) or v0.260819.0. */
  version: GatewayVersion;
  /** v0.260819.0: session affinity's TTL in ms (0: off, as a rule has it by default). */
  sessionAffinityMs: number;
  /** v0.260819.0: the health probe finds the provider (upstream's always fails, splitting "provider/model" on ":"). */
  probeFindsProvider: boolean;
  /** v0.260819.0: a non-streamed success counts as a breaker success (upstream's never commits the failover gate, so it counts nothing). */
  nonStreamSuccessCounts: boolean;
  /** v0.260819.0: how long after its breaker closes a recovered service leaves lower-tier pins in place, in ms (60 s, hard-coded upstream; 0: no hold). */
  promotionHoldMs: number;
  /** v0.260819.0: probe successes that close a half-open breaker (3, hard-coded upstream: the hysteresis; 1: none). */
  breakerRecoverySuccesses: number;
}

/** A tactic to compare, with its parameters. */
export interface TacticSpec {
  /** Label in results (the tactic's name, or a name given in the scenario). */
  name: string;
  /** The gateway value (8: v0.260819.0's tier, which the seed's factory runs as adaptive). */
  type: number;
  params: TacticParams;
}

/** A named health setting: a HealthMonitor configuration, or none (every service counts as healthy). */
export interface HealthSetting {
  name: string;
  config: HealthMonitorConfig | null;
}
