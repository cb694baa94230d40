import type { OutcomeCode } from './outcome.js';

/**
 * What the dispatch loop reports as it runs, for whoever aggregates it (the metrics collector).
 * Service numbers are indexes into the plan's services; times are in ms; `measured` is false for
 * requests that arrived during the warm-up.
 */
export interface GatewaySink {
  /** A request arrived. */
  arrival(nowMs: number, measured: boolean): void;
  /** Selection asked whether `service` is healthy. */
  healthCheck(service: number, healthy: boolean, nowMs: number): void;
  /** A health probe ran. */
  probe(): void;
  /** A gateway attempt (a selection) was sent to `service`. */
  attemptSent(service: number, nowMs: number, measured: boolean): void;
  /** A provider try (an attempt's first, or an SDK retry) was sent to `service`. */
  trySent(service: number, nowMs: number): void;
  /** A try ended: its wait for a provider slot (-1: never served) and what it was billed. */
  tryEnded(service: number, outcome: OutcomeCode, queueWaitMs: number, costDollars: number, measured: boolean): void;
  /** An attempt ended with the outcome the balancer saw, after `latencyMs`. */
  attemptEnded(service: number, outcome: OutcomeCode, nowMs: number, latencyMs: number, measured: boolean): void;
  /** A request ended: its latency and, for a streamed success, its TTFT from arrival (-1 otherwise), and for a success its output tokens and cache hit. */
  requestEnded(outcome: OutcomeCode, nowMs: number, measured: boolean, latencyMs: number, ttftMs: number, outputTokens: number, cacheHit: boolean, session?: number, service?: number): void;
}
