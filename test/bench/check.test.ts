import { describe, expect, it } from 'vitest';
import { compareFigures, type FiguresFile, flatten, normalise } from '../../bench/check.js';

const units = {
  'kernel.eventsPerSecond': 'events/s',
  'sim.requestsPerSecond': 'requests/s',
  'sim.requestsPerSecondByTactic.random': 'requests/s',
  'balancer.recordLatencyPerSecond': 'ops/s',
  'sweep.librarySeconds': 's',
  'sweep.libraryRuns': 'runs',
  'memory.peakRssMiB10M': 'MiB',
  'ratio.simToKernel': 'ratio',
};

function figures(scale: number, overrides: Record<string, number> = {}): FiguresFile {
  const flat: Record<string, number> = {
    'kernel.eventsPerSecond': 6e6 * scale,
    'sim.requestsPerSecond': 7e5 * scale,
    'balancer.recordLatencyPerSecond': 1e8 * scale,
    'sweep.librarySeconds': 30 / scale,
    'sweep.libraryRuns': 1_000,
    'memory.peakRssMiB10M': 75,
    'ratio.simToKernel': 0.11,
    ...overrides,
  };
  return { version: 1, figures: { ...flat, 'sim.requestsPerSecondByTactic': { random: flat['sim.requestsPerSecond']! } }, units };
}

describe('bench:check', () => {
  it('flattens nested groups', () => {
    expect(flatten({ a: 1, g: { x: 2, y: 3 } })).toEqual({ a: 1, 'g.x': 2, 'g.y': 3 });
  });

  it('normalises rates by the kernel rate, times by multiplying, memory as is', () => {
    expect(normalise(100, 'ops/s', 10)).toEqual({ value: 10, higherIsBetter: true });
    expect(normalise(3, 's', 10)).toEqual({ value: 30, higherIsBetter: false });
    expect(normalise(80, 'MiB', 10)).toEqual({ value: 80, higherIsBetter: false });
  });

  it('a machine twice as slow passes: every figure moves with the kernel figure', () => {
    const rows = compareFigures(figures(1), figures(0.5), 0.3);
    expect(rows.every((r) => !r.worse)).toBe(true);
    expect(rows.map((r) => r.figure)).not.toContain('kernel.eventsPerSecond');
    expect(rows.map((r) => r.figure)).not.toContain('sweep.libraryRuns');
    for (const r of rows) expect(Math.abs(r.change)).toBeLessThan(1e-9);
  });

  it('a deliberately slowed recordLatency (40% fewer operations per second) fails on that figure only', () => {
    const slowed = figures(1, { 'balancer.recordLatencyPerSecond': 0.6e8 });
    const rows = compareFigures(figures(1), slowed, 0.3);
    expect(rows.filter((r) => r.worse).map((r) => r.figure)).toEqual(['balancer.recordLatencyPerSecond']);
    expect(rows.find((r) => r.worse)!.change).toBeCloseTo(-0.4, 9);
  });

  it('a slower sweep or more memory fail; a 20% slowdown is within the 30% margin', () => {
    expect(compareFigures(figures(1), figures(1, { 'sweep.librarySeconds': 45 }), 0.3).find((r) => r.figure === 'sweep.librarySeconds')!.worse).toBe(true);
    expect(compareFigures(figures(1), figures(1, { 'memory.peakRssMiB10M': 200 }), 0.3).find((r) => r.figure === 'memory.peakRssMiB10M')!.worse).toBe(true);
    expect(compareFigures(figures(1), figures(1, { 'sim.requestsPerSecond': 5.6e5 }), 0.3).some((r) => r.worse)).toBe(false);
  });

  it('needs the kernel figure in both files', () => {
    const broken = figures(1);
    delete broken.figures['kernel.eventsPerSecond'];
    expect(() => compareFigures(figures(1), broken, 0.3)).toThrow(/kernel.eventsPerSecond/);
  });
});
