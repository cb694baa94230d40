import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderStatisticTree } from '../../../../engine/balancer/internal/order-statistic-tree.js';

describe('OrderStatisticTree', () => {
  it('selects the k-th smallest with duplicates', () => {
    const tree = new OrderStatisticTree(2);
    for (const v of [5, 1, 5, 3, 9, 1]) tree.insert(v);
    expect(tree.size).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((k) => tree.select(k))).toEqual([1, 1, 3, 5, 5, 9]);
    expect(tree.delete(5)).toBe(true);
    expect(tree.delete(4)).toBe(false);
    expect([0, 1, 2, 3, 4].map((k) => tree.select(k))).toEqual([1, 1, 3, 5, 9]);
    expect(() => tree.select(5)).toThrow(RangeError);
    tree.clear();
    expect(tree.size).toBe(0);
  });

  it('matches a sorted-array reference under any sequence of inserts and deletes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), value: fc.integer({ min: -50, max: 50 }) }),
      fc.record({ kind: fc.constant('delete' as const), value: fc.integer({ min: -50, max: 50 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const tree = new OrderStatisticTree(1);
        const reference: number[] = [];
        for (const { kind, value } of ops) {
          if (kind === 'insert') {
            tree.insert(value);
            reference.push(value);
            reference.sort((a, b) => a - b);
          } else {
            const at = reference.indexOf(value);
            expect(tree.delete(value)).toBe(at >= 0);
            if (at >= 0) reference.splice(at, 1);
          }
          expect(tree.size).toBe(reference.length);
        }
        reference.forEach((v, k) => expect(tree.select(k)).toBe(v));
      }),
    );
  });
});
