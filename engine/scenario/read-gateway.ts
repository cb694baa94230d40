/** Internal: reads gateway options (the top-level block, and each variant's overrides). */
import type { GatewayOptions, RetryableStatus } from '../gateway/index.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { booleanReader, choiceReader, durationReader, integerReader, type Mapping, orKeyword, reader, readList } from './reader.js';
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

/**
 * Reads the gateway keys of `m` (other keys, such as a variant's name, are the caller's), each
 * defaulting to `base`.
 */
export function readGatewayOptions(m: Mapping, base: Readonly<GatewayOptions>): GatewayOptions | undefined {
  const maxAttempts = m.opt('max_attempts', integerReader({ min: 1, max: L.maxAttempts }), base.maxAttempts);
  const retryOn = m.opt('retry_on', retryOnReader, [...base.retryOn]);
  const excludeTried = m.opt('exclude_tried', booleanReader(), base.excludeTried);
  const honorRetryAfter = m.opt('honor_retry_after', booleanReader(), base.honorRetryAfter);
  const retryBackoffMs = m.opt('retry_backoff', durationReader(), base.retryBackoffMs);
  const recordFailureLatency = m.opt('record_failure_latency', booleanReader(), base.recordFailureLatency);
  const advanceCurrentService = m.opt('advance_current_service', booleanReader(), base.advanceCurrentService);
  const requestTimeoutMs = m.opt('request_timeout', orKeyword(durationReader({ positive: true }), 'none', Number.POSITIVE_INFINITY), base.requestTimeoutMs);
  const probeTimeoutMs = m.opt('probe_timeout', durationReader({ positive: true }), base.probeTimeoutMs);
  const clientRetries = m.opt('client_retries', integerReader({ min: 0, max: L.maxClientRetries }), base.clientRetries);
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
    clientRetries === undefined
  ) {
    return undefined;
  }
  return { maxAttempts, retryOn, excludeTried, honorRetryAfter, retryBackoffMs, recordFailureLatency, advanceCurrentService, requestTimeoutMs, probeTimeoutMs, clientRetries };
}
