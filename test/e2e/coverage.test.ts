/**
 * The coverage experiment, behind LBSIM_SLOW=1 (minutes of runs): over many seed groups of two
 * library scenarios, how often the recommendation is within the zone of the true best, and how
 * often the 95% intervals of the success rate cover the true mean. "True" is the mean of a long
 * run with seeds of its own. Run: LBSIM_SLOW=1 npx vitest run test/e2e/coverage.test.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario, type Results, type Scenario } from 'lbsim';
import { ROOT } from './cli.js';

const GROUPS = Number(process.env['LBSIM_COVERAGE_GROUPS'] ?? 20);
const TRUTH_REPLICATIONS = 60;

const meanOf = (r: Results, id: string, metric: string): number => r.cells.find((c) => c.id === id)!.aggregate[metric]!.mean;

/** The least k with P(Binomial(n, p) >= k) below `level`: more misses than k - 1 would refute a miss rate of p. */
function binomialLimit(n: number, p: number, level: number): number {
  let tail = 1;
  let term = (1 - p) ** n; // P(X = 0)
  for (let k = 0; k <= n; k++) {
    if (tail < level) return k;
    tail -= term;
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return n + 1;
}

describe.skipIf(process.env['LBSIM_SLOW'] !== '1')('coverage over seed groups (LBSIM_SLOW=1)', () => {
  it.each(['cold-start.yaml', 'rate-limits-below-load.yaml'])('%s: the recommendation is within the zone of the true best at least as often as promised', async (file) => {
    const written = loadScenarioFile(join(ROOT, 'scenarios', file), { readFile: (path) => readFileSync(path, 'utf8') });
    const run = (s: Scenario): Promise<Results> => runScenario(s, { workers: 2, version: 'coverage' });
    const truth = await run({ ...written, seed: written.seed + 1_000_003, replicationMode: 'fixed', replications: TRUTH_REPLICATIONS, maxReplications: TRUTH_REPLICATIONS });
    const metric = written.goal.optimize;
    const sign = truth.metricInfo[metric]!.better === 'higher' ? 1 : -1;
    const zoneSpec = written.goal.indifference[metric]!;
    const best = Math.max(...truth.cells.map((c) => sign * c.aggregate[metric]!.mean)) * sign;
    const zone = zoneSpec.kind === 'absolute' ? zoneSpec.value : zoneSpec.fraction * Math.abs(best);
    let recommended = 0;
    let misses = 0;
    let covered = 0;
    let intervals = 0;
    for (let g = 0; g < GROUPS; g++) {
      const r = await run({ ...written, seed: written.seed + 7_919 * (g + 1), replicationMode: 'auto', replications: 5, maxReplications: 30 });
      const cell = r.recommendation!.cell;
      if (cell !== null) {
        recommended++;
        if (sign * (best - meanOf(truth, cell, metric)) > zone) misses++;
      }
      for (const c of r.cells) {
        const e = c.aggregate['success_rate']!;
        intervals++;
        if (Math.abs(e.mean - meanOf(truth, c.id, 'success_rate')) <= e.ci95 + 1e-12) covered++;
      }
    }
    console.log(`${file}: ${recommended} of ${GROUPS} groups recommended a cell, ${misses} outside the zone of the true best; success-rate 95% intervals covered the true mean ${covered} of ${intervals} times (${((100 * covered) / intervals).toFixed(1)}%)`);
    // A 5% miss rate (1 - confidence) would exceed this count of misses less than 1% of the time.
    expect(misses).toBeLessThan(binomialLimit(Math.max(1, recommended), 1 - written.goal.confidence, 0.01));
  });
});
