import { describe, expect, it } from 'vitest';
import { CapacityBasedTactic, capacityWeight, ManualClock, Rule } from '../../../../engine/balancer/index.js';
import { fixedRng, makeService } from '../../../helpers/services.js';

describe('capacity_based', () => {
  const clock = new ManualClock();
  const tactic = new CapacityBasedTactic();

  it('weight = model_capacity if > 0, else weight if > 0, else 100', () => {
    expect(capacityWeight(makeService(clock, { provider: 'a', modelCapacity: 8, weight: 3 }))).toBe(8);
    expect(capacityWeight(makeService(clock, { provider: 'a', modelCapacity: 0, weight: 3 }))).toBe(3);
    expect(capacityWeight(makeService(clock, { provider: 'a', weight: 0 }))).toBe(100);
    expect(capacityWeight(makeService(clock, { provider: 'a', weight: -4, modelCapacity: -1 }))).toBe(100);
  });

  it('empty list: nothing; one service: it', () => {
    expect(tactic.selectService(new Rule({ services: [] }), fixedRng(0))).toBeUndefined();
    const a = makeService(clock, { provider: 'a' });
    expect(tactic.selectService(new Rule({ services: [a] }), fixedRng(0.9))).toBe(a);
  });

  it('draws by cumulative capacity weight', () => {
    const a = makeService(clock, { provider: 'a', modelCapacity: 10 });
    const b = makeService(clock, { provider: 'b', weight: 0 }); // 100
    const services = [a, b]; // total 110
    expect(tactic.selectService(new Rule({ services }), fixedRng(0))).toBe(a);
    expect(tactic.selectService(new Rule({ services }), fixedRng(9.99 / 110))).toBe(a);
    expect(tactic.selectService(new Rule({ services }), fixedRng(10 / 110))).toBe(b);
    expect(tactic.selectService(new Rule({ services }), fixedRng(0.9999))).toBe(b);
  });
});
