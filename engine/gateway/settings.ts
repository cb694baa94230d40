import { SEED_VERSION } from './balancer-seam.js';
import type { GatewayOptions, HealthSetting } from './types.js';

const upstream: GatewayOptions = {
  maxAttempts: 1,
  retryOn: [408, 429, 500, 502, 503, 504, 529, 'timeout'],
  excludeTried: false,
  honorRetryAfter: false,
  retryBackoffMs: 0,
  recordFailureLatency: true,
  advanceCurrentService: false,
  requestTimeoutMs: Number.POSITIVE_INFINITY,
  probeTimeoutMs: 10_000,
  clientRetries: 2,
  version: SEED_VERSION,
  sessionAffinityMs: 0,
  probeFindsProvider: false,
  nonStreamSuccessCounts: false,
  promotionHoldMs: 60_000,
  breakerRecoverySuccesses: 3,
};
/**
 * The gateway exactly as upstream wires it: no retry across services, the SDK's 2 retries on the
 * same service, failures feed latency samples, current id never moves.
 */
export const UPSTREAM_GATEWAY_OPTIONS: Readonly<GatewayOptions> = Object.freeze(upstream);

/** Named health settings every scenario can use. */
export const BUILTIN_HEALTH_SETTINGS: readonly HealthSetting[] = Object.freeze([
  /** Upstream without a `health_monitor` block: threshold 0, timeout 0 s, probe off (health filtering is in effect off). */
  { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } },
  /** The seed's DefaultHealthMonitorConfig: 3 errors, 300 s, probe on. */
  { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
  /** No monitor at all: every service counts as healthy. */
  { name: 'none', config: null },
]);
