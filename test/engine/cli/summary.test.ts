import { describe, expect, it } from 'vitest';
import { expectationLines, summaryLines } from '../../../engine/cli/summary.js';
import { configChangeLines, runScenario } from '../../../engine/run/index.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

async function results() {
  return runScenario(
    scenario({
      durationMs: 30_000,
      replications: 3,
      services: [service('a', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 5_000, durationMs: 10_000 }] })), service('b')],
      tactics: [{ name: 'random', type: 3, params: {} }, { name: 'latency_based', type: 4, params: {} }],
      health: [
        { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } },
        { name: 'none', config: null },
        { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
      ],
      baseline: { tactic: 'random', health: 'none', gateway: 'default' },
      expect: [{ kind: 'bound', metric: 'success_rate', where: { health: 'none' }, atLeast: 0.99, text: 'never fails' }],
    }),
    { workers: 1, version: 'test' },
  );
}

describe('the terminal summary', () => {
  it('reads as the snapshot: the recommendation first, its change, cells with their axis names, the expectations', async () => {
    const r = await results();
    const text = [...summaryLines(r).slice(0, 2), ...configChangeLines(r).map((l) => `    ${l}`), ...summaryLines(r).slice(2), ...expectationLines(r)].join('\n');
    await expect(`${text}\n`).toMatchFileSnapshot('__snapshots__/terminal-summary.txt');
  });

  it('names the best cell per key metric with its interval, and cells identical to it apart from the runner-up', async () => {
    const all = summaryLines(await results());
    expect(all[0]).toMatch(/^ {2}recommendation: /);
    expect(all[1]).toMatch(/^ {4}(With probability at least 95%|No cell can be recommended)/);
    const lines = all.slice(2);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {2}best success rate\s+tactic=\S+ health=\S+\s+0\.\d+ ± /);
    // unconfigured filters nothing, so its cells equal the no-monitor cells replication by replication
    const line = lines.find((l) => /identical: /.test(l));
    expect(line).toBeDefined();
    expect(line).toMatch(/(unconfigured|none)/);
    for (const l of lines) expect(l).toMatch(/(clear lead over|tie with) /);
  });

  it('prints no cost line for a scenario without prices, no float noise, and folds long lists of identical cells', async () => {
    const free = { price: { inputPerMillion: 0, outputPerMillion: 0 } };
    const r = await runScenario(
      scenario({
        durationMs: 20_000,
        replications: 2,
        services: [service('a', provider(free)), service('b', provider(free))],
        tactics: [{ name: 'random', type: 3, params: {} }, { name: 'capacity_based', type: 7, params: {} }, { name: 'token_based', type: 1, params: {} }],
        health: [
          { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } },
          { name: 'none', config: null },
          { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
        ],
        baseline: { tactic: 'random', health: 'none', gateway: 'default' },
      }),
      { workers: 1, version: 'test' },
    );
    const lines = summaryLines(r);
    expect(lines.some((l) => /cost per 1,000/.test(l))).toBe(false);
    for (const l of lines) expect(l).not.toMatch(/± -?\d(\.\d+)?e-\d+/);
    // every cell succeeds every time: the best is identical to more cells than fit on a line
    const success = lines.find((l) => /best success rate/.test(l))!;
    expect(success).toMatch(/± 0 /);
    expect(success).toMatch(/identical: [^()]+ and \d+ more\)/);
  });

  it('lists failed expectations with the failing cells', async () => {
    const lines = expectationLines(await results());
    expect(lines[0]).toBe('  expectations: 0 passed, 1 failed');
    expect(lines[1]).toBe('    FAIL never fails');
    expect(lines.slice(2).every((l) => l.startsWith('         FAIL tactic='))).toBe(true);
  });
});
