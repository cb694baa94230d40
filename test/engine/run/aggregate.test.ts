import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSketches, summariseDistribution } from '../../../engine/metrics/index.js';
import { replicationSeed, runScenario } from '../../../engine/run/index.js';
import { loadScenarioFile, type Scenario } from '../../../engine/scenario/index.js';
import { simulate } from '../../../engine/simulate.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The library's default scenario, cut down to one cell: random tactic, the default health setting. */
function libraryCell(): Scenario {
  const s = loadScenarioFile(join(ROOT, 'scenarios', 'default.yaml'), { readFile: (path) => readFileSync(path, 'utf8') });
  return { ...s, tactics: s.tactics.filter((t) => t.name === 'random'), health: s.health.filter((h) => h.name === 'default'), baseline: { ...s.baseline, tactic: 'random', health: 'default' } };
}

describe('aggregating a cell', () => {
  it('resolves the p95 of each replication finely enough that its interval over replications is not 0', async () => {
    // With 2% histogram buckets, this cell's five p95s were one and the same value (12459.8 ± 0).
    const results = await runScenario(libraryCell(), { workers: 1, version: 'test' });
    const [cell] = results.cells;
    const p95s = cell!.replications.map((r) => r.metrics.latencyMs.p95);
    expect(new Set(p95s).size).toBeGreaterThanOrEqual(4);
    expect(cell!.aggregate.latency_p95_ms!.ci95).toBeGreaterThan(0);
  });

  it('pools the sketches of its replications exactly into its distributions, and keeps no sketch per replication', async () => {
    const scenario = libraryCell();
    const results = await runScenario(scenario, { workers: 1, version: 'test' });
    const [cell] = results.cells;
    const runs = Array.from({ length: scenario.replications }, (_, r) => simulate(scenario, { tactic: 'random', health: 'default', seed: replicationSeed(scenario.seed, r) }));
    expect(cell!.latencyDistribution).toEqual(summariseDistribution(mergeSketches(runs.map((r) => r.metrics.sketches!.latencyMs))));
    expect(cell!.ttftDistribution).toEqual(summariseDistribution(mergeSketches(runs.map((r) => r.metrics.sketches!.ttftMs))));
    expect(cell!.latencyDistribution.count).toBe(runs.reduce((n, r) => n + r.metrics.successes, 0));
    expect(cell!.ttftDistribution.count).toBe(runs.reduce((n, r) => n + r.metrics.streamedSuccesses, 0));
    expect(cell!.latencyDistribution.quantiles).toHaveLength(cell!.latencyDistribution.levels.length);
    for (const r of cell!.replications) expect(r.metrics).not.toHaveProperty('sketches');
  });
});
