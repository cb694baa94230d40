import { describe, expect, it } from 'vitest';
import { ManualClock, Rule, type Service, SpeedBasedTactic } from '../../../../engine/balancer/index.js';
import { makeService } from '../../../helpers/services.js';

function withSpeeds(samples: number[][]): Service[] {
  const clock = new ManualClock();
  return samples.map((list, i) => {
    const s = makeService(clock, { provider: `p${i}` });
    for (const tps of list) s.stats.recordTokenSpeed(tps, 100);
    return s;
  });
}
const five = (tps: number): number[] => Array<number>(5).fill(tps);

describe('speed_based', () => {
  const tactic = new SpeedBasedTactic();

  it('defaults: 5 samples, 50 tps, window 100', () => {
    expect(tactic.params).toEqual({ minSamplesRequired: 5, speedThresholdTps: 50, sampleWindowSize: 100 });
    expect(new SpeedBasedTactic({ minSamplesRequired: 0, speedThresholdTps: -1 }).params).toMatchObject({ minSamplesRequired: 5, speedThresholdTps: 50 });
  });

  it('empty list: nothing; one service: it', () => {
    expect(tactic.selectService(new Rule({ services: [] }))).toBeUndefined();
    const [a] = withSpeeds([[1]]);
    expect(tactic.selectService(new Rule({ services: [a!] }))).toBe(a);
  });

  it('takes the fastest service meeting the threshold, first on ties', () => {
    const [a, b, c] = withSpeeds([five(60), five(90), five(90)]);
    expect(tactic.selectService(new Rule({ services: [a!, b!, c!] }))).toBe(b);
  });

  it('services with too few samples score half the threshold (exploration)', () => {
    const [a, b] = withSpeeds([five(20), [1, 1]]); // a below threshold, b exploring at 25
    expect(tactic.selectService(new Rule({ services: [a!, b!] }))).toBe(b);
    const [x, y] = withSpeeds([five(60), []]); // a proven fast one beats exploration
    expect(tactic.selectService(new Rule({ services: [x!, y!] }))).toBe(x);
  });

  it('when none meets the threshold, the second pass takes the highest average over the best so far', () => {
    const [a, b, c] = withSpeeds([five(10), five(40), five(30)]);
    expect(tactic.selectService(new Rule({ services: [a!, b!, c!] }))).toBe(b);
    // exploration scored 25 first; 30 beats it in the second pass, 20 does not
    const [e, f] = withSpeeds([[], five(30)]);
    expect(tactic.selectService(new Rule({ services: [e!, f!] }))).toBe(f);
    const [g, h] = withSpeeds([[], five(20)]);
    expect(tactic.selectService(new Rule({ services: [g!, h!] }))).toBe(g);
  });

  it('all averages zero with enough samples: the first service', () => {
    const [a, b] = withSpeeds([five(0), five(0)]);
    expect(tactic.selectService(new Rule({ services: [a!, b!] }))).toBe(a);
  });
});
