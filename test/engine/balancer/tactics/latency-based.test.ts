import { describe, expect, it } from 'vitest';
import { LatencyBasedTactic, ManualClock, Rule, type Service } from '../../../../engine/balancer/index.js';
import { makeService } from '../../../helpers/services.js';

function withLatencies(samples: number[][]): Service[] {
  const clock = new ManualClock();
  return samples.map((list, i) => {
    const s = makeService(clock, { provider: `p${i}` });
    s.initializeStats();
    for (const ms of list) s.stats.recordLatency(ms, 100);
    return s;
  });
}

describe('latency_based', () => {
  it('defaults: threshold 2000 ms, mode avg, window 100, percentile 0.95; unknown mode means avg', () => {
    expect(new LatencyBasedTactic().params).toEqual({ latencyThresholdMs: 2_000, sampleWindowSize: 100, percentile: 0.95, comparisonMode: 'avg' });
    expect(new LatencyBasedTactic({ comparisonMode: 'p99' }).params.comparisonMode).toBe('p99');
    expect(new LatencyBasedTactic({ comparisonMode: 'median' }).params.comparisonMode).toBe('avg');
    expect(new LatencyBasedTactic({ comparisonMode: '', latencyThresholdMs: -1 }).params).toMatchObject({ comparisonMode: 'avg', latencyThresholdMs: 2_000 });
    expect(new LatencyBasedTactic({ percentile: 1.5 }).params.percentile).toBe(0.95);
    expect(new LatencyBasedTactic({ percentile: 0.5 }).params.percentile).toBe(0.5);
  });

  it('empty list: nothing; one service: it', () => {
    const tactic = new LatencyBasedTactic();
    expect(tactic.selectService(new Rule({ services: [] }))).toBeUndefined();
    const [a] = withLatencies([[99_999]]);
    expect(tactic.selectService(new Rule({ services: [a!] }))).toBe(a);
  });

  it('keeps the current (first) service while trunc(metric) < threshold', () => {
    const [a, b] = withLatencies([[1_999, 2_000], [10]]); // avg 1999.5, trunc 1999
    const tactic = new LatencyBasedTactic();
    expect(tactic.selectService(new Rule({ services: [a!, b!] }))).toBe(a);
    a!.stats.recordLatency(2_001, 100); // avg 2000
    expect(tactic.selectService(new Rule({ services: [a!, b!] }))).toBe(b);
  });

  it('switches to the lowest metric, first on ties; no samples count as twice the threshold', () => {
    const [a, b, c, d] = withLatencies([[3_000], [500], [500], []]);
    const tactic = new LatencyBasedTactic();
    expect(tactic.selectService(new Rule({ services: [a!, b!, c!, d!] }))).toBe(b);
    expect(tactic.latencyOf(d!)).toBe(4_000);
    // the unsampled service (4000) beats one measured at 5000
    const [x, y] = withLatencies([[5_000], []]);
    expect(tactic.selectService(new Rule({ services: [x!, y!] }))).toBe(y);
  });

  it('starts from the current service id', () => {
    const [a, b] = withLatencies([[100], [200]]);
    const tactic = new LatencyBasedTactic();
    expect(tactic.selectService(new Rule({ services: [a!, b!], currentServiceId: 'p1:m' }))).toBe(b);
  });

  it('compares the chosen statistic', () => {
    // a: avg 1000 but p99 ~ 9k; b: a steady 1500
    const a = [...Array<number>(98).fill(100), 9_000, 9_000];
    const [x, y] = withLatencies([a, [1_500, 1_500]]);
    const byAvg = new LatencyBasedTactic({ latencyThresholdMs: 500 });
    const byP99 = new LatencyBasedTactic({ latencyThresholdMs: 500, comparisonMode: 'p99' });
    const byP50 = new LatencyBasedTactic({ latencyThresholdMs: 50, comparisonMode: 'p50' });
    const byP95 = new LatencyBasedTactic({ latencyThresholdMs: 500, comparisonMode: 'p95' });
    const rule = new Rule({ services: [x!, y!] });
    expect(byAvg.latencyOf(x!)).toBe(278);
    expect(byAvg.selectService(rule)).toBe(x);
    expect(byP99.selectService(rule)).toBe(y);
    expect(byP50.selectService(rule)).toBe(x);
    expect(byP95.latencyOf(x!)).toBe(100);
  });
});
