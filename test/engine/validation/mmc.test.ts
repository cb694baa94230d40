import { describe, expect, it } from 'vitest';
import { simulate } from '../../../engine/simulate.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

/** Erlang C: the probability that an arrival waits, for c servers at offered load a = λ/μ. */
function erlangC(c: number, offeredLoad: number): number {
  const rho = offeredLoad / c;
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < c; k++) {
    term *= offeredLoad / k;
    sum += term;
  }
  const last = (term * offeredLoad) / c / (1 - rho); // a^c / c! / (1 - rho)
  return last / (sum + last);
}

/** Mean wait in queue of M/M/c, in the unit of the mean service time. */
function meanWait(c: number, rho: number, meanServiceMs: number): number {
  const lambdaPerMs = (rho * c) / meanServiceMs;
  const mu = 1 / meanServiceMs;
  return erlangC(c, lambdaPerMs / mu) / (c * mu - lambdaPerMs);
}

describe('validation against queueing theory', () => {
  it('Erlang C matches textbook values', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: P(wait) = rho
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(meanWait(1, 0.9, 1_000)).toBeCloseTo(9_000, 6); // rho / (mu - lambda)
  });

  // One provider with c slots, Poisson arrivals, exponential service (TTFT with a negligible
  // generation time), no balancer effects: the mean wait must be Erlang C's within 5%.
  const cases: Array<[number, number, number]> = [];
  for (const c of [1, 2, 8]) for (const rho of [0.5, 0.7, 0.9]) cases.push([c, rho, rho >= 0.9 ? 2_000_000 : 1_000_000]);

  it.each(cases)('M/M/%i at utilisation %f reproduces the mean waiting time within 5% (%i requests)', (c, rho, requests) => {
    const meanServiceMs = 1_000;
    const ratePerSecond = (rho * c * 1000) / meanServiceMs;
    const durationMs = (requests / ratePerSecond) * 1000;
    const s = scenario({
      seed: 20_261_126 + c * 10 + Math.round(rho * 10),
      durationMs,
      warmupMs: durationMs / 50,
      workload: { arrivals: { kind: 'poisson', ratePerSecond }, inputTokens: { kind: 'constant', value: 1 }, outputTokens: { kind: 'constant', value: 1 }, streamingFraction: 1, sessions: 0 },
      services: [service('mmc', provider({ concurrency: c, ttftMs: { kind: 'exponential', mean: meanServiceMs }, tokensPerSecond: { kind: 'constant', value: 1e12 } }))],
      bucketMs: durationMs,
      limits: { maxEvents: 1e9, maxSimulatedMs: durationMs * 2 },
    });
    const r = simulate(s, { tactic: 'random', health: 'none' });
    const expected = meanWait(c, rho, meanServiceMs);
    const relativeError = Math.abs(r.metrics.queueWaitMs - expected) / expected;
    expect(r.metrics.successRate).toBe(1);
    expect(relativeError, `measured ${r.metrics.queueWaitMs.toFixed(1)} ms, Erlang C ${expected.toFixed(1)} ms`).toBeLessThan(0.05);
  });
});
