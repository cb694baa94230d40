/**
 * Runs one 10-million-request simulation (random tactic, seed default health) in its own process
 * and prints its peak resident memory in MiB as JSON, so the figure is that run's alone.
 */
import { simulate } from '../engine/simulate.js';
import { benchScenario } from './suites/simulation.js';

const requests = Number(process.argv[2] ?? 10_000_000);
const result = simulate(benchScenario(requests), { tactic: 'random', health: 'default' });
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ requests: result.totals.arrivals, peakRssMiB })}\n`);
