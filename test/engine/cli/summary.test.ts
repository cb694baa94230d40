import { describe, expect, it } from 'vitest';
import { expectationLines, summaryLines } from '../../../engine/cli/summary.js';
import { runScenario } from '../../../engine/run/index.js';
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
  it('names the best cell per key metric with its interval, and cells identical to it apart from the runner-up', async () => {
    const all = summaryLines(await results());
    expect(all[0]).toMatch(/^ {2}recommendation: /);
    expect(all[1]).toMatch(/^ {4}(With probability at least 95%|No cell can be recommended)/);
    const lines = all.slice(2);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {2}best success rate\s+\S+ \| \S+ \| default\s+0\.\d+ ± /);
    // unconfigured filters nothing, so its cells equal the no-monitor cells replication by replication
    const line = lines.find((l) => /identical: /.test(l));
    expect(line).toBeDefined();
    expect(line).toMatch(/(unconfigured|none)/);
    for (const l of lines) expect(l).toMatch(/(clear lead over|tie with) /);
  });

  it('lists failed expectations with the failing cells', async () => {
    const lines = expectationLines(await results());
    expect(lines[0]).toBe('  expectations: 0 passed, 1 failed');
    expect(lines[1]).toBe('    FAIL never fails');
    expect(lines.slice(2).every((l) => l.startsWith('         FAIL tactic='))).toBe(true);
  });
});
