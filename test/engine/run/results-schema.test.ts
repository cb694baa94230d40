import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsJsonSchema, resultsProblems, runScenario } from '../../../engine/run/index.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('results.json schema', () => {
  it('is published as reports/results.schema.json, exactly as generated (regenerate with npm run schema)', async () => {
    await expect(`${JSON.stringify(resultsJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(join(ROOT, 'reports', 'results.schema.json'));
  });

  it('accepts what a run produces, full or sharded, through JSON', async () => {
    const s = scenario({ durationMs: 10_000, replications: 2, services: [service('a', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 1_000, durationMs: 1_000 }] })), service('b')] });
    const full = JSON.parse(JSON.stringify(await runScenario(s, { workers: 1, version: 'test' })));
    expect(resultsProblems(full)).toEqual([]);
    const shard = JSON.parse(JSON.stringify(await runScenario(s, { workers: 1, version: 'test', shard: { index: 1, count: 1 } })));
    expect(resultsProblems(shard)).toEqual([]);
  });

  it('names the path of what is wrong', async () => {
    const s = scenario({ durationMs: 5_000, replications: 1 });
    const results = JSON.parse(JSON.stringify(await runScenario(s, { workers: 1, version: 'test' })));
    results.cells[0].replications[0].metrics.successRate = 'high';
    delete results.run.seeds;
    const problems = resultsProblems(results);
    expect(problems).toContainEqual(expect.stringMatching(/^cells\[0\]\.replications\[0\]\.metrics\.successRate: /));
    expect(problems).toContainEqual(expect.stringMatching(/^run\.seeds: /));
    expect(resultsProblems({ format: 'x' })[0]).toMatch(/^format: /);
  });

  it('records the scenario as a typed, versioned summary (unlimited quantities as null) that the schema checks', async () => {
    const s = scenario({ durationMs: 5_000, replications: 1, services: [service('a', provider({ concurrency: Number.POSITIVE_INFINITY })), service('b')] });
    const results = JSON.parse(JSON.stringify(await runScenario(s, { workers: 1, version: 'test' })));
    expect(results.version).toBe(2);
    expect(results.scenario).toMatchObject({ summaryVersion: 1, name: 'test', durationMs: 5_000, baseline: { tactic: 'random', health: 'none', gateway: 'default' } });
    expect(results.scenario.services.map((x: { id: string }) => x.id)).toEqual(['a:m', 'b:m']);
    expect(results.scenario.services[0].behavior.concurrency).toBeNull();
    expect(results.scenario.services[1].behavior.concurrency).toBe(64);
    expect(results.scenario.gatewayVariants[0].options).toMatchObject({ requestTimeoutMs: null, clientRetries: 2 });
    expect(JSON.stringify(results)).not.toContain('Infinity');
    delete results.scenario.services[0].id;
    expect(resultsProblems(results)).toContainEqual(expect.stringMatching(/^scenario\.services\[0\]\.id: /));
  });

  it('says a results file of another format version was written by another lbsim', () => {
    expect(resultsProblems({ format: 'lbsim-results', version: 1 })).toEqual([
      'version: results format 1 was written by another lbsim (this one reads 2); run the scenario again with this version',
    ]);
  });
});
