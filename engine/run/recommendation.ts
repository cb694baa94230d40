/**
 * The recommendation as data: the selection's outcome for the scenario's goal, the procedure and
 * its guarantee, the replications it used, and one sentence a person understands. results.json
 * carries it; the terminal, summary.md and the report show it and never recompute it.
 */
import { findMetric, type RunMetrics } from '../metrics/index.js';
import type { Goal, Indifference } from '../scenario/index.js';
import type { CellResult } from './results.js';
import { planSecondStage, type SecondStage, type Selection, selectCell, type SelectionInput } from './selection.js';

/** How the replications of a run were decided. */
export interface ReplicationsUsed {
  mode: 'fixed' | 'auto';
  /** The first stage (auto), or the count (fixed). */
  firstStage: number;
  /** The most a cell could get. */
  max: number;
  /** Replications each cell ran, by cell id. */
  perCell: Record<string, number>;
  /** Auto: whether the second stage needed more than the maximum. */
  capped: boolean;
}

/** The recommendation of a run. */
export interface Recommendation extends Selection {
  goal: Goal;
  procedure: { name: string; reference: string };
  /** The probability that the statement holds (the goal's confidence) when a cell is recommended; null otherwise. */
  probabilityOfGoodSelection: number | null;
  replications: ReplicationsUsed;
  /** The recommendation in one sentence. */
  statement: string;
}

/** The procedure's name and source, as results record them. */
export const PROCEDURE = {
  name: 'comparisons with the best: Bonferroni-adjusted paired Student-t bounds under common random numbers',
  reference: 'B. L. Nelson and F. J. Matejcik (1995), Using common random numbers for indifference-zone selection and multiple comparisons in simulation, Management Science 41(12); J. C. Hsu (1996), Multiple Comparisons',
} as const;

/** The values a goal needs of each cell, per replication. */
export function selectionInputs(cells: ReadonlyArray<{ id: string; replications: ReadonlyArray<{ metrics: RunMetrics }> }>, goal: Goal): SelectionInput[] {
  const metrics = [...new Set([goal.optimize, ...goal.tieBreakers, ...goal.constraints.map((c) => c.metric)])];
  return cells.map((cell) => ({
    id: cell.id,
    values: Object.fromEntries(metrics.map((name) => [name, cell.replications.map((r) => findMetric(name)!.read(r.metrics))])),
    servedEverywhere: cell.replications.length > 0 && cell.replications.every((r) => r.metrics.successes > 0),
  }));
}

/**
 * The second stage of a `replications: auto` run, planned from the first stage of every cell alone
 * (so that one run, any batching of workers and merged shards plan the same).
 */
export function autoSecondStage(cells: ReadonlyArray<{ id: string; replications: ReadonlyArray<{ metrics: RunMetrics }> }>, run: { goal: Goal; replications: number; maxReplications: number }): SecondStage {
  const stage1 = cells.map((c) => ({ id: c.id, replications: c.replications.slice(0, run.replications) }));
  return planSecondStage(selectionInputs(stage1, run.goal), run.goal, run.replications, run.maxReplications);
}

/** A zone in words: "0.2 points", "5%", "120 ms". */
export function zoneText(metric: string, zone: Indifference): string {
  if (zone.kind === 'relative') return `${trim(zone.fraction * 100)}%`;
  const unit = findMetric(metric)?.unit;
  if (unit === 'fraction') return `${trim(zone.value * 100)} points`;
  if (unit === 'ms') return `${trim(zone.value)} ms`;
  if (unit === 'dollars') return `$${trim(zone.value)}`;
  return trim(zone.value);
}

function trim(x: number): string {
  return String(Number(x.toPrecision(6)));
}

const label = (metric: string): string => (findMetric(metric)?.label ?? metric).replace(/\s*\([^)]*\)\s*$/, '');
const cellName = (id: string): string => id.split('|').join(' · ');

/** The recommendation in one sentence. */
function statementOf(selection: Selection, goal: Goal, replications: ReplicationsUsed): string {
  const percent = `${trim(goal.confidence * 100)}%`;
  const zone = zoneText(goal.optimize, goal.indifference[goal.optimize]!);
  if (selection.cell === null) {
    const counts = Object.values(replications.perCell);
    const [least, most] = [Math.min(...counts, replications.firstStage), Math.max(...counts, 0)];
    const ran =
      replications.mode === 'auto'
        ? `${least === most ? most : `${least} to ${most}`} replications per cell, replications: auto${replications.capped ? `, stopped at max_replications (${replications.max})` : ''}`
        : `${replications.firstStage} replication${replications.firstStage === 1 ? '' : 's'}`;
    const leading = selection.leading ? `; the leading cell is ${cellName(selection.leading)}` : '';
    return `No cell can be recommended: ${selection.undecidedReason ?? 'the evidence does not separate the cells'} (after ${ran})${leading}.`;
  }
  const steps = selection.steps.filter((s) => s.decided).slice(1);
  const then = steps.length === 0 ? '' : `; among those, ${steps.map((s) => `its ${label(s.metric)} is within ${zoneText(s.metric, goal.indifference[s.metric]!)} of the best`).join(', and ')}`;
  return `With probability at least ${percent}, ${cellName(selection.cell)}'s ${label(goal.optimize)} is within ${zone} of the best cell's${then}.`;
}

/** The recommendation for `goal` over complete results' cells. */
export function recommend(cells: readonly CellResult[], goal: Goal, replications: ReplicationsUsed): Recommendation {
  const selection = selectCell(selectionInputs(cells, goal), goal, replications.mode === 'auto' ? { firstStage: replications.firstStage } : {});
  return {
    ...selection,
    goal,
    procedure: { ...PROCEDURE },
    probabilityOfGoodSelection: selection.cell === null ? null : goal.confidence,
    replications,
    statement: statementOf(selection, goal, replications),
  };
}
