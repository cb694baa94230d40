import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/cli/errors.js';
import { applyOverrides, hasOverrides } from '../../../engine/cli/overrides.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

const base = scenario({
  durationMs: 60_000,
  warmupMs: 5_000,
  services: [service('a', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 10_000, durationMs: 30_000 }, { kind: 'slow', factor: 2, startMs: 50_000, durationMs: 5_000 }] }))],
  tactics: [
    { name: 'random', type: 3, params: {} },
    { name: 'lat', type: 4, params: { comparisonMode: 'p95' } },
  ],
  health: [{ name: 'none', config: null }],
  baseline: { tactic: 'lat', health: 'none', gateway: 'default' },
  expect: [
    { kind: 'bound', metric: 'success_rate', where: { tactic: 'lat' }, atLeast: 0.5, text: 'lat works' },
    { kind: 'compare', metric: 'success_rate', where: { tactic: 'random' }, than: { tactic: 'lat' }, relation: 'better', margin: 0, text: 'random beats lat' },
    { kind: 'bound', metric: 'success_rate', atLeast: 0.1, where: {}, text: 'anything works' },
  ],
});

describe('command-line overrides', () => {
  it('knows when there are none', () => {
    expect(hasOverrides({})).toBe(false);
    expect(hasOverrides({ seed: 0 })).toBe(true);
  });

  it('sets seed and replications', () => {
    const { scenario: s } = applyOverrides(base, { seed: 42, replications: 9 });
    expect([s.seed, s.replications]).toEqual([42, 9]);
  });

  it('keeps the named tactics (adding known tactic names), moves the baseline and skips expectations on cells not run', () => {
    const { scenario: s, skipped } = applyOverrides(base, { tactics: ['random', 'adaptive'], health: ['default'] });
    expect(s.tactics.map((t) => t.name)).toEqual(['random', 'adaptive']);
    expect(s.health.map((h) => h.name)).toEqual(['default']);
    expect(s.baseline).toEqual({ tactic: 'random', health: 'default', gateway: 'default' });
    expect(s.expect.map((e) => e.text)).toEqual(['anything works']);
    expect(skipped).toEqual(['lat works', 'random beats lat']);
  });

  it('rejects unknown names as bad input', () => {
    expect(() => applyOverrides(base, { tactics: ['fastest'] })).toThrow(UsageError);
    expect(() => applyOverrides(base, { health: ['strict'] })).toThrow(/unknown health setting/);
  });

  it('a shorter duration cuts incidents at the new end and drops those after it', () => {
    const { scenario: s } = applyOverrides(base, { durationMs: 20_000 });
    expect(s.durationMs).toBe(20_000);
    expect(s.services[0]!.behavior.incidents).toEqual([{ kind: 'down', status: 503, inFlight: 'cut', startMs: 10_000, durationMs: 10_000 }]);
    expect(s.limits.maxSimulatedMs).toBeGreaterThanOrEqual(base.limits.maxSimulatedMs);
    expect(() => applyOverrides(base, { durationMs: 5_000 })).toThrow(/warm-up/);
  });
});
