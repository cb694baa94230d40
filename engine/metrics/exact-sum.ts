/**
 * Exact floating-point summation (Shewchuk's non-overlapping partials, as in Python's math.fsum):
 * the partials hold the exact sum of every value added, so adding values in any order, or adding
 * the partials of another sum, represents the same number, which `value` rounds once. That makes
 * a sketch's mean identical whether it was built in one piece or merged from parts. There are a
 * few partials (at most about 40 for doubles), usually one or two, in a plain array with a count
 * that never shrinks, so that adding, on every request of a run, allocates nothing. (Not a typed
 * array: a run holds thousands of small sketches, and a typed array each measurably raised the
 * peak memory of a 10-million-request run, by growing V8's young generation.)
 */
export class ExactSum {
  private readonly parts: number[] = [];
  private n = 0;

  /** Adds the finite value `x`. */
  add(x: number): void {
    const parts = this.parts;
    let i = 0;
    for (let j = 0; j < this.n; j++) {
      let y = parts[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) parts[i++] = lo;
      x = hi;
    }
    parts[i] = x; // i <= parts.length: in place, or one more at the end
    this.n = i + 1;
  }

  /** Adds the sum that `partials` (another sum's `partials()`) holds, exactly. */
  addAll(partials: readonly number[]): void {
    for (const p of partials) this.add(p);
  }

  /** The partials, smallest magnitude first: plain data that `addAll` takes back. */
  partials(): number[] {
    return this.parts.slice(0, this.n);
  }

  /** The exact sum, correctly rounded to a double (round half to even); 0 when nothing was added. */
  value(): number {
    const parts = this.parts;
    let n = this.n;
    if (n === 0) return 0;
    let hi = parts[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = parts[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way case: the rest of the partials decide which way the rounding of hi + lo goes.
    if (n > 0 && ((lo < 0 && parts[n - 1]! < 0) || (lo > 0 && parts[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
