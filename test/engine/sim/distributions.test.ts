import { describe, expect, it } from 'vitest';
import { normalQuantile, Sampler, Z99 } from '../../../engine/sim/index.js';

const quantiles = (sampler: Sampler, n = 20_000): number[] =>
  Array.from({ length: n }, (_, i) => sampler.at((i + 0.5) / n));

describe('normalQuantile', () => {
  it('matches known values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.99)).toBeCloseTo(Z99, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('Sampler', () => {
  it('constant, uniform and exponential by inverse transform', () => {
    expect(new Sampler({ kind: 'constant', value: 7 }).at(0.3)).toBe(7);
    expect(new Sampler({ kind: 'uniform', min: 10, max: 20 }).at(0.25)).toBe(12.5);
    const exp = new Sampler({ kind: 'exponential', mean: 100 });
    expect(exp.at(1 - Math.exp(-1))).toBeCloseTo(100, 9);
    const xs = quantiles(exp);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(100, 0);
  });

  it('lognormal reproduces its median and p99', () => {
    const s = new Sampler({ kind: 'lognormal', median: 400, p99: 2_000 });
    expect(s.at(0.5)).toBeCloseTo(400, 6);
    expect(s.at(0.99)).toBeCloseTo(2_000, 4);
    expect(s.median()).toBeCloseTo(400, 6);
    const xs = quantiles(s, 200_000);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(s.mean(), -1);
  });

  it('normal is clamped at its minimum', () => {
    const s = new Sampler({ kind: 'normal', mean: 10, sd: 5, min: 2 });
    expect(s.at(0.5)).toBeCloseTo(10, 9);
    expect(s.at(0.0001)).toBe(2);
  });

  it('empirical resamples its values, in sorted order of the draw', () => {
    const s = new Sampler({ kind: 'empirical', values: [30, 10, 20] });
    expect([0, 0.34, 0.7].map((u) => s.at(u))).toEqual([10, 20, 30]);
    expect(s.mean()).toBe(20);
  });
});
