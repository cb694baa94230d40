import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../../engine/balancer/index.js';

describe('ManualClock', () => {
  it('starts at 0 by default or at the given time', () => {
    expect(new ManualClock().now()).toBe(0);
    expect(new ManualClock(1_500).now()).toBe(1_500);
  });

  it('moves forward with set and advance', () => {
    const clock = new ManualClock(10);
    clock.advance(5);
    expect(clock.now()).toBe(15);
    clock.set(15);
    expect(clock.now()).toBe(15);
    clock.set(100);
    expect(clock.now()).toBe(100);
  });

  it('throws when moved backwards', () => {
    const clock = new ManualClock(100);
    expect(() => clock.set(99)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(/backwards/);
    expect(clock.now()).toBe(100);
  });

  it('rejects non-finite times', () => {
    expect(() => new ManualClock(Number.NaN)).toThrow(RangeError);
    expect(() => new ManualClock().advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('reads the wall clock in ms', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
