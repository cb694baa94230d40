/**
 * The original's percentile over `count` values sorted ascending, read through `at(i)`:
 * linear interpolation between the two nearest ranks at `p * (count - 1)`. p <= 0 gives the
 * minimum, p >= 1 the maximum, no values give 0.
 */
export function percentileOfSorted(count: number, p: number, at: (index: number) => number): number {
  if (count === 0) return 0;
  if (p <= 0) return at(0);
  if (p >= 1) return at(count - 1);
  const index = p * (count - 1);
  const lower = Math.floor(index);
  if (lower + 1 >= count) return at(lower);
  const low = at(lower);
  return low + (index - lower) * (at(lower + 1) - low);
}
