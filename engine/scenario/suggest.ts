/** "Did you mean ...?" for misspelt keys and names. */

/** Lower case without `_`, `-` and spaces, so `timeWindow`, `time-window` and `time_window` meet. */
function fold(text: string): string {
  return text.toLowerCase().replace(/[\s_-]/g, '');
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j]!;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `input`, when it is close enough to be a likely typo: the same word up
 * to case, `_` and `-`, or within about a third of its length in edits (at least 1, at most 3).
 * The first candidate wins ties; undefined when nothing is close.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const folded = fold(input);
  if (folded.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const c = fold(candidate);
    const distance = c === folded ? 0 : editDistance(folded, c);
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(folded.length, c.length) / 3)));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
