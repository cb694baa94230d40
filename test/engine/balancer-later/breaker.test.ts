import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/balancer/index.js';
import { Breaker, BreakerState, breakerStateToString, BreakerStore } from '../../../engine/balancer-later/index.js';

const OPEN = 30_000;

function tripped(clock: ManualClock): Breaker {
  const b = new Breaker(clock);
  for (let i = 0; i < 3; i++) b.recordFailure();
  return b;
}

describe('the v0.260819.0 circuit breaker, transition by transition (spec section 1.2)', () => {
  it('opens on the 3rd consecutive failure of a closed breaker; a success in between starts the count again', () => {
    const clock = new ManualClock(0);
    const b = new Breaker(clock);
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe(BreakerState.Closed);
    b.recordFailure();
    expect(b).toMatchObject({ state: BreakerState.Open, openedAt: 0, consecFails: 3, closedSince: undefined });
    expect(b.allow()).toBe(false);
    expect(b.isAvailable()).toBe(false);
  });

  it('allows a probe at exactly 30 s (>=, not strict), claiming the only slot; reads half-open without changing before that', () => {
    const clock = new ManualClock(0);
    const b = tripped(clock);
    clock.advance(OPEN - 1);
    expect(b.readState()).toBe(BreakerState.Open);
    expect(b.retryInMs()).toBe(1);
    expect(b.allow()).toBe(false);
    clock.advance(1);
    expect(b.readState()).toBe(BreakerState.HalfOpen);
    expect(b.state).toBe(BreakerState.Open); // a read does not move it
    expect(b.isAvailable()).toBe(true);
    expect(b.retryInMs()).toBe(0);
    expect(b.allow()).toBe(true);
    expect(b).toMatchObject({ state: BreakerState.HalfOpen, halfOpenInFlight: true, halfOpenClaimedAt: OPEN, halfOpenSuccess: 0, consecFails: 3 });
    expect(b.allow()).toBe(false); // one probe at a time
    expect(b.isAvailable()).toBe(true); // half-open with a probe in flight still counts as available
  });

  it('closes after 3 probe successes, each its own round; closing clears the counts and starts PromotionHold', () => {
    const clock = new ManualClock(0);
    const b = tripped(clock);
    clock.advance(OPEN);
    for (let round = 1; round <= 3; round++) {
      expect(b.allow(), `round ${round}`).toBe(true);
      clock.advance(100);
      b.recordSuccess();
    }
    expect(b).toMatchObject({ state: BreakerState.Closed, consecFails: 0, halfOpenSuccess: 0, closedSince: OPEN + 300 });
    clock.advance(60_000 - 1);
    expect(b.withinPromotionHold(60_000)).toBe(true);
    clock.advance(1);
    expect(b.withinPromotionHold(60_000)).toBe(false); // strict <
    expect(b.withinPromotionHold(0)).toBe(false);
  });

  it('closes after one probe success with a recovery threshold of 1 (no hysteresis, the gateway option)', () => {
    const clock = new ManualClock(0);
    const b = new Breaker(clock, { failureThreshold: 3, openDurationMs: OPEN, recoveryThreshold: 1, promotionHoldMs: 0 });
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock.advance(OPEN);
    b.allow();
    b.recordSuccess();
    expect(b.state).toBe(BreakerState.Closed);
    expect(b.withinPromotionHold(0)).toBe(false);
  });

  it('re-opens for the full 30 s on any half-open failure, without counting it', () => {
    const clock = new ManualClock(0);
    const b = tripped(clock);
    clock.advance(OPEN);
    b.allow();
    b.recordSuccess();
    b.allow();
    clock.advance(500);
    b.recordFailure();
    expect(b).toMatchObject({ state: BreakerState.Open, openedAt: OPEN + 500, halfOpenSuccess: 0, halfOpenInFlight: false, consecFails: 3 });
    clock.advance(OPEN - 1);
    expect(b.allow()).toBe(false);
  });

  it('hands a stale probe slot on after 30 s (strict < for staleness)', () => {
    const clock = new ManualClock(0);
    const b = tripped(clock);
    clock.advance(OPEN);
    expect(b.allow()).toBe(true);
    clock.advance(OPEN - 1);
    expect(b.allow()).toBe(false);
    clock.advance(1);
    expect(b.allow()).toBe(true);
    expect(b.halfOpenClaimedAt).toBe(2 * OPEN);
  });

  it('quirks: a success while open only clears the count; a failure while open counts without moving openedAt; a non-probe success while half-open counts', () => {
    const clock = new ManualClock(0);
    const b = tripped(clock);
    clock.advance(1_000);
    b.recordSuccess();
    expect(b).toMatchObject({ state: BreakerState.Open, consecFails: 0, openedAt: 0 });
    b.recordFailure();
    expect(b).toMatchObject({ state: BreakerState.Open, consecFails: 1, openedAt: 0 });
    clock.advance(OPEN);
    b.allow();
    b.recordSuccess(); // the probe
    b.recordSuccess(); // a request sent before the trip, finishing now
    expect(b.halfOpenSuccess).toBe(2);
  });

  it('prints its states as upstream does, and a store keys breakers by rule and service, creating them on read', () => {
    expect([0, 1, 2, 7].map(breakerStateToString)).toEqual(['closed', 'open', 'half_open', 'unknown']);
    const store = new BreakerStore(new ManualClock(0));
    const a = store.get('r1', 'p/m');
    expect(store.get('r1', 'p/m')).toBe(a);
    expect(store.get('r2', 'p/m')).not.toBe(a);
    store.reset();
    expect(store.get('r1', 'p/m')).not.toBe(a);
  });
});

/** The breaker as the spec's table states it, written as a pure function of a small state record. */
interface Model {
  state: 'closed' | 'open' | 'half_open';
  fails: number;
  openedAt: number;
  inFlight: boolean;
  claimedAt: number;
  successes: number;
}
type Op = { op: 'allow' | 'success' | 'failure' | 'wait'; ms: number };

function step(m: Model, op: Op, now: number): { m: Model; allowed?: boolean } {
  const n = { ...m };
  if (op.op === 'allow') {
    if (m.state === 'closed') return { m: n, allowed: true };
    if (m.state === 'open') {
      if (now - m.openedAt < OPEN) return { m: n, allowed: false };
      return { m: { ...n, state: 'half_open', inFlight: true, claimedAt: now, successes: 0 }, allowed: true };
    }
    if (m.inFlight && now - m.claimedAt < OPEN) return { m: n, allowed: false };
    return { m: { ...n, inFlight: true, claimedAt: now }, allowed: true };
  }
  if (op.op === 'success') {
    if (m.state !== 'half_open') return { m: { ...n, fails: 0 } };
    const successes = m.successes + 1;
    return successes >= 3 ? { m: { ...n, state: 'closed', fails: 0, successes: 0, inFlight: false } } : { m: { ...n, successes, inFlight: false } };
  }
  if (op.op === 'failure') {
    if (m.state === 'half_open') return { m: { ...n, state: 'open', openedAt: now, successes: 0, inFlight: false } };
    const fails = m.fails + 1;
    return m.state === 'closed' && fails >= 3 ? { m: { ...n, fails, state: 'open', openedAt: now, successes: 0 } } : { m: { ...n, fails } };
  }
  return { m: n };
}

describe('the breaker against a reference model of the spec', () => {
  it('agrees on every answer and state over random sequences of claims, outcomes and waits', () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant<'allow'>('allow'), ms: fc.constant(0) }),
      fc.record({ op: fc.constantFrom<'success' | 'failure'>('success', 'failure'), ms: fc.constant(0) }),
      fc.record({ op: fc.constant<'wait'>('wait'), ms: fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(OPEN - 1, OPEN, OPEN + 1)) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const clock = new ManualClock(0);
        const b = new Breaker(clock);
        let m: Model = { state: 'closed', fails: 0, openedAt: 0, inFlight: false, claimedAt: 0, successes: 0 };
        for (const o of ops) {
          if (o.op === 'wait') clock.advance(o.ms);
          const out = step(m, o, clock.now());
          m = out.m;
          if (o.op === 'allow') expect(b.allow()).toBe(out.allowed);
          if (o.op === 'success') b.recordSuccess();
          if (o.op === 'failure') b.recordFailure();
          expect(breakerStateToString(b.state)).toBe(m.state);
          expect({ fails: b.consecFails, successes: b.halfOpenSuccess, inFlight: b.halfOpenInFlight }).toEqual({ fails: m.fails, successes: m.successes, inFlight: m.inFlight });
          if (m.state === 'open') expect(b.openedAt).toBe(m.openedAt);
        }
      }),
      { numRuns: 500 },
    );
  });
});
