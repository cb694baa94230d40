/**
 * Measures one tactic's simulated requests per second and the bare kernel's events per second in
 * this process alone, and prints them as JSON (see simulationSuite).
 */
import { measureTactic } from './suites/simulation.js';

const [tactic = 'random', requests = '1000000'] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(measureTactic(tactic, Number(requests)))}\n`);
