import { Bench } from 'tinybench';

/** One measured figure. */
export interface Measurement {
  /** Stable name, e.g. `balancer.randomSelectPerSecond`. */
  name: string;
  /** The figure. */
  value: number;
  /** Its unit, e.g. `ops/s`. */
  unit: string;
  /** Relative margin of error in percent, when measured by tinybench. */
  rmePercent?: number;
}

/** A batch: one tinybench iteration performs `operations` operations. */
export interface BatchTask {
  name: string;
  /** Operations performed by one call of `run`. */
  operations: number;
  run: () => void;
  /** Called once before measuring. */
  setup?: () => void;
}

/** Measurement time per task, in ms; shorter with BENCH_QUICK=1 (smoke runs in tests). */
export const TASK_TIME_MS = process.env['BENCH_QUICK'] === '1' ? 50 : 1_000;

/**
 * Runs each batch task under tinybench and reports operations per second from the median batch
 * time (a shared machine's interference lands in the tail, not the median). Sub-microsecond
 * operations are measured in batches because one timer read costs more than the operation.
 */
export async function measureBatches(tasks: readonly BatchTask[]): Promise<Measurement[]> {
  const bench = new Bench({ time: TASK_TIME_MS, warmupTime: Math.min(200, TASK_TIME_MS), iterations: 10 });
  for (const task of tasks) {
    task.setup?.();
    bench.add(task.name, task.run);
  }
  await bench.run();
  return tasks.map((task) => {
    const result = bench.getTask(task.name)?.result;
    if (!result || !('latency' in result)) throw new Error(`benchmark ${task.name} did not complete`);
    return {
      name: task.name,
      value: (task.operations * 1000) / result.latency.p50,
      unit: 'ops/s',
      rmePercent: result.latency.rme,
    };
  });
}
