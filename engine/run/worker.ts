/** A worker thread of the runner: simulates the tasks it is sent, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/index.js';
import { runTask, type Task } from './execute.js';
import { expandCells } from './matrix.js';

const scenario = workerData as Scenario;
const cells = expandCells(scenario);

parentPort?.on('message', (task: Task) => {
  try {
    parentPort?.postMessage({ task, result: runTask(scenario, cells[task.cell]!, task.replication) });
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort?.postMessage({ task, error: { name: e.name, message: e.message, code: e.code ?? 'INTERNAL', stack: e.stack ?? '' } });
  }
});
