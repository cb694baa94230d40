import { chiSquaredDistributionTable } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { hashSeed, streamRng, uniformAt } from '../../../engine/sim/index.js';

describe('uniformAt (counter-based draws)', () => {
  it('is a pure function of its keys', () => {
    expect(uniformAt(1, 2, 3, 4)).toBe(uniformAt(1, 2, 3, 4));
    const variants = [uniformAt(1, 2, 3, 4), uniformAt(2, 2, 3, 4), uniformAt(1, 3, 3, 4), uniformAt(1, 2, 4, 4), uniformAt(1, 2, 3, 5), uniformAt(1, 2, 3 + 2 ** 32, 4)];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('is uniform in [0, 1): chi-square over 20 bins and the mean, along indexes and along streams', () => {
    const n = 200_000;
    for (const draw of [(i: number) => uniformAt(99, 5, i, 0), (i: number) => uniformAt(99, i, 7, 1), (i: number) => uniformAt(i, 1, 0, 0)]) {
      const bins = new Array<number>(20).fill(0);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const u = draw(i);
        expect(u >= 0 && u < 1).toBe(true);
        bins[Math.floor(u * 20)]!++;
        sum += u;
      }
      const expected = n / 20;
      const chi = bins.reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
      expect(chi).toBeLessThan(chiSquaredDistributionTable[19][0.01]);
      expect(sum / n).toBeCloseTo(0.5, 2);
    }
  });

  it('successive indexes are uncorrelated', () => {
    const n = 100_000;
    let sxy = 0;
    let sx = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const x = uniformAt(3, 3, i, 0);
      const y = uniformAt(3, 3, i + 1, 0);
      sxy += x * y;
      sx += x;
      sxx += x * x;
    }
    const mean = sx / n;
    const correlation = (sxy / n - mean * mean) / (sxx / n - mean * mean);
    expect(Math.abs(correlation)).toBeLessThan(0.01);
  });
});

describe('named streams', () => {
  it('depend only on seed and label', () => {
    const a = streamRng(1, 'arrivals');
    const b = streamRng(1, 'arrivals');
    const c = streamRng(1, 'tactic');
    const seqA = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(seqA);
    expect([c.next(), c.next()]).not.toEqual(seqA);
  });

  it('hashSeed is stable and spreads labels', () => {
    expect(hashSeed('a')).toBe(hashSeed('a'));
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
    expect(hashSeed('x')).toBeGreaterThanOrEqual(0);
  });
});
