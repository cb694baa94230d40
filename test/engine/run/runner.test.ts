import { describe, expect, it } from 'vitest';
import { expandCells, mergeShards, MergeError, replicationSeed, runScenario, shardCells } from '../../../engine/run/index.js';
import type { Scenario } from '../../../engine/scenario/index.js';
import { runScenario as runBuilt } from 'lbsim';
import { provider, scenario, service } from '../../helpers/scenarios.js';

function matrixScenario(): Scenario {
  return scenario({
    durationMs: 20_000,
    replications: 3,
    // in-flight requests finish, so failover can save every request (a stream cut midway cannot be retried)
    services: [service('a', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'finish', startMs: 5_000, durationMs: 5_000 }] })), service('b')],
    tactics: [
      { name: 'random', type: 3, params: {} },
      { name: 'latency-p95', type: 4, params: { comparisonMode: 'p95' } },
    ],
    health: [
      { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
      { name: 'none', config: null },
    ],
    gatewayVariants: [
      { name: 'no-retry', options: { ...scenario().gateway } },
      { name: 'failover', options: { ...scenario().gateway, maxAttempts: 3, excludeTried: true } },
    ],
    baseline: { tactic: 'random', health: 'none', gateway: 'no-retry' },
    expect: [
      { kind: 'bound', metric: 'success_rate', where: { gateway: 'failover' }, atLeast: 0.99, text: 'failover always succeeds' },
      { kind: 'compare', metric: 'success_rate', where: { health: 'default' }, than: { health: 'none' }, relation: 'no_worse', margin: 0, text: 'health checks never hurt' },
      { kind: 'bound', metric: 'latency_p95_ms', where: { tactic: 'random' }, atMost: 1, text: 'impossible latency' },
    ],
  });
}

describe('the run matrix', () => {
  it('expands tactics x health x gateway variants in a fixed order with stable ids', () => {
    const cells = expandCells(matrixScenario());
    expect(cells.map((c) => c.id)).toEqual([
      'random|default|no-retry', 'random|default|failover', 'random|none|no-retry', 'random|none|failover',
      'latency-p95|default|no-retry', 'latency-p95|default|failover', 'latency-p95|none|no-retry', 'latency-p95|none|failover',
    ]);
    expect(cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('shards partition the cells', () => {
    const cells = expandCells(matrixScenario());
    const shards = [1, 2, 3].map((index) => shardCells(cells, { index, count: 3 }).map((c) => c.index));
    expect(shards).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
  });

  it('replication seeds depend on the scenario seed and the replication only', () => {
    expect(replicationSeed(7, 0)).toBe(replicationSeed(7, 0));
    expect(new Set([0, 1, 2].map((r) => replicationSeed(7, r))).size).toBe(3);
    expect(replicationSeed(8, 0)).not.toBe(replicationSeed(7, 0));
  });
});

describe('runScenario', () => {
  it('aggregates replications, compares against the baseline and checks expectations', async () => {
    const results = await runScenario(matrixScenario(), { workers: 1, version: 'test' });
    expect(results.cells).toHaveLength(8);
    const cell = results.cells[1]!;
    expect(cell.replications.map((r) => r.seed)).toEqual(results.run.seeds);
    expect(cell.aggregate['success_rate']!.n).toBe(3);
    expect(results.comparisons!.baseline).toBe('random|none|no-retry');
    expect(results.comparisons!.paired['random|none|no-retry']!['success_rate']!.mean).toBe(0);
    expect(results.comparisons!.paired['random|none|failover']!['success_rate']!.significant).toBe(true);
    expect(results.expectations!.map((e) => [e.text, e.passed])).toEqual([
      ['failover always succeeds', true],
      ['health checks never hurt', true],
      ['impossible latency', false],
    ]);
    expect(results.expectations![2]!.details[0]).toMatch(/^FAIL tactic=random health=default gateway=no-retry: latency_p95_ms = /);
    expect(results.cells[0]!.incidents[0]).toMatchObject({ service: 'a:m', kind: 'down', replications: 3 });
    expect(results.metricInfo['latency_p95_ms']).toEqual({ label: 'p95 latency (ms)', better: 'lower' });
  });

  it('merging the shards gives exactly the results of one run, byte for byte', async () => {
    const s = matrixScenario();
    const whole = JSON.stringify(await runScenario(s, { workers: 1, version: 'test' }));
    const shards = await Promise.all([1, 2, 3].map((index) => runScenario(s, { workers: 1, version: 'test', shard: { index, count: 3 } })));
    expect(shards[0]!.comparisons).toBeNull();
    expect(shards[0]!.run.shard).toEqual({ index: 1, count: 3 });
    expect(JSON.stringify(mergeShards([shards[2]!, shards[0]!, shards[1]!]))).toBe(whole);
  });

  it('refuses to merge incomplete, overlapping or foreign shards', async () => {
    const s = matrixScenario();
    const [one, two] = await Promise.all([1, 2].map((index) => runScenario(s, { workers: 1, version: 'test', shard: { index, count: 2 } })));
    expect(() => mergeShards([one!])).toThrow(/shard 2\/2 missing/);
    expect(() => mergeShards([one!, one!, two!], ['a.json', 'b.json', 'c.json'])).toThrow(/b\.json and a\.json are both shard 1\/2/);
    const other = await runScenario({ ...s, seed: 99 }, { workers: 1, version: 'test', shard: { index: 2, count: 2 } });
    expect(() => mergeShards([one!, other], ['a.json', 'b.json'])).toThrow(/b\.json and a\.json come from different runs: scenario\.seed differs \(99 against 7\)/);
    expect(() => mergeShards([one!, other])).toThrow(MergeError);
    expect(() => mergeShards([])).toThrow(/nothing to merge/);
  });

  it('with replications: auto, runs the contenders on after the first stage, the same whatever the workers or shards', async () => {
    const s: Scenario = { ...matrixScenario(), replicationMode: 'auto', replications: 4, maxReplications: 8 };
    const progress: number[] = [];
    const one = await runScenario(s, { workers: 1, version: 'test', onProgress: (_, total) => progress.push(total) });
    const counts = Object.fromEntries(one.cells.map((c) => [c.id, c.replications.length]));
    const ranOn = one.cells.filter((c) => c.replications.length > 4);
    // the test means something only if the second stage ran, and left some cells at the first stage
    expect(ranOn.length).toBeGreaterThanOrEqual(2);
    expect(ranOn.length).toBeLessThan(one.cells.length);
    expect(new Set(ranOn.map((c) => c.replications.length)).size).toBe(1);
    expect(one.run.replications).toBe(ranOn[0]!.replications.length);
    expect(one.recommendation!.replications).toMatchObject({ mode: 'auto', firstStage: 4, max: 8, perCell: counts });
    expect(progress.at(-1)).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    // replication k has the same seed in every cell; the statistics are those of the replications kept
    for (const c of one.cells) {
      expect(c.replications.map((r) => r.seed)).toEqual(one.run.seeds.slice(0, c.replications.length));
      expect(c.aggregate['success_rate']!.n).toBe(c.replications.length);
    }
    const bytes = JSON.stringify(one);
    // worker threads load the compiled worker: the built package, as other programs use it
    expect(JSON.stringify(await runBuilt(s, { workers: 2, version: 'test' }))).toBe(bytes);
    const shards = await Promise.all([1, 2, 3].map((index) => runScenario(s, { workers: 1, version: 'test', shard: { index, count: 3 } })));
    expect(shards.flatMap((r) => r.cells.map((c) => c.replications.length))).toEqual(Array(one.cells.length).fill(8));
    expect(JSON.stringify(mergeShards(shards))).toBe(bytes);
  });

  it('merges a shard that holds no cell (more shards than cells)', async () => {
    const s: Scenario = { ...matrixScenario(), tactics: [matrixScenario().tactics[0]!], health: [matrixScenario().health[0]!], gatewayVariants: [matrixScenario().gatewayVariants[0]!], baseline: { tactic: 'random', health: 'default', gateway: 'no-retry' }, expect: [] };
    const whole = JSON.stringify(await runScenario(s, { workers: 1, version: 'test' }));
    const shards = await Promise.all([1, 2].map((index) => runScenario(s, { workers: 1, version: 'test', shard: { index, count: 2 } })));
    expect(shards[1]!.cells).toEqual([]);
    expect(shards[1]!.run.replications).toBe(3);
    expect(JSON.stringify(mergeShards(shards))).toBe(whole);
  });

  it('reports progress task by task', async () => {
    const seen: Array<[number, number]> = [];
    await runScenario({ ...matrixScenario(), replications: 1 }, { workers: 1, version: 'test', onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 8]));
  });
});
