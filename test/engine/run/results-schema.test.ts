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
});
