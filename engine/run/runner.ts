import type { RunResult } from './plan.js';
import { METRICS } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import { aggregateCell, checkExpectations, compareCells } from './aggregate.js';
import { summariseScenario } from './scenario-summary.js';
import type { Task } from './execute.js';
import { inThread, workerPool } from './pool.js';
import { autoSecondStage, recommend } from './recommendation.js';
import { type Cell, cellId, expandCells, replicationSeed, type Shard, shardCells } from './matrix.js';
import { type ReplicationResult, RESULTS_VERSION, type Results } from './results.js';

/** How to run a scenario. */
export interface RunOptions {
  /** Worker threads (1: in this thread). */
  workers: number;
  /** Run only this slice of the cells. */
  shard?: Shard | undefined;
  /** Called after each finished task with (done, total). */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** lbsim's version, recorded in the results. */
  version: string;
}

/**
 * Runs every cell of a scenario (or of a shard of it) for every replication and aggregates the
 * results. The result does not depend on the number of workers: each task is deterministic and
 * results are placed by cell and replication. With `replications: auto`, a first stage runs every
 * cell, the second stage's plan comes from it alone, and the contenders run on; in a shard, every
 * cell runs to the maximum (merge keeps what one run would have).
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<Results> {
  const allCells = expandCells(scenario);
  const cells = shardCells(allCells, options.shard);
  const auto = scenario.replicationMode === 'auto';
  const outputs = new Map<string, RunResult>();
  const counts = new Map<number, number>();
  let done = 0;
  let total = 0;
  const finished = (task: Task, result: RunResult): void => {
    outputs.set(`${task.cell}/${task.replication}`, result);
    options.onProgress?.(++done, total);
  };
  const batch = (of: readonly Cell[], from: number, to: number): Task[] => {
    for (const cell of of) counts.set(cell.index, to);
    return of.flatMap((cell) => Array.from({ length: to - from }, (_, k) => ({ cell: cell.index, replication: from + k })));
  };
  const first = auto && options.shard ? scenario.maxReplications : scenario.replications;
  const stage1 = batch(cells, 0, first);
  total = stage1.length;
  const runner = options.workers <= 1 || stage1.length <= 1 ? inThread(scenario) : workerPool(scenario, Math.min(options.workers, stage1.length));
  let capped = false;
  try {
    await runner.run(stage1, finished);
    if (auto && !options.shard) {
      const plan = autoSecondStage(stageCells(cells, outputs, first), scenario);
      capped = plan.capped;
      const stage2 = batch(cells.filter((c) => plan.contenders.includes(c.id)), first, plan.replications);
      total += stage2.length;
      await runner.run(stage2, finished);
    }
  } finally {
    runner.close();
  }
  return assemble(scenario, allCells, cells, outputs, counts, options, capped);
}

/** The first-stage runs of each cell, shaped as the selection reads them. */
function stageCells(cells: readonly Cell[], outputs: ReadonlyMap<string, RunResult>, count: number): Array<{ id: string; replications: Array<{ metrics: RunResult['metrics'] }> }> {
  return cells.map((cell) => ({ id: cell.id, replications: Array.from({ length: count }, (_, r) => ({ metrics: outputs.get(`${cell.index}/${r}`)!.metrics })) }));
}

function assemble(scenario: Scenario, allCells: Cell[], cells: Cell[], outputs: Map<string, RunResult>, counts: ReadonlyMap<number, number>, options: RunOptions, capped: boolean): Results {
  // A shard may hold no cell: it records the count its cells would have run (the first batch's).
  const most = counts.size > 0 ? Math.max(...counts.values()) : scenario.replicationMode === 'auto' && options.shard ? scenario.maxReplications : scenario.replications;
  const seeds = Array.from({ length: most }, (_, r) => replicationSeed(scenario.seed, r));
  // Time series (and distributions) of an auto run are those of the first stage, the same for every cell.
  const shown = scenario.replicationMode === 'auto' ? scenario.replications : most;
  const cellResults = cells.map((cell) => {
    const runs = seeds.slice(0, counts.get(cell.index)).map((_, r) => outputs.get(`${cell.index}/${r}`)!);
    const replications: ReplicationResult[] = runs.map((run, r) => ({ replication: r, seed: seeds[r]!, metrics: run.metrics, incidents: run.incidents, totals: run.totals }));
    return aggregateCell(cell, replications, runs.slice(0, shown).map((run) => run.timeSeries));
  });
  const results: Results = {
    format: 'lbsim-results',
    version: RESULTS_VERSION,
    lbsimVersion: options.version,
    scenario: summariseScenario(scenario),
    name: scenario.name,
    metricInfo: Object.fromEntries(METRICS.map((m) => [m.name, { label: m.label, better: m.better }])),
    run: { seed: scenario.seed, replications: most, seeds, cellCount: allCells.length, ...(scenario.replicationMode === 'auto' ? { capped } : {}) },
    cells: cellResults,
    comparisons: null,
    expectations: null,
    recommendation: null,
  };
  if (options.shard) {
    results.run.shard = { index: options.shard.index, count: options.shard.count };
    return results;
  }
  return complete(results);
}

/** Adds what needs every cell: paired comparisons against the baseline, the expectations and the recommendation. */
export function complete(results: Results): Results {
  const { baseline, expect, goal, replicationMode, replications, maxReplications } = results.scenario;
  const perCell = Object.fromEntries(results.cells.map((c) => [c.id, c.replications.length]));
  return {
    ...results,
    comparisons: compareCells(results.cells, cellId(baseline.tactic, baseline.health, baseline.gateway)),
    expectations: checkExpectations(expect, results.cells),
    recommendation: recommend(results.cells, goal, { mode: replicationMode, firstStage: replications, max: maxReplications, perCell, capped: results.run.capped ?? false }),
  };
}
