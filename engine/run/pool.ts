import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenario/index.js';
import { runTask, type Task } from './execute.js';
import { type Cell, expandCells } from './matrix.js';
import type { RunResult } from './plan.js';

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

/** Runs tasks of one scenario, in this thread or on worker threads that live across batches. */
export interface TaskRunner {
  /** Runs `tasks`, calling `done` as each finishes (in any order); resolves when all have. */
  run(tasks: readonly Task[], done: (task: Task, result: RunResult) => void): Promise<void>;
  /** Stops the workers. */
  close(): void;
}

/** Tasks run one after the other in this thread. */
export function inThread(scenario: Scenario): TaskRunner {
  const cells: Cell[] = expandCells(scenario);
  return {
    run(tasks, done) {
      for (const task of tasks) done(task, runTask(scenario, cells[task.cell]!, task.replication));
      return Promise.resolve();
    },
    close() {},
  };
}

interface WorkerReply {
  task: Task;
  result?: RunResult;
  error?: { name: string; message: string; code: string; stack: string };
}

/** `count` worker threads, started once and fed task by task; results come back by task. */
export function workerPool(scenario: Scenario, count: number): TaskRunner {
  const workers = Array.from({ length: count }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: scenario }));
  return {
    run(tasks, done) {
      return new Promise((resolve, reject) => {
        const queue = [...tasks];
        let pending = tasks.length;
        let failed = false;
        if (pending === 0) return resolve();
        const cleanups: Array<() => void> = [];
        const finish = (error?: Error): void => {
          for (const c of cleanups) c();
          if (error) reject(error);
          else resolve();
        };
        const feed = (worker: Worker): void => {
          const next = queue.shift();
          if (next) worker.postMessage(next);
        };
        for (const worker of workers) {
          const onMessage = (reply: WorkerReply): void => {
            if (failed) return;
            if (reply.error) {
              failed = true;
              finish(new RunError(reply.error.message, reply.error.code, reply.error.stack));
              return;
            }
            done(reply.task, reply.result!);
            if (--pending === 0) finish();
            else feed(worker);
          };
          const onError = (error: Error): void => {
            if (failed) return;
            failed = true;
            finish(new RunError(`a worker failed: ${error.message}`, 'WORKER_FAILED', error.stack ?? ''));
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          cleanups.push(() => {
            worker.off('message', onMessage);
            worker.off('error', onError);
          });
          feed(worker);
        }
      });
    },
    close() {
      for (const w of workers) void w.terminate();
    },
  };
}
