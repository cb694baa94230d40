/**
 * The provider SDKs' own retries, as the seed's gateway gets them: its HTTP clients are the
 * official Go SDKs built without a retry option, so their default applies (spec section 5).
 *
 * - Up to `clientRetries` more tries (2 by default) on the **same** service.
 * - Retried: 408, 409, 429, every 5xx, and connection errors (a provider that never answers and
 *   times out counts as one). Not retried: 401/403 and other 4xx, a stream that broke after its
 *   first token (its response had started), the gateway's own request deadline.
 * - Delay before retry n (n = 0 for the first retry): the provider's Retry-After when it sent one
 *   from 0 up to (not including) 60 s; otherwise 0.5 s x 2^n capped at 8 s, minus a jitter of up
 *   to 25% (the SDKs draw it from [0, delay / 4)).
 */
import { Outcome, type OutcomeCode } from './outcome.js';

/** Retry-After values at or above this are ignored by the SDKs, in ms. */
export const SDK_RETRY_AFTER_LIMIT_MS = 60_000;
/** Backoff of the first retry, in ms. */
export const SDK_INITIAL_BACKOFF_MS = 500;
/** Longest backoff, in ms. */
export const SDK_MAX_BACKOFF_MS = 8_000;

/** Whether the SDK retries a try that ended with `outcome`. */
export function sdkRetries(outcome: OutcomeCode): boolean {
  // a provider that never answered in time, or refused the connection, is a connection error to the SDK
  if (outcome === Outcome.Timeout || outcome === Outcome.ConnectionError) return true;
  return outcome === 408 || outcome === 409 || outcome === 429 || (outcome >= 500 && outcome <= 599);
}

/**
 * The SDK's wait before retry `retry` (0-based), in ms: the Retry-After the provider sent
 * (`retryAfterMs`, negative when none) if under 60 s, else exponential backoff with jitter drawn
 * from `u` in [0, 1).
 */
export function sdkRetryDelayMs(retry: number, retryAfterMs: number, u: number): number {
  if (retryAfterMs >= 0 && retryAfterMs < SDK_RETRY_AFTER_LIMIT_MS) return retryAfterMs;
  const backoff = Math.min(SDK_INITIAL_BACKOFF_MS * 2 ** retry, SDK_MAX_BACKOFF_MS);
  return backoff - u * (backoff / 4);
}
