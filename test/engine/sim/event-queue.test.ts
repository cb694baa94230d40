import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../engine/sim/index.js';

function drain(queue: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (queue.pop()) out.push([queue.time, queue.ref]);
  return out;
}

describe('EventQueue', () => {
  it('pops by time, and equal times first-in first-out', () => {
    const q = new EventQueue(4);
    q.push(5, 1, 100, 0);
    q.push(1, 1, 101, 0);
    q.push(5, 1, 102, 0);
    q.push(3, 2, 103, 9);
    q.push(5, 1, 104, 0);
    expect(q.size).toBe(5);
    expect(q.peekTime()).toBe(1);
    expect(drain(q)).toEqual([[1, 101], [3, 103], [5, 100], [5, 102], [5, 104]]);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps kind, ref and tag with each event', () => {
    const q = new EventQueue();
    q.push(2, 7, -3, 42);
    q.pop();
    expect([q.time, q.kind, q.ref, q.tag]).toEqual([2, 7, -3, 42]);
  });

  it('property: any interleaving of pushes and pops matches a stable sort by time', () => {
    const op = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 20 }).map((t) => ({ push: t })), weight: 3 },
      { arbitrary: fc.constant({ pop: true as const }), weight: 2 },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue(2);
        const pending: Array<{ time: number; ref: number }> = [];
        let ref = 0;
        for (const o of ops) {
          if ('push' in o) {
            q.push(o.push, 1, ref, 0);
            pending.push({ time: o.push, ref: ref++ });
          } else {
            const had = pending.length > 0;
            expect(q.pop()).toBe(had);
            if (had) {
              // earliest time, and among equals the first pushed
              let best = 0;
              for (let i = 1; i < pending.length; i++) if (pending[i]!.time < pending[best]!.time) best = i;
              const [expected] = pending.splice(best, 1);
              expect([q.time, q.ref]).toEqual([expected!.time, expected!.ref]);
            }
          }
        }
        expect(q.size).toBe(pending.length);
      }),
    );
  });
});
