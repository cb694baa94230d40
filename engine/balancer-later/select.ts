/**
 * Selection as tingly-box v0.260819.0 runs it (spec upstream-later.md sections 3 to 5): the
 * health stage (degrading to every candidate when none is healthy), the affinity stage (a live
 * pin, honoured while eligible; no breaker claim), then the load balancer: active services,
 * health again with the same degrade, one service returned without any breaker check, otherwise
 * the tactic filtered by the rule's breakers with one claim (tier handles them itself), falling
 * back to the unfiltered tactic and then to the first healthy service; the session is pinned to
 * the result unless it came from affinity. A failover hop picks among the services the request
 * has not tried, without affinity and, for tier, without the health filter (the quirk).
 */
import type { Rng, Service, Tactic } from '../balancer/index.js';
import { Rule } from '../balancer/index.js';
import { isAffinityEligible, type PinStore } from './affinity.js';
import type { Breaker, BreakerStore } from './breaker.js';
import type { LaterHealthMonitor } from './health-monitor.js';
import { pickBreakerAvailable, TierTactic } from './tactics.js';

/** How a selection was made. */
export type LaterPick = 'affinity' | 'tactic' | 'only service' | 'fallback tactic' | 'first healthy';

/** What selection needs besides the services. */
export interface LaterSelectorOptions {
  /** The rule's id, which scopes its breakers and pins. */
  rule: string;
  /** Session affinity's TTL in ms (0: off). */
  affinityTtlMs: number;
  promotionHoldMs: number;
  tierOf: (service: Service) => number;
}

/** The balancer of one rule at v0.260819.0. */
export class LaterSelector {
  /** How the last selection was made. */
  lastPick: LaterPick | null = null;

  constructor(
    private readonly services: readonly Service[],
    private readonly tactic: Tactic | TierTactic,
    private readonly monitor: LaterHealthMonitor | undefined,
    private readonly breakers: BreakerStore,
    private readonly pins: PinStore,
    private readonly rng: Rng,
    private readonly options: LaterSelectorOptions,
  ) {}

  /** A service's breaker under this rule. */
  readonly breakerOf = (service: Service): Breaker => this.breakers.get(this.options.rule, service.serviceId());

  /** Whether the rule has more than one active service: only then is there failover, and only then are the breakers fed. */
  get failsOver(): boolean {
    let active = 0;
    for (const s of this.services) if (s.active) active++;
    return active > 1;
  }

  private healthy(candidates: readonly Service[]): Service[] {
    if (!this.monitor) return [...candidates];
    const kept = candidates.filter((s) => this.monitor!.isHealthy(s.serviceId()));
    return kept.length > 0 ? kept : [...candidates];
  }

  /** The first selection of a request (`session`: its session key, or null without affinity). Undefined: no active service. */
  select(session: string | null): Service | undefined {
    const candidates = this.healthy(this.services);
    const { affinityTtlMs, promotionHoldMs, rule, tierOf } = this.options;
    const pinning = affinityTtlMs > 0 && session !== null;
    if (pinning) {
      const pin = this.pins.get(rule, session);
      const pinned = pin ? candidates.find((s) => s.serviceId() === pin.serviceId) : undefined;
      if (pinned && isAffinityEligible(candidates, pinned, tierOf, this.breakerOf, promotionHoldMs)) {
        this.lastPick = 'affinity';
        return pinned;
      }
    }
    const chosen = this.loadBalance(candidates);
    if (chosen && pinning) this.pins.set(rule, session, chosen.serviceId(), affinityTtlMs);
    return chosen;
  }

  /** A failover hop: among the active services the request has not tried. Undefined: nothing left. */
  selectFallback(tried: (service: Service) => boolean): Service | undefined {
    const remaining = this.services.filter((s) => s.active && !tried(s));
    if (remaining.length === 0) return undefined;
    if (this.tactic instanceof TierTactic) {
      this.lastPick = 'tactic';
      return this.tactic.selectTier(remaining, this.options.tierOf, this.breakerOf, this.rng, true);
    }
    return this.loadBalance(remaining);
  }

  /** `LoadBalancer.selectService` over `candidates`. */
  private loadBalance(candidates: readonly Service[]): Service | undefined {
    const active = candidates.filter((s) => s.active);
    if (active.length === 0) return undefined;
    const healthy = this.healthy(active);
    if (healthy.length === 1) {
      this.lastPick = 'only service';
      return healthy[0];
    }
    const { tactic, rng } = this;
    if (tactic instanceof TierTactic) {
      this.lastPick = 'tactic';
      return tactic.selectTier(healthy, this.options.tierOf, this.breakerOf, rng, true) ?? this.first(healthy);
    }
    const pick = (set: Service[]): Service | undefined => tactic.selectService(new Rule({ services: set }), rng);
    const filtered = pickBreakerAvailable(healthy, this.breakerOf, pick, true);
    if (filtered) {
      this.lastPick = 'tactic';
      return filtered;
    }
    const plain = pick(healthy);
    if (plain) {
      this.lastPick = 'fallback tactic';
      return plain;
    }
    return this.first(healthy);
  }

  private first(healthy: Service[]): Service | undefined {
    this.lastPick = 'first healthy';
    return healthy[0];
  }
}
