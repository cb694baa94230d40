/** Which way an objective improves. */
export type Better = 'higher' | 'lower';

/** One objective of a Pareto comparison: how to read it from a point (in any unit) and which way is better. */
export interface Objective<T> {
  value: (point: T) => number;
  better: Better;
}

/**
 * Marks the points on the Pareto front (unitless flags, one per point, in input order). A point is
 * on the front when no other point is at least as good in every objective and strictly better in
 * one. Tie rule: identical points do not dominate each other, so all copies of a front point stay
 * on the front. Points with a non-finite value in any objective are never on the front and
 * dominate nothing.
 */
export function paretoFront<T>(points: readonly T[], objectives: readonly Objective<T>[]): boolean[] {
  if (objectives.length === 0) throw new RangeError('paretoFront needs at least one objective; pass e.g. [{ value: (p) => p.costDollars, better: "lower" }]');
  // Normalise every objective to "lower is better" once.
  const rows = points.map((p) => objectives.map((o) => (o.better === 'lower' ? o.value(p) : -o.value(p))));
  const valid = rows.map((r) => r.every((v) => Number.isFinite(v)));
  const dominates = (a: number[], b: number[]): boolean => {
    let strictly = false;
    for (let k = 0; k < a.length; k++) {
      if (a[k]! > b[k]!) return false;
      if (a[k]! < b[k]!) strictly = true;
    }
    return strictly;
  };
  return rows.map((row, i) => valid[i]! && !rows.some((other, j) => j !== i && valid[j]! && dominates(other, row)));
}
