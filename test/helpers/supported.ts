/**
 * An independent check of a recommendation against the evidence, written apart from the selection
 * procedure so that the two can disagree: the recommended cell served every replication, and for
 * every other cell that did, the one-sided 95% paired lower bound of (recommended - other) on the
 * goal's metric is within the metric's indifference zone. (The procedure's bounds are Bonferroni-
 * adjusted, so they are wider than these: a correct procedure always passes this check.)
 */
import { complete, findMetric, type Results } from '../../engine/index.js';
import { keepReplications } from '../../engine/run/aggregate.js';
import { studentTQuantile } from '../../engine/run/student-t.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

/** Why the recommendation of `results` is not supported by its replications, or null if it is. */
export function unsupported(results: Results): string | null {
  const rec = results.recommendation;
  if (!rec) return 'the results carry no recommendation';
  if (rec.cell === null) return rec.statement.startsWith('No cell can be recommended') ? null : `no cell, but the statement says "${rec.statement}"`;
  const metric = findMetric(rec.goal.optimize)!;
  const sign = metric.better === 'higher' ? 1 : -1;
  const valuesOf = (id: string): number[] => results.cells.find((c) => c.id === id)!.replications.map((r) => metric.read(r.metrics));
  const served = (id: string): boolean => results.cells.find((c) => c.id === id)!.replications.every((r) => r.metrics.successes > 0);
  if (!served(rec.cell)) return `${rec.cell} had a replication without a successful request`;
  const excluded = new Set(rec.excluded.map((e) => e.cell));
  const others = results.cells.filter((c) => c.id !== rec.cell && served(c.id) && !excluded.has(c.id));
  const chosen = valuesOf(rec.cell);
  const best = Math.max(...[chosen, ...others.map((c) => valuesOf(c.id))].map((xs) => sign * mean(xs))) * sign;
  const zoneSpec = rec.goal.indifference[rec.goal.optimize]!;
  const zone = zoneSpec.kind === 'absolute' ? zoneSpec.value : zoneSpec.fraction * Math.abs(best);
  for (const other of others) {
    const theirs = valuesOf(other.id);
    const n = Math.min(chosen.length, theirs.length);
    if (n < 2) return `${rec.cell} is recommended against ${other.id} on ${n} common replication(s)`;
    const d = Array.from({ length: n }, (_, k) => sign * (chosen[k]! - theirs[k]!));
    const s = sd(d);
    const lower = mean(d) - (s === 0 ? 0 : (studentTQuantile(0.95, n - 1) * s) / Math.sqrt(n));
    if (lower < -zone - 1e-12) return `${rec.cell}'s ${metric.name} may be worse than ${other.id}'s by more than ${zone}: 95% lower bound of the difference ${lower}`;
  }
  return null;
}

/**
 * The results a fixed run of `count` replications would have given, from a longer run (replication
 * k has the same seed whatever the count): each cell keeps its first `count`, then everything that
 * needs every cell is computed again.
 */
export function withReplications(results: Results, count: number): Results {
  const cells = results.cells.map((c) => keepReplications(c, count));
  const scenario = { ...results.scenario, replicationMode: 'fixed' as const, replications: count };
  return complete({ ...results, scenario, cells, run: { ...results.run, replications: count, seeds: results.run.seeds.slice(0, count) } });
}
