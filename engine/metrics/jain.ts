/**
 * Jain's fairness index of allocations x: (Σx)² / (n Σx²), 1 when all are equal, 1/n when one
 * takes everything. Empty or all-zero input gives 1 (nothing is unfair about nothing).
 */
export function jainIndex(values: readonly number[]): number {
  let sum = 0;
  let sumSquares = 0;
  for (const x of values) {
    sum += x;
    sumSquares += x * x;
  }
  if (values.length === 0 || sumSquares === 0) return 1;
  return (sum * sum) / (values.length * sumSquares);
}
