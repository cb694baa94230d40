/**
 * What the dispatch loop asks of a balancer version: a selection for each attempt, the feedback
 * once an attempt is over, the moment a stream's first token reaches the client, and the records
 * it holds at the end. The seed's version (Dispatcher) and v0.260819.0's (LaterDispatcher) sit
 * behind it; the loop itself, the providers and the SDK's retries are the same for both.
 */
import type { ServiceHealth } from '../balancer/index.js';
import type { LaterServiceHealth } from '../balancer-later/index.js';
import type { SelectionRecord } from './explain.js';
import type { OutcomeCode } from './outcome.js';

/** The gateway versions lbsim runs: the seed's (the default) and the current one. */
export const GATEWAY_VERSIONS = ['v0.26041.1000-preview', 'v0.260819.0'] as const;
export type GatewayVersion = (typeof GATEWAY_VERSIONS)[number];
/** The seed's version, which the engine ports and runs by default. */
export const SEED_VERSION: GatewayVersion = GATEWAY_VERSIONS[0];

/** A balancer version as the dispatch loop drives it. */
export interface GatewayBalancer {
  /** A service for the current attempt of `slot` (`eligible`: what the gateway's retry options allow), or -1 when there is none. */
  select(slot: number, eligible: ((service: number) => boolean) | undefined): number;
  /** Time the last selection spent in probes, in ms. */
  readonly probeDelayMs: number;
  /** The rule's current service id ('' unless the gateway advances it). */
  readonly currentServiceId: string;
  /** The attempt in `slot` at `service` is over (after the SDK's last try): statistics, health, breaker. */
  attemptEnded(slot: number, service: number, outcome: OutcomeCode, nowMs: number, body: string | undefined): void;
  /** Whether firstToken() wants to hear of streams' first tokens. */
  readonly watchesFirstTokens: boolean;
  /** A streamed try of `slot` delivered its first token to the client now. */
  firstToken(slot: number, service: number): void;
  /** The selection that has just run, explained (see Dispatcher.explainLast). */
  explainLast(picked: number, eligible: ((service: number) => boolean) | undefined): Omit<SelectionRecord, 'timeMs' | 'request' | 'attempt'>;
  /** A service's health record at the end (null: none, or no monitor). */
  healthRecord(serviceId: string): ServiceHealth | LaterServiceHealth | null;
}
