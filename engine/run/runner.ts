import { Worker } from 'node:worker_threads';
import type { RunResult } from './plan.js';
import { METRICS } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import { aggregateCell, checkExpectations, compareCells } from './aggregate.js';
import { summariseScenario } from './scenario-summary.js';
import { runTask, type Task } from './execute.js';
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

/** A simulation failed inside a worker or in this thread. Stable code: SIMULATION_FAILED, or the cause's code. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/**
 * Runs every cell of a scenario (or of a shard of it) for every replication and aggregates the
 * results. The result does not depend on the number of workers: each task is deterministic and
 * results are placed by cell and replication.
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<Results> {
  const allCells = expandCells(scenario);
  const cells = shardCells(allCells, options.shard);
  const tasks: Task[] = cells.flatMap((cell) => Array.from({ length: scenario.replications }, (_, replication) => ({ cell: cell.index, replication })));
  const outputs = new Map<string, RunResult>();
  const key = (t: Task): string => `${t.cell}/${t.replication}`;
  let done = 0;
  const finished = (task: Task, result: RunResult): void => {
    outputs.set(key(task), result);
    options.onProgress?.(++done, tasks.length);
  };
  if (options.workers <= 1 || tasks.length <= 1) {
    for (const task of tasks) finished(task, runTask(scenario, allCells[task.cell]!, task.replication));
  } else {
    await runInWorkers(scenario, tasks, Math.min(options.workers, tasks.length), finished);
  }
  return assemble(scenario, allCells, cells, outputs, options);
}

function assemble(scenario: Scenario, allCells: Cell[], cells: Cell[], outputs: Map<string, RunResult>, options: RunOptions): Results {
  const seeds = Array.from({ length: scenario.replications }, (_, r) => replicationSeed(scenario.seed, r));
  const cellResults = cells.map((cell) => {
    const runs = seeds.map((_, r) => outputs.get(`${cell.index}/${r}`)!);
    const replications: ReplicationResult[] = runs.map((run, r) => ({ replication: r, seed: seeds[r]!, metrics: run.metrics, incidents: run.incidents, totals: run.totals }));
    return aggregateCell(cell, replications, runs.map((run) => run.timeSeries));
  });
  const results: Results = {
    format: 'lbsim-results',
    version: RESULTS_VERSION,
    lbsimVersion: options.version,
    scenario: summariseScenario(scenario),
    name: scenario.name,
    metricInfo: Object.fromEntries(METRICS.map((m) => [m.name, { label: m.label, better: m.better }])),
    run: { seed: scenario.seed, replications: scenario.replications, seeds, cellCount: allCells.length },
    cells: cellResults,
    comparisons: null,
    expectations: null,
  };
  if (options.shard) {
    results.run.shard = { index: options.shard.index, count: options.shard.count };
    return results;
  }
  return complete(results, scenario);
}

/** Adds what needs every cell: paired comparisons against the baseline, and the expectations. */
export function complete(results: Results, scenario: Pick<Scenario, 'baseline' | 'expect'>): Results {
  const { tactic, health, gateway } = scenario.baseline;
  return {
    ...results,
    comparisons: compareCells(results.cells, cellId(tactic, health, gateway)),
    expectations: checkExpectations(scenario.expect, results.cells),
  };
}

interface WorkerReply {
  task: Task;
  result?: RunResult;
  error?: { name: string; message: string; code: string; stack: string };
}

function runInWorkers(scenario: Scenario, tasks: Task[], workerCount: number, finished: (task: Task, result: RunResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...tasks];
    const workers: Worker[] = [];
    let pending = tasks.length;
    let failed = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const feed = (worker: Worker): void => {
      const next = queue.shift();
      if (next) worker.postMessage(next);
    };
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: scenario });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if (reply.error) {
          failed = true;
          stopAll();
          reject(new RunError(reply.error.message, reply.error.code, reply.error.stack));
          return;
        }
        finished(reply.task, reply.result!);
        if (--pending === 0) {
          stopAll();
          resolve();
        } else feed(worker);
      });
      worker.on('error', (error) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(new RunError(`a worker failed: ${error.message}`, 'WORKER_FAILED', error.stack ?? ''));
      });
      feed(worker);
    }
  });
}
