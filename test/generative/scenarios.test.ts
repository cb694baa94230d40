/**
 * The generative suite: valid scenarios that use every key of the format, run in-process, with
 * the invariants that must hold for all of them. LBSIM_GENERATIVE_RUNS sets how many (default 150;
 * the failing seed and path are printed for replay with fc.assert's { seed, path }).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The built package, as other programs use it (worker threads need the compiled worker).
import { mergeShards, parseScenario, resultsProblems, runScenario, type Results, type Scenario } from 'lbsim';
import { SCENARIO_KEYS } from '../../engine/scenario/schema.js';
import { scenarioArbitrary, type GeneratedScenario } from './scenario-arbitrary.js';

const RUNS = Number(process.env['LBSIM_GENERATIVE_RUNS'] ?? 150);

function parse(g: GeneratedScenario): Scenario {
  return parseScenario(JSON.stringify(g.doc, null, 1), { sourceName: 'generated.yaml', readFile: () => g.trace ?? '' });
}

const bytes = (r: Results): string => JSON.stringify(r);

/** Every number in the replications' metrics is finite. */
function finiteMetrics(results: Results): void {
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  for (const cell of results.cells) for (const r of cell.replications) walk(r.metrics, `${cell.id}#${r.replication}`);
}

function conserved(results: Results): void {
  for (const cell of results.cells) {
    for (const r of cell.replications) {
      const m = r.metrics;
      expect(r.totals.successes + r.totals.failures, cell.id).toBe(r.totals.arrivals);
      expect(m.successes + m.failures).toBe(m.requests);
      expect(Object.values(m.errorsByStatus).reduce((a, b) => a + b, 0)).toBe(m.failures);
      expect(Object.values(m.attemptsByStatus).reduce((a, b) => a + b, 0)).toBe(m.attempts);
      expect(Object.values(m.providerAttemptsByStatus).reduce((a, b) => a + b, 0)).toBe(m.providerAttempts);
      expect(Object.values(m.services).reduce((a, s) => a + s.attempts, 0)).toBe(m.attempts);
      expect(m.providerAttempts).toBeGreaterThanOrEqual(m.attempts);
    }
  }
}

describe('generated scenarios', () => {
  it('use every key of the format across the corpus', () => {
    const used = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
        used.add(k);
        collect(v);
      }
    };
    for (const g of fc.sample(scenarioArbitrary, { numRuns: 400, seed: 1 })) collect(g.doc);
    const keys = Object.entries(SCENARIO_KEYS).flatMap(([group, k]) => (group === 'errors' ? [] : Array.isArray(k) ? k : Object.values(k).flat())) as string[];
    expect([...new Set(keys)].filter((k) => !used.has(k)).sort()).toEqual([]);
  });

  it('parse, run without a throw, count every request, attempt and try once, produce schema-valid finite results, and give the same bytes on a rerun', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (g) => {
        const scenario = parse(g);
        const results = await runScenario(scenario, { workers: 1, version: 'generative' });
        const json = JSON.parse(bytes(results)) as unknown;
        expect(resultsProblems(json)).toEqual([]);
        finiteMetrics(results);
        conserved(results);
        expect(bytes(await runScenario(parse(g), { workers: 1, version: 'generative' }))).toBe(bytes(results));
      }),
      { numRuns: RUNS },
    );
  });

  it('give the same bytes with 2 workers and as 2 merged shards', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (g) => {
        const scenario = parse(g);
        const one = bytes(await runScenario(scenario, { workers: 1, version: 'generative' }));
        expect(bytes(await runScenario(scenario, { workers: 2, version: 'generative' }))).toBe(one);
        const shards = await Promise.all([1, 2].map((index) => runScenario(scenario, { workers: 1, version: 'generative', shard: { index, count: 2 } })));
        expect(bytes(mergeShards(JSON.parse(JSON.stringify(shards)) as Results[]))).toBe(one);
      }),
      { numRuns: Math.max(3, Math.round(RUNS / 30)) },
    );
  });
});
