import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleWindow } from '../../../../engine/balancer/internal/sample-window.js';

function reference(values: number[]): { avg: number; p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number): number => {
    if (sorted.length === 0) return 0;
    const idx = p * (sorted.length - 1);
    const lo = Math.floor(idx);
    return lo + 1 >= sorted.length ? sorted[lo]! : sorted[lo]! + (idx - lo) * (sorted[lo + 1]! - sorted[lo]!);
  };
  const avg = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return { avg, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99) };
}

describe('SampleWindow', () => {
  it('property: any interleaving of pushes (any max) and reads matches a full re-sort', () => {
    const step = fc.oneof(
      { arbitrary: fc.record({ push: fc.integer({ min: -100, max: 100 }), max: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 12 })) }), weight: 6 },
      { arbitrary: fc.constant({ read: true as const }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const window = new SampleWindow(true);
        let held: number[] = [];
        for (const s of steps) {
          if ('push' in s) {
            window.push(s.push, s.max);
            held = [...held, s.push];
            held = held.slice(Math.max(0, held.length - s.max));
          } else {
            const r = reference(held);
            expect([window.average(), window.p50(), window.p95(), window.p99()]).toEqual([r.avg, r.p50, r.p95, r.p99]);
          }
          expect(window.count).toBe(held.length);
        }
        expect(window.values()).toEqual(held);
        const r = reference(held);
        expect([window.average(), window.p50(), window.p95(), window.p99()]).toEqual([r.avg, r.p50, r.p95, r.p99]);
      }),
      { numRuns: 500 },
    );
  });

  it('a plain window averages in insertion order and has no percentiles', () => {
    const window = new SampleWindow(false);
    for (const v of [0.1, 0.2, 0.3]) window.push(v, 10);
    expect(window.average()).toBe((0.1 + 0.2 + 0.3) / 3);
    expect(window.p95()).toBe(0);
  });
});
