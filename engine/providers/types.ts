/** The synthetic providers' types: how a provider serves, fails and prices. Times in ms. */
import type { Distribution } from '../sim/index.js';

/** HTTP-like statuses a synthetic provider can answer with. */
/** Statuses a provider may answer with; 529 is Anthropic's "overloaded" (its SDKs retry it like any 5xx). */
export type FailureStatus = 401 | 403 | 408 | 409 | 429 | 500 | 502 | 503 | 504 | 529;

/** A scheduled change in a provider's behaviour, from `startMs` for `durationMs`. */
export type Incident = { startMs: number; durationMs: number } & (
  /**
   * Every request fails: a 5xx or a refused connection after the error latency, or a timeout after `timeoutMs`. `inFlight`
   * says what happens to the attempts the provider holds when the incident starts: `cut` (they
   * fail then; a stream past its first token breaks with the tokens sent so far) or `finish`
   * (they are served as if nothing happened, queued ones included).
   */
  | { kind: 'down'; status: 500 | 502 | 503 | 504 | 529 | 'timeout' | 'connection_error'; inFlight: 'cut' | 'finish' }
  /** Every request gets a 429, with a Retry-After of `retryAfterMs` (null: no header). */
  | { kind: 'rate_limited'; retryAfterMs: number | null }
  /** Every request gets a 401 or 403. */
  | { kind: 'auth_revoked'; status: 401 | 403 }
  /** TTFT and generation time multiplied by `factor`. */
  | { kind: 'slow'; factor: number }
  /** Each request fails with `status` with probability `errorProbability`. */
  | { kind: 'flaky'; errorProbability: number; status: FailureStatus }
  /** Token speed multiplied by `factor` (< 1 is slower). */
  | { kind: 'degraded'; factor: number }
  /**
   * Each attempt that starts generating during the incident breaks with probability
   * `errorProbability`, at a uniformly drawn point of its generation: a stream after its first
   * token (the tokens sent so far reach the client), a non-streamed request with `status`.
   */
  | { kind: 'mid_stream'; errorProbability: number; status: FailureStatus }
  /**
   * Each attempt that starts generating during the incident pauses with probability
   * `stallProbability` for `pauseMs` partway through its generation: its last token comes that
   * much later (a request timeout may fire first).
   */
  | { kind: 'stall'; stallProbability: number; pauseMs: number }
);

/** A synthetic provider serving one service. */
export interface ProviderModel {
  /** Requests served at once; the rest wait in a FIFO queue. */
  concurrency: number;
  /** Requests that may wait; beyond it the provider answers `overloadStatus`. Infinity: unbounded. */
  queueLimit: number;
  /** Status for a request that finds the queue full. */
  overloadStatus: 429 | 503 | 529;
  /** Time to first token in ms (before any queue wait). */
  ttftMs: Distribution;
  /** Generation speed in output tokens per second. */
  tokensPerSecond: Distribution;
  /**
   * Request and token budgets per minute (Infinity: none) as token buckets, refilled continuously
   * at the limit's rate and starting full. A bucket holds `requestBurst` requests and `tokenBurst`
   * tokens, or else the share of the limit its granularity gives: a minute's ('minute') or a
   * second's ('second'). A request larger than its bucket is admitted when the bucket is full,
   * which it leaves in debt; one with more tokens than the whole per-minute limit never is.
   */
  rateLimits: {
    requestsPerMinute: number;
    tokensPerMinute: number;
    granularity: 'minute' | 'second';
    requestBurst: number | null;
    tokenBurst: number | null;
    /** The Retry-After of a 429: the wait until the request fits ('wait'), until its buckets are full again ('reset'), or none. */
    retryAfter: 'wait' | 'reset' | 'none';
    /** The max_tokens the client sends, counted at admission instead of the output (null: the output is counted). */
    countedMaxTokens: number | null;
  };
  /** Background probability of each failure status per request (sum <= 1). */
  errorRates: Partial<Record<FailureStatus, number>>;
  /** How long a failed request takes to come back, in ms. */
  errorLatencyMs: Distribution;
  /** How long a timed-out request takes (408 and timeout-mode outages), in ms. */
  timeoutMs: number;
  incidents: Incident[];
  /**
   * Load-dependent service, as in a batched inference server (Infinity: off, today's behaviour).
   * `decodeTokensPerSecond`: the output tokens per second the provider generates across all its
   * streams; a stream starting with n being served (itself included) gets at most 1/n of it, fixed
   * for its whole generation. `prefillTokensPerSecond`: the input tokens per second it reads
   * prompts at, one after another; a request's TTFT grows by its wait for the prompts ahead of it.
   */
  load: { decodeTokensPerSecond: number; prefillTokensPerSecond: number };
  /** Prompt cache: a request whose session was last served here hits with `hitProbability` (any request, without sessions). */
  cache: { hitProbability: number; ttftFactor: number; inputPriceFactor: number; ttlMs: number };
  /** Prices in dollars per million tokens. */
  price: { inputPerMillion: number; outputPerMillion: number };
  /** How long a health probe takes when the provider is available, in ms. */
  probeLatencyMs: number;
  /**
   * The body text a failure with each status carries (none by default). Upstream's health check
   * reads the error's text: a 5xx whose body says "rate limit" counts as a rate limit there.
   */
  errorText: Partial<Record<FailureStatus, string>>;
}
