import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, SeededRng, Service } from '../../../engine/balancer/index.js';
import {
  BreakerStore,
  isAffinityEligible,
  LaterHealthMonitor,
  LaterSelector,
  laterTactic,
  pickBreakerAvailable,
  PinStore,
  TIER_TACTIC,
  TierTactic,
  tierBuckets,
} from '../../../engine/balancer-later/index.js';

function world(names: string[], tiers: number[] = names.map(() => 0)) {
  const clock = new ManualClock(0);
  const services = names.map((n) => new Service({ provider: n, model: 'm', weight: 1, active: true, timeWindow: 60 }, clock));
  const tierOf = (s: Service) => tiers[services.indexOf(s)]!;
  const breakers = new BreakerStore(clock);
  const breakerOf = (s: Service) => breakers.get('rule', s.serviceId());
  const trip = (i: number) => {
    for (let k = 0; k < 3; k++) breakerOf(services[i]!).recordFailure();
  };
  return { clock, services, tierOf, breakers, breakerOf, trip };
}

describe('tactics at v0.260819.0 (spec section 4)', () => {
  it('runs random for every removed or unknown type, and tier for 8', () => {
    for (const type of [0, 1, 2, 3, 4, 6, 42]) expect(laterTactic(type, {}).name, String(type)).toBe('Random');
    expect(laterTactic(5, {}).name).toBe('Speed Based');
    expect(laterTactic(7, {}).name).toBe('Capacity Based');
    expect(laterTactic(TIER_TACTIC, {})).toBeInstanceOf(TierTactic);
  });

  it('groups active services by tier, lowest first, config order within', () => {
    const w = world(['a', 'b', 'c', 'd'], [2, 0, 2, 0]);
    w.services[3]!.active = false;
    expect(tierBuckets(w.services, w.tierOf).map((b) => b.map((s) => s.provider))).toEqual([['b'], ['a', 'c']]);
  });

  it('picks among breaker-available services with one claim: a half-open service whose probe is out is skipped', () => {
    const w = world(['a', 'b']);
    w.trip(0);
    w.clock.advance(30_000);
    const first = (set: Service[]) => set[0];
    expect(pickBreakerAvailable(w.services, w.breakerOf, first, true)?.provider).toBe('a'); // the probe claim
    expect(pickBreakerAvailable(w.services, w.breakerOf, first, true)?.provider).toBe('b'); // a is available but its slot is taken
    expect(pickBreakerAvailable(w.services, w.breakerOf, first, false)?.provider).toBe('a'); // preview: no claim
  });

  it('tier: the first tier with an available service, else the first tier without a claim', () => {
    const w = world(['p1', 'p2', 'backup'], [0, 0, 1]);
    const tier = new TierTactic(0);
    const rng = new SeededRng(1);
    expect(['p1', 'p2']).toContain(tier.selectTier(w.services, w.tierOf, w.breakerOf, rng, true)!.provider);
    w.trip(0);
    w.trip(1);
    expect(tier.selectTier(w.services, w.tierOf, w.breakerOf, rng, true)!.provider).toBe('backup');
    w.trip(2);
    expect(['p1', 'p2']).toContain(tier.selectTier(w.services, w.tierOf, w.breakerOf, rng, true)!.provider);
  });
});

describe('session pins (spec section 5)', () => {
  it('hold for a strict TTL, set once and never refreshed', () => {
    const clock = new ManualClock(0);
    const pins = new PinStore(clock);
    pins.set('r', 's', 'a/m', 1_000);
    clock.set(1_000);
    expect(pins.get('r', 's')?.serviceId).toBe('a/m');
    clock.set(1_001);
    expect(pins.get('r', 's')).toBeUndefined();
    expect(pins.get('other', 's')).toBeUndefined();
  });

  it('agree with a reference model over random sets, reads and waits (strict TTL, never refreshed, keyed by rule and session)', () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant<'set'>('set'), rule: fc.constantFrom('r1', 'r2'), session: fc.constantFrom('s1', 's2', 's3'), service: fc.constantFrom('a', 'b'), ttl: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ op: fc.constant<'get'>('get'), rule: fc.constantFrom('r1', 'r2'), session: fc.constantFrom('s1', 's2', 's3') }),
      fc.record({ op: fc.constant<'wait'>('wait'), ms: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
        const clock = new ManualClock(0);
        const pins = new PinStore(clock);
        const model = new Map<string, { service: string; expiresAt: number }>();
        for (const o of ops) {
          if (o.op === 'wait') clock.advance(o.ms);
          else if (o.op === 'set') {
            pins.set(o.rule, o.session, o.service, o.ttl);
            model.set(`${o.rule} ${o.session}`, { service: o.service, expiresAt: clock.now() + o.ttl });
          } else {
            const m = model.get(`${o.rule} ${o.session}`);
            expect(pins.get(o.rule, o.session)?.serviceId).toBe(m && clock.now() <= m.expiresAt ? m.service : undefined);
          }
        }
        expect(pins.size).toBe([...model.values()].filter((m) => clock.now() <= m.expiresAt).length);
      }),
      { numRuns: 300 },
    );
  });

  it('eligibility: a pin in the top available tier holds; a lower-tier pin holds only while a top-tier service is within PromotionHold', () => {
    const w = world(['primary', 'backup'], [0, 1]);
    const [primary, backup] = w.services as [Service, Service];
    expect(isAffinityEligible(w.services, primary, w.tierOf, w.breakerOf, 60_000)).toBe(true);
    // a primary that never tripped takes fallback pins back at once
    expect(isAffinityEligible(w.services, backup, w.tierOf, w.breakerOf, 60_000)).toBe(false);
    w.trip(0);
    expect(isAffinityEligible(w.services, backup, w.tierOf, w.breakerOf, 60_000)).toBe(true);
    // the primary recovers: 3 probes after 30 s; then the hold keeps the backup pin for 60 s
    w.clock.advance(30_000);
    for (let k = 0; k < 3; k++) {
      w.breakerOf(primary).allow();
      w.breakerOf(primary).recordSuccess();
    }
    expect(isAffinityEligible(w.services, backup, w.tierOf, w.breakerOf, 60_000)).toBe(true);
    w.clock.advance(60_000);
    expect(isAffinityEligible(w.services, backup, w.tierOf, w.breakerOf, 60_000)).toBe(false);
    backup.active = false;
    expect(isAffinityEligible(w.services, backup, w.tierOf, w.breakerOf, 60_000)).toBe(false);
  });

  it('one tier: a dead peer loses its pin', () => {
    const w = world(['a', 'b']);
    w.trip(0);
    expect(isAffinityEligible(w.services, w.services[0]!, w.tierOf, w.breakerOf, 60_000)).toBe(false);
    expect(isAffinityEligible(w.services, w.services[1]!, w.tierOf, w.breakerOf, 60_000)).toBe(true);
  });
});

describe('the selection pipeline (spec section 3)', () => {
  function selector(names: string[], options: { ttl?: number; monitor?: boolean; tiers?: number[]; tactic?: number } = {}) {
    const w = world(names, options.tiers);
    const monitor = options.monitor ? new LaterHealthMonitor({ recoveryTimeoutSeconds: 60, probeEnabled: false }, w.clock) : undefined;
    const s = new LaterSelector(w.services, laterTactic(options.tactic ?? 3, {}), monitor, w.breakers, new PinStore(w.clock), new SeededRng(7), {
      rule: 'rule',
      affinityTtlMs: options.ttl ?? 0,
      promotionHoldMs: 60_000,
      tierOf: w.tierOf,
    });
    return { ...w, s, monitor };
  }

  it('returns a single service without asking its breaker', () => {
    const { s, trip } = selector(['a']);
    trip(0);
    expect(s.select(null)?.provider).toBe('a');
    expect(s.lastPick).toBe('only service');
    expect(s.failsOver).toBe(false);
  });

  it('keeps away from an open breaker, and when every breaker is open falls back to the unfiltered tactic', () => {
    const { s, trip } = selector(['a', 'b']);
    trip(0);
    for (let k = 0; k < 20; k++) expect(s.select(null)?.provider).toBe('b');
    trip(1);
    expect(['a', 'b']).toContain(s.select(null)?.provider);
    expect(s.lastPick).toBe('fallback tactic');
  });

  it('degrades to every candidate when the monitor calls none healthy', () => {
    const { s, monitor } = selector(['a', 'b'], { monitor: true });
    monitor!.reportRateLimit('a:m');
    monitor!.reportRateLimit('b:m');
    expect(['a', 'b']).toContain(s.select(null)?.provider);
  });

  it('pins a session to its first pick and honours the pin without a claim; a 429 on the pinned service moves it', () => {
    const { s, monitor } = selector(['a', 'b', 'c'], { ttl: 60_000, monitor: true });
    const first = s.select('s1')!;
    for (let k = 0; k < 10; k++) {
      expect(s.select('s1')).toBe(first);
      expect(s.lastPick).toBe('affinity');
    }
    monitor!.reportRateLimit(first.serviceId());
    const moved = s.select('s1')!;
    expect(moved).not.toBe(first);
    expect(s.select('s1')).toBe(moved);
  });

  it('a failover hop picks among untried services, and tier skips the health filter there (the quirk)', () => {
    const { s, services, monitor } = selector(['a', 'b'], { tiers: [0, 1], tactic: TIER_TACTIC, monitor: true });
    monitor!.reportRateLimit('b:m');
    expect(s.selectFallback((x) => x === services[0])?.provider).toBe('b');
    expect(s.selectFallback(() => true)).toBeUndefined();
  });
});
