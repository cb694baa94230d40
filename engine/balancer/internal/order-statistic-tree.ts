/**
 * A multiset of numbers with O(log n) expected insert, delete and k-th smallest: a treap (a
 * binary search tree that is also a heap on random priorities) whose nodes live in typed arrays,
 * so operations allocate nothing. Insert and delete are iterative: a descent recorded on a stack,
 * then an expected O(1) number of rotations. Priorities come from a fixed xorshift sequence, so
 * the tree's shape is reproducible; the values it returns never depend on the shape.
 */
export class OrderStatisticTree {
  private keys: Float64Array;
  private left: Int32Array;
  private right: Int32Array;
  private sizes: Int32Array;
  private priorities: Int32Array;
  /** Stack of free node ids; node 0 is the nil sentinel (size 0). */
  private freeIds: Int32Array;
  private freeCount: number;
  private root = 0;
  private priorityState = 0x1e3779b9;
  /** Nodes on the way down, for rotations and size updates. */
  private path = new Int32Array(64);

  constructor(initialCapacity = 16) {
    const capacity = Math.max(1, initialCapacity);
    this.keys = new Float64Array(capacity + 1);
    this.left = new Int32Array(capacity + 1);
    this.right = new Int32Array(capacity + 1);
    this.sizes = new Int32Array(capacity + 1);
    this.priorities = new Int32Array(capacity + 1);
    this.freeIds = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeIds[i] = capacity - i;
    this.freeCount = capacity;
  }

  /** Number of values held. */
  get size(): number {
    return this.sizes[this.root]!;
  }

  /** Adds one occurrence of `value`: insert as a leaf, then rotate up while its priority is higher. */
  insert(value: number): void {
    const node = this.allocate(value);
    const { keys, left, right, sizes, priorities } = this;
    let depth = 0;
    let t = this.root;
    while (t !== 0) {
      this.push(depth++, t);
      t = value < keys[t]! ? left[t]! : right[t]!;
    }
    if (depth === 0) {
      this.root = node;
      return;
    }
    const leaf = this.path[depth - 1]!;
    if (value < keys[leaf]!) left[leaf] = node;
    else right[leaf] = node;
    const priority = priorities[node]!;
    while (depth > 0) {
      const parent = this.path[depth - 1]!;
      if (priorities[parent]! >= priority) break;
      if (left[parent] === node) {
        left[parent] = right[node]!;
        right[node] = parent;
      } else {
        right[parent] = left[node]!;
        left[node] = parent;
      }
      this.update(parent);
      this.update(node);
      depth--;
      this.replaceChild(depth === 0 ? 0 : this.path[depth - 1]!, parent, node);
    }
    for (let i = 0; i < depth; i++) sizes[this.path[i]!]!++;
  }

  /** Removes one occurrence of `value`; returns false when the value is not held. */
  delete(value: number): boolean {
    const { keys, left, right, sizes, priorities } = this;
    let depth = 0;
    let t = this.root;
    while (t !== 0 && keys[t] !== value) {
      this.push(depth++, t);
      t = value < keys[t]! ? left[t]! : right[t]!;
    }
    if (t === 0) return false;
    for (let i = 0; i < depth; i++) sizes[this.path[i]!]!--;
    let parent = depth === 0 ? 0 : this.path[depth - 1]!;
    // Rotate the node down, promoting its higher-priority child, until it has at most one child.
    for (;;) {
      const l = left[t]!;
      const r = right[t]!;
      if (l === 0 || r === 0) {
        this.replaceChild(parent, t, l === 0 ? r : l);
        break;
      }
      const remaining = sizes[t]! - 1;
      let promoted: number;
      if (priorities[l]! > priorities[r]!) {
        promoted = l;
        left[t] = right[l]!;
        right[l] = t;
      } else {
        promoted = r;
        right[t] = left[r]!;
        left[r] = t;
      }
      this.replaceChild(parent, t, promoted);
      this.update(t);
      sizes[promoted] = remaining;
      parent = promoted;
    }
    this.freeIds[this.freeCount++] = t;
    return true;
  }

  /** The k-th smallest value (0-based); k must be in [0, size). */
  select(k: number): number {
    const { keys, left, right, sizes } = this;
    let node = this.root;
    let rank = k;
    while (node !== 0) {
      const leftSize = sizes[left[node]!]!;
      if (rank < leftSize) {
        node = left[node]!;
      } else if (rank === leftSize) {
        return keys[node]!;
      } else {
        rank -= leftSize + 1;
        node = right[node]!;
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

  /** Points whichever link of `parent` held `from` (the root when parent is 0) at `to`. */
  private replaceChild(parent: number, from: number, to: number): void {
    if (parent === 0) this.root = to;
    else if (this.left[parent] === from) this.left[parent] = to;
    else this.right[parent] = to;
  }

  private push(depth: number, node: number): void {
    if (depth === this.path.length) {
      const deeper = new Int32Array(depth * 2);
      deeper.set(this.path);
      this.path = deeper;
    }
    this.path[depth] = node;
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
    this.priorityState = x | 0;
    this.priorities[node] = this.priorityState;
    return node;
  }

  private grow(): void {
    const oldCapacity = this.freeIds.length;
    const capacity = oldCapacity * 2;
    const keys = new Float64Array(capacity + 1);
    keys.set(this.keys);
    this.keys = keys;
    this.left = grownInt32(this.left, capacity + 1);
    this.right = grownInt32(this.right, capacity + 1);
    this.sizes = grownInt32(this.sizes, capacity + 1);
    this.priorities = grownInt32(this.priorities, capacity + 1);
    // Only called when every node is in use, so the free ids are exactly the new nodes.
    this.freeIds = new Int32Array(capacity);
    for (let i = 0; i < capacity - oldCapacity; i++) this.freeIds[i] = capacity - i;
    this.freeCount = capacity - oldCapacity;
  }
}

function grownInt32(source: Int32Array, length: number): Int32Array {
  const target = new Int32Array(length);
  target.set(source);
  return target;
}
