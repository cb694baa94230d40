/**
 * What the gateway tells the balancer after an attempt, exactly as upstream wires it (spec
 * section 5): the statistics first, then one health report, once per attempt (after the SDK's
 * last try).
 */
import type { HealthMonitor, Service } from '../balancer/index.js';
import { decodeOutcome, Outcome, type OutcomeCode } from './outcome.js';
import type { RequestTable } from './request-table.js';

/** Sample window the gateway records latency, TTFT and speed with (hard-coded upstream). */
export const SAMPLE_WINDOW = 100;

/** Which health report an outcome gets. */
export type HealthReport = 'success' | 'rate_limit' | 'auth_error' | 'error';

/**
 * Upstream decides by the error's text (case-sensitive substrings: "429", "rate limit" or
 * "RateLimit" is a rate limit; "401", "403", "unauthorized" or "forbidden" an auth error; anything
 * else an error). The SDKs' messages carry the status ("429 Too Many Requests") and the provider's
 * body, so the text is the outcome's (errorTextOf, which names the status) and the body the
 * provider sent, if any: a 503 whose body says "rate limit" is a rate limit.
 */
export function healthReportOf(outcome: OutcomeCode, body?: string): HealthReport {
  if (outcome === Outcome.Ok) return 'success';
  // Without a body the text is errorTextOf's, which names the status and nothing else: decide by it, building no string.
  if (body === undefined) return outcome === 429 ? 'rate_limit' : outcome === 401 || outcome === 403 ? 'auth_error' : 'error';
  const text = `${errorTextOf(outcome)}: ${body}`;
  if (text.includes('429') || text.includes('rate limit') || text.includes('RateLimit')) return 'rate_limit';
  if (text.includes('401') || text.includes('403') || text.includes('unauthorized') || text.includes('forbidden')) return 'auth_error';
  return 'error';
}

const ERROR_TEXT = new Map<number, string>([
  [Outcome.Timeout, 'timeout'],
  [Outcome.ConnectionError, 'connection error: connection refused'],
  [Outcome.StreamError, 'stream error: connection closed mid-stream'],
  [408, 'HTTP 408 request timeout'],
  [409, 'HTTP 409 conflict'],
  [500, 'HTTP 500 internal server error'],
  [502, 'HTTP 502 bad gateway'],
  [503, 'HTTP 503 service unavailable'],
  [504, 'HTTP 504 gateway timeout'],
  [529, 'HTTP 529 overloaded_error: Overloaded'],
]);

/** The error text the health monitor records for an outcome. */
export function errorTextOf(outcome: OutcomeCode): string {
  const known = ERROR_TEXT.get(outcome);
  if (known !== undefined) return known;
  const decoded = decodeOutcome(outcome);
  return decoded.kind === 'http_error' ? `HTTP ${decoded.status}` : decoded.kind;
}

/**
 * Records the attempt in `slot`, which ended at `nowMs` with `outcome`, in `service`'s statistics
 * and reports it to `monitor` (when there is one):
 * - usage: its tokens on success; its input and the output it delivered for a stream past its first
 *   token; 0 otherwise;
 * - latency (send to end, whole ms, when > 0) and TTFT (send to first token for a started stream,
 *   else the latency), for failures too unless `recordFailureLatency` is off;
 * - a cache hit (false on failures), and a token speed for a started stream that delivered tokens.
 */
export function recordFeedback(
  service: Service,
  monitor: HealthMonitor | undefined,
  t: RequestTable,
  slot: number,
  outcome: OutcomeCode,
  nowMs: number,
  recordFailureLatency: boolean,
  body?: string,
): void {
  const success = outcome === Outcome.Ok;
  const streamed = t.streamStarted[slot] === 1;
  const delivered = t.delivered[slot]!;
  service.recordUsage(success || streamed ? t.inputTokens[slot]! : 0, success || streamed ? delivered : 0);
  const stats = service.stats; // after recordUsage, which replaces the stats when it first initialises them
  if (success || recordFailureLatency) {
    const latencyMs = Math.floor(nowMs - t.sendMs[slot]!);
    if (latencyMs > 0) stats.recordLatency(latencyMs, SAMPLE_WINDOW);
    const ttftMs = streamed ? Math.floor(t.firstTokenMs[slot]! - t.sendMs[slot]!) : latencyMs;
    if (ttftMs > 0) stats.recordTTFT(ttftMs, SAMPLE_WINDOW);
  }
  stats.recordCacheHit(success && t.cacheHit[slot] === 1);
  if (streamed && delivered > 0) {
    const generationSeconds = (Math.min(nowMs, t.endMs[slot]!) - t.firstTokenMs[slot]!) / 1000;
    if (generationSeconds > 0) stats.recordTokenSpeed(delivered / generationSeconds, SAMPLE_WINDOW);
  }
  if (!monitor) return;
  const id = service.serviceId();
  switch (healthReportOf(outcome, body)) {
    case 'success':
      return monitor.reportSuccess(id);
    case 'rate_limit':
      return monitor.reportRateLimit(id);
    case 'auth_error':
      return monitor.reportAuthError(id, outcome);
    case 'error':
      return monitor.reportError(id, body === undefined ? errorTextOf(outcome) : `${errorTextOf(outcome)}: ${body}`);
  }
}
