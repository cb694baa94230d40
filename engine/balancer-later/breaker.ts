/**
 * The circuit breaker of tingly-box v0.260819.0 (`internal/loadbalance/breaker.go`; spec
 * upstream-later.md section 1), one per (rule, service), with its exact transitions: `>=` for the
 * open timeout, strict `<` for a probe slot's staleness, one probe at a time while half-open, 3
 * probe successes to close, any half-open failure re-opens for the full 30 s.
 */
import type { Clock } from '../balancer/index.js';

/** Breaker states, with upstream's numbers. */
export const BreakerState = { Closed: 0, Open: 1, HalfOpen: 2 } as const;
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

/** A state's upstream string form (`unknown` for any other value). */
export function breakerStateToString(state: number): string {
  return state === BreakerState.Closed ? 'closed' : state === BreakerState.Open ? 'open' : state === BreakerState.HalfOpen ? 'half_open' : 'unknown';
}

/** The breaker's numbers: upstream hard-codes these (no config key reaches them). */
export interface BreakerConfig {
  failureThreshold: number;
  openDurationMs: number;
  /** Probe successes that close a half-open breaker (always the default upstream). */
  recoveryThreshold: number;
  /** How long after closing a recovered breaker keeps lower-tier pins in place, in ms. */
  promotionHoldMs: number;
}

/** Upstream's defaults (`breaker.go:21-30`): 3 failures, 30 s open, 3 successes, 60 s hold. */
export const BREAKER_DEFAULTS: Readonly<BreakerConfig> = { failureThreshold: 3, openDurationMs: 30_000, recoveryThreshold: 3, promotionHoldMs: 60_000 };

/** One breaker. Times in ms on the shared clock; `closedSince` undefined is upstream's zero time. */
export class Breaker {
  state: BreakerState = BreakerState.Closed;
  consecFails = 0;
  openedAt = 0;
  halfOpenInFlight = false;
  halfOpenClaimedAt = 0;
  halfOpenSuccess = 0;
  closedSince: number | undefined = undefined;

  constructor(
    private readonly clock: Clock,
    readonly config: Readonly<BreakerConfig> = BREAKER_DEFAULTS,
  ) {}

  /** Claims a slot: closed always; open after its timeout (`>=`) turns half-open and claims the probe; half-open only when no fresh probe is in flight. */
  allow(): boolean {
    const now = this.clock.now();
    switch (this.state) {
      case BreakerState.Closed:
        return true;
      case BreakerState.Open:
        if (now - this.openedAt >= this.config.openDurationMs) {
          this.state = BreakerState.HalfOpen;
          this.claim(now);
          this.halfOpenSuccess = 0;
          return true;
        }
        return false;
      default:
        if (this.halfOpenInFlight && now - this.halfOpenClaimedAt < this.config.openDurationMs) return false;
        this.claim(now);
        return true;
    }
  }

  private claim(now: number): void {
    this.halfOpenInFlight = true;
    this.halfOpenClaimedAt = now;
  }

  /** Half-open: one more probe success (closing at the threshold), the slot released. Otherwise only the failure count is cleared (also while open: the quirk). */
  recordSuccess(): void {
    if (this.state !== BreakerState.HalfOpen) {
      this.consecFails = 0;
      return;
    }
    this.halfOpenSuccess++;
    this.halfOpenInFlight = false;
    if (this.halfOpenSuccess >= this.config.recoveryThreshold) {
      this.state = BreakerState.Closed;
      this.consecFails = 0;
      this.halfOpenSuccess = 0;
      this.closedSince = this.clock.now();
    }
  }

  /** Half-open: re-open for the full timeout. Otherwise one more failure, opening a closed breaker at the threshold (an open one stays as it is). */
  recordFailure(): void {
    const now = this.clock.now();
    if (this.state === BreakerState.HalfOpen) {
      this.open(now);
      this.halfOpenInFlight = false;
      return;
    }
    this.consecFails++;
    if (this.state === BreakerState.Closed && this.consecFails >= this.config.failureThreshold) this.open(now);
  }

  private open(now: number): void {
    this.state = BreakerState.Open;
    this.openedAt = now;
    this.halfOpenSuccess = 0;
    this.closedSince = undefined;
  }

  /** The state as read: an open breaker past its timeout reads half-open, without changing. */
  readState(): BreakerState {
    if (this.state === BreakerState.Open && this.clock.now() - this.openedAt >= this.config.openDurationMs) return BreakerState.HalfOpen;
    return this.state;
  }

  /** Not open as read (no claim): closed, half-open with a probe in flight, and expired-open count as available. */
  isAvailable(): boolean {
    return this.readState() !== BreakerState.Open;
  }

  /** Open: the time left before it may probe; otherwise 0. */
  retryInMs(): number {
    return this.state === BreakerState.Open ? Math.max(0, this.config.openDurationMs - (this.clock.now() - this.openedAt)) : 0;
  }

  /** Whether it closed after a half-open recovery less than `holdMs` ago (strict). */
  withinPromotionHold(holdMs: number): boolean {
    if (holdMs <= 0 || this.closedSince === undefined) return false;
    return this.clock.now() - this.closedSince < holdMs;
  }
}

/** The breakers of every (rule, service), created on first access (reads create them too). */
export class BreakerStore {
  /** rule -> service id -> breaker (nested, so a read builds no key string). */
  private readonly breakers = new Map<string, Map<string, Breaker>>();

  constructor(
    private readonly clock: Clock,
    private readonly config: Readonly<BreakerConfig> = BREAKER_DEFAULTS,
  ) {}

  /** The breaker of `serviceId` under `rule` (upstream's key `<rule>/<service>`). */
  get(rule: string, serviceId: string): Breaker {
    let ofRule = this.breakers.get(rule);
    if (!ofRule) {
      ofRule = new Map();
      this.breakers.set(rule, ofRule);
    }
    let breaker = ofRule.get(serviceId);
    if (!breaker) {
      breaker = new Breaker(this.clock, this.config);
      ofRule.set(serviceId, breaker);
    }
    return breaker;
  }

  /** Drops every breaker. */
  reset(): void {
    this.breakers.clear();
  }
}
