import { describe, expect, it } from 'vitest';
import { jainIndex } from '../../../engine/metrics/index.js';

describe('jainIndex', () => {
  it('is 1 for equal shares and 1/n when one takes all', () => {
    expect(jainIndex([2, 2, 2, 2])).toBe(1);
    expect(jainIndex([1, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([1, 3])).toBeCloseTo(16 / 20, 12);
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([0, 0])).toBe(1);
  });
});
