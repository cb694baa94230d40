import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../engine/balancer/index.js';

describe('SeededRng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new SeededRng(42);
    const b = new SeededRng('42');
    const c = new SeededRng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('draws in [0, 1) with a mean near 1/2', () => {
    const rng = new SeededRng('range');
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});
