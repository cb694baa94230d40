/**
 * Session pins of tingly-box v0.260819.0 (spec upstream-later.md section 5): a pin per (rule,
 * session) with a strict TTL, set once and never refreshed, and the eligibility check that moves a
 * pin back to the top available tier unless a service there is within PromotionHold.
 */
import type { Clock, Service } from '../balancer/index.js';
import type { BreakerOf } from './tactics.js';
import { tierBuckets } from './tactics.js';

/** A pin: the service and when it was set and expires, in ms. */
export interface Pin {
  serviceId: string;
  lockedAt: number;
  expiresAt: number;
}

/** The pins of every rule and session. */
export class PinStore {
  private readonly pins = new Map<string, Pin>();

  constructor(private readonly clock: Clock) {}

  private static key(rule: string, session: string): string {
    return `${rule}:${session}`;
  }

  /** The live pin (valid while now <= expiresAt), or undefined. */
  get(rule: string, session: string): Pin | undefined {
    const pin = this.pins.get(PinStore.key(rule, session));
    return pin && this.clock.now() <= pin.expiresAt ? pin : undefined;
  }

  /** Pins the session to a service for `ttlMs` from now, replacing any pin. */
  set(rule: string, session: string, serviceId: string, ttlMs: number): void {
    const now = this.clock.now();
    this.pins.set(PinStore.key(rule, session), { serviceId, lockedAt: now, expiresAt: now + ttlMs });
  }

  /** Drops expired pins (upstream sweeps every 30 min; reads ignore expired ones anyway). */
  sweep(): void {
    const now = this.clock.now();
    for (const [key, pin] of this.pins) if (now > pin.expiresAt) this.pins.delete(key);
  }

  /** Live pins, for charts and tests. */
  get size(): number {
    let n = 0;
    const now = this.clock.now();
    for (const pin of this.pins.values()) if (now <= pin.expiresAt) n++;
    return n;
  }
}

/**
 * Whether a pin to `pinned` may be honoured among `candidates` (`isAffinityEligible`): the
 * pinned service must be active; the first tier with an available service (breaker not open) is
 * the top tier: a pin there, to an available service, holds; a pin elsewhere holds only while a
 * service of the top tier is within PromotionHold (even when the pinned one is open: the quirk).
 * With no tier available, the pin holds only on the first tier.
 */
export function isAffinityEligible(candidates: readonly Service[], pinned: Service, tierOf: (service: Service) => number, breakerOf: BreakerOf, promotionHoldMs: number): boolean {
  if (!pinned.active) return false;
  const buckets = tierBuckets(candidates, tierOf);
  for (const bucket of buckets) {
    const available = bucket.filter((s) => breakerOf(s).isAvailable());
    if (available.length === 0) continue;
    if (available.includes(pinned)) return true;
    return available.some((s) => breakerOf(s).withinPromotionHold(promotionHoldMs));
  }
  return buckets.length > 0 && tierOf(pinned) === tierOf(buckets[0]![0]!);
}
