/**
 * A multiset of numbers with O(log n) expected insert, delete and k-th smallest: a treap whose
 * nodes live in typed arrays (no allocation per operation). Node priorities come from a fixed
 * xorshift sequence, so the tree's shape is reproducible; the values it returns do not depend on
 * the shape anyway.
 */
export class OrderStatisticTree {
  private keys: Float64Array;
  private left: Int32Array;
  private right: Int32Array;
  private sizes: Int32Array;
  private priorities: Uint32Array;
  /** Stack of free node ids; node 0 is the nil sentinel (size 0). */
  private freeIds: Int32Array;
  private freeCount: number;
  private root = 0;
  private priorityState = 0x9e3779b9;
  // Results of split(), kept in fields so splitting allocates nothing.
  private splitLeft = 0;
  private splitRight = 0;

  constructor(initialCapacity = 16) {
    const capacity = Math.max(1, initialCapacity);
    this.keys = new Float64Array(capacity + 1);
    this.left = new Int32Array(capacity + 1);
    this.right = new Int32Array(capacity + 1);
    this.sizes = new Int32Array(capacity + 1);
    this.priorities = new Uint32Array(capacity + 1);
    this.freeIds = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeIds[i] = capacity - i;
    this.freeCount = capacity;
  }

  /** Number of values held. */
  get size(): number {
    return this.sizes[this.root]!;
  }

  /** Adds one occurrence of `value`. */
  insert(value: number): void {
    const node = this.allocate(value);
    this.split(this.root, value);
    const right = this.splitRight;
    this.root = this.merge(this.merge(this.splitLeft, node), right);
  }

  /** Removes one occurrence of `value`; returns false when the value is not held. */
  delete(value: number): boolean {
    this.split(this.root, value);
    const less = this.splitLeft;
    let rest = this.splitRight;
    // The smallest node of `rest` is >= value; it is an occurrence of value if any exists.
    let node = rest;
    while (node !== 0 && this.left[node] !== 0) node = this.left[node]!;
    if (node === 0 || this.keys[node] !== value) {
      this.root = this.merge(less, rest);
      return false;
    }
    rest = this.removeMin(rest);
    this.release(node);
    this.root = this.merge(less, rest);
    return true;
  }

  /** The k-th smallest value (0-based); k must be in [0, size). */
  select(k: number): number {
    let node = this.root;
    let rank = k;
    while (node !== 0) {
      const leftSize = this.sizes[this.left[node]!]!;
      if (rank < leftSize) {
        node = this.left[node]!;
      } else if (rank === leftSize) {
        return this.keys[node]!;
      } else {
        rank -= leftSize + 1;
        node = this.right[node]!;
      }
    }
    throw new RangeError(`select(${k}) out of range for a tree of ${this.size} values`);
  }

  /** Removes every value. */
  clear(): void {
    const capacity = this.freeIds.length;
    for (let i = 0; i < capacity; i++) this.freeIds[i] = capacity - i;
    this.freeCount = capacity;
    this.root = 0;
  }

  /** Splits `node` into splitLeft (values < key) and splitRight (values >= key). */
  private split(node: number, key: number): void {
    if (node === 0) {
      this.splitLeft = 0;
      this.splitRight = 0;
      return;
    }
    if (this.keys[node]! < key) {
      this.split(this.right[node]!, key);
      this.right[node] = this.splitLeft;
      this.update(node);
      this.splitLeft = node;
    } else {
      this.split(this.left[node]!, key);
      this.left[node] = this.splitRight;
      this.update(node);
      this.splitRight = node;
    }
  }

  /** Joins two trees where every value of `a` is <= every value of `b`. */
  private merge(a: number, b: number): number {
    if (a === 0) return b;
    if (b === 0) return a;
    if (this.priorities[a]! > this.priorities[b]!) {
      this.right[a] = this.merge(this.right[a]!, b);
      this.update(a);
      return a;
    }
    this.left[b] = this.merge(a, this.left[b]!);
    this.update(b);
    return b;
  }

  private removeMin(node: number): number {
    if (this.left[node] === 0) return this.right[node]!;
    this.left[node] = this.removeMin(this.left[node]!);
    this.update(node);
    return node;
  }

  private update(node: number): void {
    this.sizes[node] = this.sizes[this.left[node]!]! + this.sizes[this.right[node]!]! + 1;
  }

  private allocate(value: number): number {
    if (this.freeCount === 0) this.grow();
    const node = this.freeIds[--this.freeCount]!;
    this.keys[node] = value;
    this.left[node] = 0;
    this.right[node] = 0;
    this.sizes[node] = 1;
    // xorshift32: a fixed sequence, so the same operations always build the same tree.
    let x = this.priorityState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.priorityState = x >>> 0;
    this.priorities[node] = this.priorityState;
    return node;
  }

  private release(node: number): void {
    this.freeIds[this.freeCount++] = node;
  }

  private grow(): void {
    const oldCapacity = this.freeIds.length;
    const capacity = oldCapacity * 2;
    this.keys = copyInto(new Float64Array(capacity + 1), this.keys);
    this.left = copyInto(new Int32Array(capacity + 1), this.left);
    this.right = copyInto(new Int32Array(capacity + 1), this.right);
    this.sizes = copyInto(new Int32Array(capacity + 1), this.sizes);
    this.priorities = copyInto(new Uint32Array(capacity + 1), this.priorities);
    // Only called when every node is in use, so the new free ids are exactly the new nodes.
    this.freeIds = new Int32Array(capacity);
    for (let i = 0; i < capacity - oldCapacity; i++) this.freeIds[i] = capacity - i;
    this.freeCount = capacity - oldCapacity;
  }
}

function copyInto<T extends Float64Array | Int32Array | Uint32Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
