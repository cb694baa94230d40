import type { OutcomeCode } from './outcome.js';
import { Outcome } from './outcome.js';
import type { GatewayOptions } from './types.js';

/**
 * The gateway's own retries across attempts: options to evaluate, none of which the seed's gateway
 * has (`max_attempts` 1). Another attempt follows a failure whose outcome `retry_on` lists, after
 * `retry_backoff`, while attempts are left; a broken stream or no healthy service never retries.
 * With `exclude_tried`, a retry skips the services the request tried; with `honor_retry_after`,
 * a service that answered 429 with a Retry-After is skipped until it expires.
 */
/** An outcome code of a retryable status. */
const codeOf = (s: GatewayOptions['retryOn'][number]): OutcomeCode => (s === 'timeout' ? Outcome.Timeout : s === 'connection_error' ? Outcome.ConnectionError : s);

/** What v0.260819.0 fails over on, and what its breaker counts as a failure: 429, 500, 502, 503, 504 (a timeout or a connection error reaches it as a 500). */
const LATER_FAILOVER_ON: GatewayOptions['retryOn'] = [429, 500, 502, 503, 504, 'timeout', 'connection_error'];
const LATER_FAILOVER_CODES: ReadonlySet<OutcomeCode> = new Set(LATER_FAILOVER_ON.map(codeOf));

/** Whether v0.260819.0 fails over on `outcome`, and counts it as a breaker failure. */
export function laterFailsOverOn(outcome: OutcomeCode): boolean {
  return LATER_FAILOVER_CODES.has(outcome);
}

export class GatewayRetryPolicy {
  private readonly retryable: ReadonlySet<OutcomeCode>;
  private readonly cooldownUntilMs: Float64Array;

  constructor(
    private readonly options: GatewayOptions,
    serviceCount: number,
  ) {
    this.retryable = new Set(options.retryOn.map(codeOf));
    this.cooldownUntilMs = new Float64Array(serviceCount);
  }

  /** Whether selection for attempt `attempt` (0-based) must leave some services out. */
  narrows(attempt: number): boolean {
    return (this.options.excludeTried && attempt > 0) || this.options.honorRetryAfter;
  }

  /** Whether `service` may take an attempt at `nowMs` (`tried`: the request already tried it). */
  eligible(service: number, nowMs: number, tried: boolean): boolean {
    return !(this.options.excludeTried && tried) && !(this.options.honorRetryAfter && this.cooldownUntilMs[service]! > nowMs);
  }

  /**
   * Attempt `attempt` (0-based) at `service` ended at `nowMs` with `outcome` and the answer's
   * Retry-After (`retryAfterMs`, negative when none). Returns the delay before the next attempt,
   * or -1 when the request ends here.
   */
  afterAttempt(service: number, outcome: OutcomeCode, attempt: number, retryAfterMs: number, nowMs: number): number {
    if (outcome === Outcome.Ok) return -1;
    if (this.options.honorRetryAfter && outcome === 429 && retryAfterMs >= 0) {
      this.cooldownUntilMs[service] = Math.max(this.cooldownUntilMs[service]!, nowMs + retryAfterMs);
    }
    return attempt + 1 < this.options.maxAttempts && this.retryable.has(outcome) ? this.options.retryBackoffMs : -1;
  }
}

/**
 * v0.260819.0's failover before the first byte (spec upstream-later.md 4.3) as retry options:
 * one attempt per active service, each to a service the request has not tried, on 429, 500, 502,
 * 503 and 504 (a timeout or a connection error reaches it as a 500), with no backoff and no
 * Retry-After. A broken stream is never retried (the gate has committed).
 */
export function laterFailover(options: GatewayOptions, activeServices: number): GatewayOptions {
  return { ...options, maxAttempts: Math.max(1, activeServices), retryOn: [...LATER_FAILOVER_ON], excludeTried: true, honorRetryAfter: false, retryBackoffMs: 0 };
}
