/** Internal: reads gateway options (the top-level block, and each variant's overrides). */
import { GATEWAY_VERSIONS, type GatewayOptions, type GatewayVersion, type RetryableStatus } from '../gateway/index.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { booleanReader, choiceReader, durationReader, integerReader, type Mapping, orKeyword, type Reader, reader, readList } from './reader.js';
import { RETRYABLE_STATUSES } from './vocabulary.js';

/** What `retry_on` accepts. */
const retryOnReader = reader<RetryableStatus[]>(`a list of statuses among ${RETRYABLE_STATUSES.join(', ')}`, (issues, path, value) => {
  const statuses = readList(issues, path, value, { max: RETRYABLE_STATUSES.length }, `a list of statuses among ${RETRYABLE_STATUSES.join(', ')}`, (p, v) =>
    choiceReader<RetryableStatus>(RETRYABLE_STATUSES).read(issues, p, v),
  );
  if (statuses === undefined) return undefined;
  const seen = new Set<RetryableStatus>();
  let ok = true;
  statuses.forEach((status, i) => {
    if (seen.has(status)) {
      issues.add({ path: [...path, i], message: `${String(status)} is listed twice`, expected: 'each status once', received: String(status) });
      ok = false;
    }
    seen.add(status);
  });
  return ok ? statuses : undefined;
});

type GatewayKey = keyof typeof SCENARIO_DEFAULTS.gateway;

/**
 * Reads the gateway keys of `m` (other keys, such as a variant's name, are the caller's). Each
 * defaults to `base` (a variant inherits the scenario's options), or without one to the table of
 * defaults (the upstream gateway).
 */
export function readGatewayOptions(m: Mapping, base: Readonly<GatewayOptions> | undefined): GatewayOptions | undefined {
  const key = <T>(name: GatewayKey, read: Reader<T>, inherited: (b: Readonly<GatewayOptions>) => T): T | undefined =>
    base === undefined ? m.def(name, read, SCENARIO_DEFAULTS.gateway) : m.opt(name, read, inherited(base));
  const maxAttempts = key('max_attempts', integerReader({ min: 1, max: L.maxAttempts }), (b) => b.maxAttempts);
  const retryOn = key('retry_on', retryOnReader, (b) => [...b.retryOn]);
  const excludeTried = key('exclude_tried', booleanReader(), (b) => b.excludeTried);
  const honorRetryAfter = key('honor_retry_after', booleanReader(), (b) => b.honorRetryAfter);
  const retryBackoffMs = key('retry_backoff', durationReader(), (b) => b.retryBackoffMs);
  const recordFailureLatency = key('record_failure_latency', booleanReader(), (b) => b.recordFailureLatency);
  const advanceCurrentService = key('advance_current_service', booleanReader(), (b) => b.advanceCurrentService);
  const requestTimeoutMs = key('request_timeout', orKeyword(durationReader({ positive: true }), 'none', Number.POSITIVE_INFINITY), (b) => b.requestTimeoutMs);
  const probeTimeoutMs = key('probe_timeout', durationReader({ positive: true }), (b) => b.probeTimeoutMs);
  const clientRetries = key('client_retries', integerReader({ min: 0, max: L.maxClientRetries }), (b) => b.clientRetries);
  const version = key('version', choiceReader<GatewayVersion>(GATEWAY_VERSIONS), (b) => b.version);
  const sessionAffinityMs = key('session_affinity', durationReader(), (b) => b.sessionAffinityMs);
  const probeFindsProvider = key('probe_finds_provider', booleanReader(), (b) => b.probeFindsProvider);
  const nonStreamSuccessCounts = key('non_stream_success_counts', booleanReader(), (b) => b.nonStreamSuccessCounts);
  const promotionHoldMs = key('promotion_hold', durationReader(), (b) => b.promotionHoldMs);
  const breakerRecoverySuccesses = key('breaker_recovery_successes', integerReader({ min: 1, max: 100 }), (b) => b.breakerRecoverySuccesses);
  if (
    maxAttempts === undefined ||
    retryOn === undefined ||
    excludeTried === undefined ||
    honorRetryAfter === undefined ||
    retryBackoffMs === undefined ||
    recordFailureLatency === undefined ||
    advanceCurrentService === undefined ||
    requestTimeoutMs === undefined ||
    probeTimeoutMs === undefined ||
    clientRetries === undefined ||
    version === undefined ||
    sessionAffinityMs === undefined ||
    probeFindsProvider === undefined ||
    nonStreamSuccessCounts === undefined ||
    promotionHoldMs === undefined ||
    breakerRecoverySuccesses === undefined
  ) {
    return undefined;
  }
  return { maxAttempts, retryOn, excludeTried, honorRetryAfter, retryBackoffMs, recordFailureLatency, advanceCurrentService, requestTimeoutMs, probeTimeoutMs, clientRetries, version, sessionAffinityMs, probeFindsProvider, nonStreamSuccessCounts, promotionHoldMs, breakerRecoverySuccesses };
}
