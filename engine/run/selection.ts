/**
 * The recommendation: the best cell for a goal, chosen by a selection procedure with a stated error
 * (comparisons with the best through Bonferroni-adjusted paired t bounds, which stay valid under
 * the common random numbers every cell of a replication shares; after Nelson and Matejcik 1995's
 * Bonferroni procedure and Hsu's multiple comparisons with the best).
 *
 * For the optimised metric, with the feasible cells F (|F| = k) and alpha = 1 - confidence:
 *   lower bound of mu_i - mu_l: D_il - t * S_il / sqrt(n_il), with t the 1 - alpha / (k - 1)
 *   quantile of Student's t, D_il and S_il the mean and sd of the paired differences over the
 *   replications both cells ran (S from the first stage in a two-stage run).
 *   G = the cells whose lower bounds against every other cell exceed -delta.
 * With probability at least 1 - alpha every lower bound against the true best holds at once, so
 * every cell of G is within delta of the best: the one recommended is. Tie-breakers then narrow G
 * the same way, in order; cells are "as good" as the recommended one only when both one-sided
 * bounds of each goal metric's difference lie inside its zone (an equivalence test).
 */
import { findMetric } from '../metrics/index.js';
import type { Goal, Indifference } from '../scenario/index.js';
import { studentTQuantile } from './student-t.js';

/** What the procedure knows of one cell. */
export interface SelectionInput {
  id: string;
  /** Per goal or constraint metric, its value in each replication the cell ran (replication k has the same seed in every cell). */
  values: Readonly<Record<string, readonly number[]>>;
  /** Whether the cell had a successful request in every replication it ran. */
  servedEverywhere: boolean;
}

/** How sure the procedure is that a cell meets a constraint. */
export type ConstraintOutcome = 'meets' | 'might_fail' | 'fails';

/** One stage of the selection: a goal metric narrowing the candidates. */
export interface SelectionStep {
  metric: string;
  /** The indifference zone in the metric's unit (a relative zone resolved against the best candidate). */
  zoneAbsolute: number;
  candidates: string[];
  /** Candidates within the zone of the best with confidence (empty: this metric could not decide). */
  withinZone: string[];
  decided: boolean;
}

/** The selection's outcome, as results.json records it. */
export interface Selection {
  /** The recommended cell, or null when the evidence does not support any. */
  cell: string | null;
  /** The best cell by sample mean among those that may be recommended, decided or not. */
  leading: string | null;
  decided: boolean;
  /** Why no cell is recommended (when `cell` is null). */
  undecidedReason: string | null;
  confidence: number;
  steps: SelectionStep[];
  /** Cells within the zone of the best on the optimised metric, with confidence. */
  withinZone: string[];
  /** Cells shown equivalent to the recommended one on every goal metric. */
  asGood: string[];
  constraints: Array<{ text: string; outcomes: Record<string, ConstraintOutcome> }>;
  /** Cells that cannot be recommended, and why. */
  excluded: Array<{ cell: string; reason: string }>;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/** How the paired statistics are formed: over every common replication, or (two-stage) with the variance of the first stage. */
export interface PairingOptions {
  /** Replications of the first stage; their sample variance is used with the later means (Stein's two-stage). */
  firstStage?: number;
}

/** Mean and half-width of the lower bound of (a - b) oriented so that higher is better, over common replications. */
function pairedBound(a: readonly number[], b: readonly number[], sign: number, t: (df: number) => number, options: PairingOptions): { diff: number; width: number } {
  const n = Math.min(a.length, b.length);
  const d = Array.from({ length: n }, (_, k) => sign * (a[k]! - b[k]!));
  const varianceFrom = options.firstStage !== undefined ? d.slice(0, Math.min(n, options.firstStage)) : d;
  const s = sd(varianceFrom);
  const df = varianceFrom.length - 1;
  if (df < 1 || !Number.isFinite(s)) return { diff: mean(d), width: Number.POSITIVE_INFINITY };
  return { diff: mean(d), width: s === 0 ? 0 : (t(df) * s) / Math.sqrt(n) };
}

function zoneOf(zone: Indifference, best: number): number {
  return zone.kind === 'absolute' ? zone.value : zone.fraction * Math.abs(best);
}

/** Which way a metric is better, as a sign on its values (+1: higher is better). */
function signOf(metric: string): number {
  const found = findMetric(metric);
  if (!found) throw new RangeError(`unknown metric "${metric}"`);
  return found.better === 'higher' ? 1 : -1;
}

/** Checks each constraint for each cell with one-sided bounds, Bonferroni over cells and constraints. */
function checkConstraints(cells: readonly SelectionInput[], goal: Goal): Selection['constraints'] {
  const tests = Math.max(1, cells.length * goal.constraints.length);
  const alpha = 1 - goal.confidence;
  return goal.constraints.map((c) => {
    const outcomes: Record<string, ConstraintOutcome> = {};
    for (const cell of cells) {
      const xs = cell.values[c.metric] ?? [];
      const m = mean(xs);
      const s = sd(xs);
      const width = xs.length >= 2 && Number.isFinite(s) ? (studentTQuantile(1 - alpha / tests, xs.length - 1) * s) / Math.sqrt(xs.length) : Number.POSITIVE_INFINITY;
      const low = m - width;
      const high = m + width;
      const meets = c.op === '>=' ? low >= c.value : high <= c.value;
      const fails = c.op === '>=' ? high < c.value : low > c.value;
      outcomes[cell.id] = xs.length === 0 || Number.isNaN(m) ? 'might_fail' : meets ? 'meets' : fails ? 'fails' : 'might_fail';
    }
    return { text: c.text, outcomes };
  });
}

/** The cells within the zone of the best on `metric` among `candidates` (Bonferroni over comparisons with the best). */
function withinZoneOf(candidates: readonly SelectionInput[], metric: string, zone: number, alpha: number, options: PairingOptions): string[] {
  if (candidates.length <= 1) return candidates.map((c) => c.id);
  const sign = signOf(metric);
  const level = 1 - alpha / (candidates.length - 1);
  const quantiles = new Map<number, number>();
  const t = (df: number): number => {
    if (!quantiles.has(df)) quantiles.set(df, studentTQuantile(level, df));
    return quantiles.get(df)!;
  };
  return candidates
    .filter((i) => candidates.every((l) => l === i || (({ diff, width }) => diff - width >= -zone)(pairedBound(i.values[metric]!, l.values[metric]!, sign, t, options))))
    .map((c) => c.id);
}

/** The best of `candidates` on `metric` by sample mean (ties: the first). */
function sampleBest(candidates: readonly SelectionInput[], metric: string): SelectionInput {
  const sign = signOf(metric);
  return candidates.reduce((best, c) => (sign * (mean(c.values[metric]!) - mean(best.values[metric]!)) > 0 ? c : best));
}

/**
 * Selects the cell to recommend for `goal` among `cells` (in matrix order). Deterministic: a pure
 * function of the values.
 */
export function selectCell(cells: readonly SelectionInput[], goal: Goal, options: PairingOptions = {}): Selection {
  const alpha = 1 - goal.confidence;
  const metrics = [goal.optimize, ...goal.tieBreakers];
  const constraints = checkConstraints(cells, goal);
  const excluded: Selection['excluded'] = [];
  const feasible = cells.filter((cell) => {
    if (!cell.servedEverywhere) {
      excluded.push({ cell: cell.id, reason: 'a replication had no successful request' });
      return false;
    }
    const failed = constraints.filter((c) => c.outcomes[cell.id] === 'fails').map((c) => c.text);
    if (failed.length > 0) excluded.push({ cell: cell.id, reason: `fails ${failed.join(', ')} with confidence` });
    return failed.length === 0;
  });
  const base = { confidence: goal.confidence, constraints, excluded };
  if (feasible.length === 0) {
    return { ...base, cell: null, leading: null, decided: false, undecidedReason: 'no cell meets the constraints and served every replication', steps: [], withinZone: [], asGood: [] };
  }
  if (feasible.some((c) => (c.values[goal.optimize]?.length ?? 0) < 2) && feasible.length > 1) {
    const leading = sampleBest(feasible, goal.optimize).id;
    return { ...base, cell: null, leading, decided: false, undecidedReason: 'a single replication gives no confidence bound: run at least 2, or replications: auto', steps: [], withinZone: [], asGood: [] };
  }
  const steps: SelectionStep[] = [];
  let current = feasible;
  let pickBy = goal.optimize;
  for (const metric of metrics) {
    const zone = zoneOf(goal.indifference[metric]!, mean(sampleBest(current, metric).values[metric]!));
    const within = withinZoneOf(current, metric, zone, alpha, options);
    steps.push({ metric, zoneAbsolute: zone, candidates: current.map((c) => c.id), withinZone: within, decided: within.length > 0 });
    pickBy = metric;
    if (within.length === 0) break;
    current = current.filter((c) => within.includes(c.id));
    if (current.length === 1) break;
  }
  const primary = steps[0]!;
  const leading = sampleBest(feasible, goal.optimize).id;
  if (!primary.decided) {
    return { ...base, cell: null, leading, decided: false, undecidedReason: `no cell is shown within the zone of the best ${goal.optimize} with ${goal.confidence * 100}% confidence: more replications are needed`, steps, withinZone: [], asGood: [] };
  }
  const chosen = sampleBest(current, pickBy);
  const asGood = feasible.filter((j) => j !== chosen && equivalent(j, chosen, metrics, goal, steps, alpha / Math.max(1, feasible.length - 1), options)).map((j) => j.id);
  return { ...base, cell: chosen.id, leading, decided: true, undecidedReason: null, steps, withinZone: primary.withinZone, asGood };
}

/** Equivalence: both one-sided bounds of each goal metric's difference inside its zone. */
function equivalent(j: SelectionInput, r: SelectionInput, metrics: readonly string[], goal: Goal, steps: readonly SelectionStep[], alpha: number, options: PairingOptions): boolean {
  return metrics.every((metric, k) => {
    const zone = steps[k]?.zoneAbsolute ?? zoneOf(goal.indifference[metric]!, mean(r.values[metric]!));
    const t = (df: number): number => studentTQuantile(1 - alpha, df);
    const { diff, width } = pairedBound(j.values[metric]!, r.values[metric]!, 1, t, options);
    return Math.abs(diff) + width <= zone;
  });
}

/** What the second stage of `replications: auto` runs. */
export interface SecondStage {
  /** Cells that may still be recommended after the first stage: they run to `replications`. */
  contenders: string[];
  /** Replications each contender needs in all (at least the first stage, at most the maximum). */
  replications: number;
  /** Whether the need exceeded the maximum (the selection may then stay undecided). */
  capped: boolean;
}

/**
 * The second stage of a two-stage run, from the first stage alone (so it is the same whatever the
 * batching, workers or shards): the cells not clearly out (a constraint failed with confidence, a
 * replication without success, or another cell better by more than the zone with confidence), and
 * the replications that make every paired bound among them narrower than the zone of every goal
 * metric: n >= (t S / delta)^2, with S from the first stage (Stein's two-stage rule).
 */
export function planSecondStage(cells: readonly SelectionInput[], goal: Goal, firstStage: number, maxReplications: number): SecondStage {
  const alpha = 1 - goal.confidence;
  const first = cells.map((c) => ({ ...c, values: Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, v.slice(0, firstStage)])) }));
  const selection = selectCell(first, goal);
  const excluded = new Set(selection.excluded.map((e) => e.cell));
  const feasible = first.filter((c) => !excluded.has(c.id));
  const sign = signOf(goal.optimize);
  const level = 1 - alpha / Math.max(1, feasible.length - 1);
  const t = studentTQuantile(level, firstStage - 1);
  const zone = zoneOf(goal.indifference[goal.optimize]!, feasible.length > 0 ? mean(sampleBest(feasible, goal.optimize).values[goal.optimize]!) : 0);
  const contenders = feasible.filter((i) =>
    feasible.every((l) => {
      if (l === i) return true;
      const { diff, width } = pairedBound(l.values[goal.optimize]!, i.values[goal.optimize]!, sign, () => t, {});
      return diff - width <= zone;
    }),
  );
  let need = firstStage;
  for (const metric of [goal.optimize, ...goal.tieBreakers]) {
    if (contenders.length < 2) break;
    const delta = zoneOf(goal.indifference[metric]!, mean(sampleBest(contenders, metric).values[metric]!));
    for (const i of contenders) {
      for (const l of contenders) {
        if (i.id >= l.id) continue;
        const s = sd(i.values[metric]!.map((x, k) => x - l.values[metric]![k]!));
        if (!Number.isFinite(s) || s === 0) continue;
        need = Math.max(need, delta > 0 ? Math.ceil(((t * s) / delta) ** 2) : maxReplications);
      }
    }
  }
  return { contenders: contenders.map((c) => c.id), replications: Math.min(need, maxReplications), capped: need > maxReplications };
}
