import { describe, expect, it } from 'vitest';
import type { ArrivalProcess } from '../../../engine/workload/index.js';
import { streamRng } from '../../../engine/sim/index.js';
import { createArrivals } from '../../../engine/workload/index.js';

function times(process: ArrivalProcess, endMs: number, seed = 1): number[] {
  const gen = createArrivals(process, endMs, streamRng(seed, 'arrivals'));
  const out: number[] = [];
  for (let t = gen.next(); Number.isFinite(t); t = gen.next()) out.push(t);
  return out;
}

const countIn = (ts: number[], from: number, to: number): number => ts.filter((t) => t >= from && t < to).length;

describe('arrival processes', () => {
  it('constant: evenly spaced, stopping before the end', () => {
    expect(times({ kind: 'constant', ratePerSecond: 4 }, 1_000)).toEqual([250, 500, 750]);
  });

  it('poisson: the count matches the rate and gaps are exponential (coefficient of variation ~ 1)', () => {
    const ts = times({ kind: 'poisson', ratePerSecond: 50 }, 1_000_000);
    expect(ts.length / 1_000).toBeCloseTo(50, 0);
    const gaps = ts.slice(1).map((t, i) => t - ts[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeCloseTo(1, 1);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it('bursty: on periods at the on rate, off periods at the off rate', () => {
    const ts = times({ kind: 'bursty', onRatePerSecond: 100, offRatePerSecond: 5, onMs: 10_000, offMs: 30_000 }, 400_000);
    let on = 0;
    let off = 0;
    for (let cycle = 0; cycle < 10; cycle++) {
      on += countIn(ts, cycle * 40_000, cycle * 40_000 + 10_000);
      off += countIn(ts, cycle * 40_000 + 10_000, (cycle + 1) * 40_000);
    }
    expect(on / 100).toBeGreaterThan(90);
    expect(on / 100).toBeLessThan(110);
    expect(off / 300).toBeGreaterThan(4);
    expect(off / 300).toBeLessThan(6);
  });

  it('diurnal: peak quarter far busier than the trough quarter, mean rate kept', () => {
    const period = 100_000;
    const ts = times({ kind: 'diurnal', meanRatePerSecond: 40, amplitude: 0.8, periodMs: period, phaseRadians: 0 }, 10 * period);
    expect(ts.length / 1_000).toBeCloseTo(40, 0);
    let peak = 0;
    let trough = 0;
    for (let k = 0; k < 10; k++) {
      peak += countIn(ts, k * period + period / 8, k * period + (3 * period) / 8);
      trough += countIn(ts, k * period + (5 * period) / 8, k * period + (7 * period) / 8);
    }
    expect(peak / trough).toBeGreaterThan(4);
  });

  it('ramp: the rate moves linearly from one value to the other', () => {
    const ts = times({ kind: 'ramp', fromRatePerSecond: 10, toRatePerSecond: 90 }, 200_000);
    expect(countIn(ts, 0, 20_000) / 20).toBeGreaterThan(12);
    expect(countIn(ts, 0, 20_000) / 20).toBeLessThan(22);
    expect(countIn(ts, 180_000, 200_000) / 20).toBeGreaterThan(75);
    expect(ts.length / 200).toBeCloseTo(50, -1);
  });

  it('trace: replays the timestamps until the end', () => {
    const rows = [0, 100, 250, 5_000].map((timestampMs) => ({ timestampMs, inputTokens: 1, outputTokens: 1, session: -1 }));
    expect(times({ kind: 'trace', rows }, 1_000)).toEqual([0, 100, 250]);
  });

  it('the same seed gives the same arrivals; another seed others', () => {
    const p: ArrivalProcess = { kind: 'poisson', ratePerSecond: 10 };
    expect(times(p, 10_000, 3)).toEqual(times(p, 10_000, 3));
    expect(times(p, 10_000, 3)).not.toEqual(times(p, 10_000, 4));
  });
});
