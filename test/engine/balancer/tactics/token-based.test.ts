import { describe, expect, it } from 'vitest';
import { ManualClock, Rule, TokenBasedTactic } from '../../../../engine/balancer/index.js';
import { fixedRng, makeService } from '../../../helpers/services.js';

const rng = fixedRng(0);

describe('token_based', () => {
  it('defaults to a 10000-token threshold; <= 0 means the default', () => {
    expect(new TokenBasedTactic().params.tokenThreshold).toBe(10_000);
    expect(new TokenBasedTactic({ tokenThreshold: 0 }).params.tokenThreshold).toBe(10_000);
    expect(new TokenBasedTactic({ tokenThreshold: -5 }).params.tokenThreshold).toBe(10_000);
    expect(new TokenBasedTactic({ tokenThreshold: 500 }).params.tokenThreshold).toBe(500);
    expect(() => new TokenBasedTactic({ tokenThreshold: 1.5 })).toThrow(RangeError);
  });

  it('returns nothing for an empty list', () => {
    expect(new TokenBasedTactic().selectService(new Rule({ services: [] }))).toBeUndefined();
  });

  it('keeps the first service while it is under the threshold', () => {
    const clock = new ManualClock();
    const [a, b] = [makeService(clock, { provider: 'a' }), makeService(clock, { provider: 'b' })];
    a.recordUsage(50, 49);
    const tactic = new TokenBasedTactic({ tokenThreshold: 100 });
    expect(tactic.selectService(new Rule({ services: [a, b] }))).toBe(a);
  });

  it('starts from the current service id when it names an active service', () => {
    const clock = new ManualClock();
    const [a, b] = [makeService(clock, { provider: 'a' }), makeService(clock, { provider: 'b' })];
    a.recordUsage(10, 0);
    b.recordUsage(99, 0);
    const tactic = new TokenBasedTactic({ tokenThreshold: 100 });
    expect(tactic.selectService(new Rule({ services: [a, b], currentServiceId: 'b:m' }))).toBe(b);
    expect(tactic.selectService(new Rule({ services: [a, b], currentServiceId: 'zzz:m' }))).toBe(a);
    b.active = false;
    expect(tactic.selectService(new Rule({ services: [a, b], currentServiceId: 'b:m' }))).toBe(a);
  });

  it('at the threshold moves to the lowest window tokens, first on ties, possibly current again', () => {
    const clock = new ManualClock();
    const [a, b, c] = ['a', 'b', 'c'].map((p) => makeService(clock, { provider: p })) as [never, never, never];
    const services = [a, b, c] as ReturnType<typeof makeService>[];
    services[0]!.recordUsage(100, 0);
    services[1]!.recordUsage(30, 0);
    services[2]!.recordUsage(30, 0);
    const tactic = new TokenBasedTactic({ tokenThreshold: 100 });
    expect(tactic.selectService(new Rule({ services }))).toBe(services[1]);
    // current over the threshold but still the lowest: it is chosen again
    const [x, y] = [makeService(clock, { provider: 'x' }), makeService(clock, { provider: 'y' })];
    x.recordUsage(200, 0);
    y.recordUsage(300, 0);
    expect(tactic.selectService(new Rule({ services: [x, y] }))).toBe(x);
  });

  it('reading window stats resets expired windows (all services are read once the current is over)', () => {
    const clock = new ManualClock();
    const a = makeService(clock, { provider: 'a', timeWindow: 10 });
    const b = makeService(clock, { provider: 'b', timeWindow: 1_000 });
    a.recordUsage(500, 0);
    b.recordUsage(200, 0);
    clock.advance(10_000);
    const tactic = new TokenBasedTactic({ tokenThreshold: 100 });
    expect(tactic.selectService(new Rule({ services: [a, b] }))).toBe(a);
    expect(a.stats.windowStart).toBe(10_000);
  });

  it('skips inactive services', () => {
    const clock = new ManualClock();
    const a = makeService(clock, { provider: 'a', active: false });
    const b = makeService(clock, { provider: 'b' });
    expect(new TokenBasedTactic().selectService(new Rule({ services: [a, b] }))).toBe(b);
    void rng;
  });
});
