/**
 * A priority queue of events ordered by (time, sequence number): earlier first, and equal times
 * stay first-in first-out. A binary heap of slot ids over typed arrays; an event is three numbers
 * (kind, ref, tag), so pushing and popping allocate nothing and no closure is involved.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private refs: Int32Array;
  private tags: Int32Array;
  /** heap[0..size) holds slot ids, ordered as a binary min-heap on (time, seq). */
  private heap: Int32Array;
  private freeSlots: Int32Array;
  private freeCount: number;
  private count = 0;
  private nextSeq = 0;

  /** Time of the event last popped, in ms. */
  time = 0;
  /** Kind of the event last popped. */
  kind = 0;
  /** Reference of the event last popped (what it is about, e.g. a request slot). */
  ref = 0;
  /** Tag of the event last popped (e.g. a generation number to detect stale events). */
  tag = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.refs = new Int32Array(capacity);
    this.tags = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event in ms, or Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[this.heap[0]!]!;
  }

  /** Schedules an event at `timeMs`. */
  push(timeMs: number, kind: number, ref: number, tag: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.times[slot] = timeMs;
    this.seqs[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.refs[slot] = ref;
    this.tags[slot] = tag;
    // sift up
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.before(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Removes the earliest event into time/kind/ref/tag; false when there is none. */
  pop(): boolean {
    if (this.count === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.time = this.times[top]!;
    this.kind = this.kinds[top]!;
    this.ref = this.refs[top]!;
    this.tag = this.tags[top]!;
    this.freeSlots[this.freeCount++] = top;
    const last = heap[--this.count]!;
    if (this.count > 0) {
      // sift down
      const n = this.count;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = heap[l]!;
        let c = l;
        if (r < n && this.before(heap[r]!, child)) {
          child = heap[r]!;
          c = r;
        }
        if (!this.before(child, last)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return true;
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private grow(): void {
    const old = this.heap.length;
    const capacity = old * 2;
    this.times = grow(this.times, new Float64Array(capacity));
    this.seqs = grow(this.seqs, new Float64Array(capacity));
    this.kinds = grow(this.kinds, new Uint8Array(capacity));
    this.refs = grow(this.refs, new Int32Array(capacity));
    this.tags = grow(this.tags, new Int32Array(capacity));
    this.heap = grow(this.heap, new Int32Array(capacity));
    // Only called when every slot is taken: the free slots are exactly the new ones.
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity - old; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - old;
  }
}

function grow<T extends Float64Array | Uint8Array | Int32Array>(source: T, target: T): T {
  target.set(source as never);
  return target;
}
