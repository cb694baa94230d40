import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ALL_TACTIC_TYPES, tacticTypeToString } from '../../engine/balancer/index.js';
import { runScenario } from '../../engine/run/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import type { Measurement } from '../measure.js';
import { timeNowMs } from '../wall-clock.js';

/**
 * The whole built-in library: every scenario x all six tactics (default parameters) x its health
 * settings (and gateway variants) x 5 replications, on every core (worker threads), as
 * `lbsim run scenarios/*.yaml --tactics <all six> --replications 5` would.
 */
export async function sweepSuite(root: string): Promise<Measurement[]> {
  const dir = join(root, 'scenarios');
  const scenarios = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => loadScenarioFile(join(dir, f), { readFile: (p) => readFileSync(p, 'utf8') }))
    .map((s) => ({ ...s, replications: 5, tactics: ALL_TACTIC_TYPES.map((type) => ({ name: tacticTypeToString(type), type, params: {} })) }));
  const workers = Math.max(1, cpus().length);
  let runs = 0;
  const start = timeNowMs();
  for (const scenario of scenarios) {
    const results = await runScenario(scenario, { workers, version: 'bench' });
    runs += results.cells.length * results.run.replications;
  }
  const seconds = (timeNowMs() - start) / 1000;
  return [
    { name: 'sweep.librarySeconds', value: seconds, unit: 's' },
    { name: 'sweep.libraryRuns', value: runs, unit: 'runs' },
  ];
}
