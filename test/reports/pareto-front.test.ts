import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../reports/index.js';

type P = { x: number; y: number };
const lowerBoth = [
  { value: (p: P) => p.x, better: 'lower' as const },
  { value: (p: P) => p.y, better: 'lower' as const },
];

describe('paretoFront', () => {
  it('keeps exactly the non-dominated points (hand-computed)', () => {
    const points: P[] = [
      { x: 1, y: 5 }, // front: nothing is faster
      { x: 2, y: 3 }, // front
      { x: 3, y: 3 }, // dominated by (2, 3): same y, worse x
      { x: 2, y: 3 }, // identical to point 1: identical points do not dominate each other
      { x: 4, y: 1 }, // front: cheapest
      { x: 5, y: 1 }, // dominated by (4, 1)
      { x: Number.NaN, y: 0 }, // no value: never on the front
      { x: 0.5, y: 10 }, // front: fastest
      { x: 3, y: 6 }, // dominated by several
    ];
    expect(paretoFront(points, lowerBoth)).toEqual([true, true, false, true, true, false, false, true, false]);
  });

  it('a point with a missing value dominates nothing', () => {
    expect(paretoFront([{ x: Number.NaN, y: Number.NaN }, { x: 9, y: 9 }], lowerBoth)).toEqual([false, true]);
  });

  it('respects the direction of each objective', () => {
    type Q = { success: number; cost: number };
    const points: Q[] = [
      { success: 0.9, cost: 2 }, // front
      { success: 0.95, cost: 3 }, // front: better success, dearer
      { success: 0.95, cost: 4 }, // dominated by (0.95, 3)
      { success: 0.8, cost: 2 }, // dominated by (0.9, 2)
      { success: 0.99, cost: 10 }, // front: best success
    ];
    const front = paretoFront(points, [
      { value: (p) => p.success, better: 'higher' },
      { value: (p) => p.cost, better: 'lower' },
    ]);
    expect(front).toEqual([true, true, false, false, true]);
  });

  it('with one objective, the front is every point tied for the best', () => {
    expect(paretoFront([3, 1, 2, 1], [{ value: (v: number) => v, better: 'lower' }])).toEqual([false, true, false, true]);
  });

  it('handles no points, and asks for at least one objective', () => {
    expect(paretoFront([], lowerBoth)).toEqual([]);
    expect(() => paretoFront([{ x: 1, y: 1 }], [])).toThrow(/at least one objective/);
  });
});
