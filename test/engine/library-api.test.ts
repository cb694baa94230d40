import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Other programs use lbsim by its package name (package.json `exports`), built into dist/ (npm test
 * builds first). This is what they can rely on.
 */
describe('the library API', () => {
  it('loads a scenario, simulates one cell and runs the whole matrix through `lbsim` alone', async () => {
    const lbsim = await import('lbsim');
    const text = readFileSync(join(ROOT, 'scenarios', 'default.yaml'), 'utf8');
    // the first 20 s of the default scenario (its outage comes later)
    const scenario = { ...lbsim.parseScenario(text, { sourceName: 'default.yaml' }), durationMs: 20_000, warmupMs: 0 };
    const one = lbsim.simulate(scenario, { tactic: 'random', health: 'default' });
    expect(one.metrics.requests).toBeGreaterThan(0);
    expect(one.totals.arrivals).toBe(one.totals.successes + one.totals.failures);
    const results = await lbsim.runScenario({ ...scenario, replications: 2, tactics: scenario.tactics.slice(0, 2) }, { workers: 1, version: 'api-test' });
    expect(lbsim.resultsProblems(JSON.parse(JSON.stringify(results)))).toEqual([]);
    expect(results.scenario.summaryVersion).toBe(1);
    expect(lbsim.rankCells(results.cells, 'success_rate').ranked).toHaveLength(results.cells.length);
    expect(lbsim.findMetric('latency_p95_ms')?.needsSuccess).toBe(true);
    const balancer = new lbsim.balancer.HealthMonitor(lbsim.balancer.defaultHealthMonitorConfig(), new lbsim.balancer.ManualClock(0));
    expect(balancer.isHealthy('a:b')).toBe(true);
  });

  it('reports the same way: `lbsim/reports` renders results', async () => {
    const lbsim = await import('lbsim');
    const reports = await import('lbsim/reports');
    const scenario = lbsim.parseScenario('name: tiny\nduration: 5s\nreplications: 2\nworkload: { arrivals: { process: poisson, rate: 5/s } }\nservices: [{ provider: a, model: m }, { provider: b, model: m }]\ncompare: { tactics: [random], health: [none] }\n', { sourceName: 'tiny.yaml' });
    const results = await lbsim.runScenario(scenario, { workers: 1, version: 'api-test' });
    expect(reports.renderSummaryMarkdown(results)).toContain('## lbsim: tiny');
  });

  it('exports only the documented entry points', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './reports', './package.json']);
  });
});
