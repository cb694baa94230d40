import { describe, expect, it } from 'vitest';
import { configChangeLines, recommend, recommendedConfig, runScenario, type Results } from '../../../engine/run/index.js';
import type { Scenario } from '../../../engine/scenario/index.js';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

/** Two tactics (one with params), four health settings, the upstream gateway and a failover variant. */
function matrix(): Scenario {
  return scenario({
    durationMs: 20_000,
    replications: 3,
    services: [service('a', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'finish', startMs: 5_000, durationMs: 5_000 }] })), service('b')],
    tactics: [
      { name: 'random', type: 3, params: {} },
      { name: 'latency-p95', type: 4, params: { comparisonMode: 'p95', latencyThresholdMs: 1_500 } },
    ],
    health: [
      { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } },
      { name: 'quick', config: { consecutiveErrorThreshold: 2, recoveryTimeoutSeconds: 30, probeEnabled: true } },
      { name: 'held', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true, rateLimitHold: true } },
      { name: 'none', config: null },
    ],
    gatewayVariants: [
      { name: 'upstream', options: { ...UPSTREAM_GATEWAY_OPTIONS } },
      { name: 'failover', options: { ...UPSTREAM_GATEWAY_OPTIONS, maxAttempts: 3, excludeTried: true } },
    ],
    baseline: { tactic: 'random', health: 'unconfigured', gateway: 'upstream' },
  });
}

const recommending = (r: Results, cell: string): Results => ({ ...r, recommendation: { ...r.recommendation!, cell } });

describe('recommended-config.json', () => {
  it('gives the recommended cell in the gateway’s field names: lb_tactic with its params, the health_monitor block', async () => {
    const r = await runScenario(matrix(), { workers: 1, version: 'test' });
    const c = recommendedConfig(recommending(r, 'latency-p95|quick|upstream'));
    expect(c.rules).toEqual([{ uuid: null, lb_tactic: { type: 'latency_based', params: { latency_threshold_ms: 1_500, comparison_mode: 'p95' } } }]);
    expect(c.health_monitor).toEqual({ consecutive_error_threshold: 2, recovery_timeout_seconds: 30, probe_enabled: true });
    expect(c.lbsim).toMatchObject({ cell: 'latency-p95|quick|upstream', baseline: 'random|unconfigured|upstream' });
    expect(c.lbsim.warnings).toEqual(["the scenario names no rule: put your rule's uuid in rules[0].uuid"]);
  });

  it('says null (remove the block) for unconfigured, and warns for what the gateway cannot be configured to do', async () => {
    const r = await runScenario(matrix(), { workers: 1, version: 'test' });
    expect(recommendedConfig(recommending(r, 'random|unconfigured|upstream')).health_monitor).toBeNull();
    expect(recommendedConfig(recommending(r, 'random|none|upstream')).lbsim.warnings[0]).toMatch(/runs no monitor at all, which the gateway cannot be configured to do/);
    expect(recommendedConfig(recommending(r, 'random|held|upstream')).lbsim.warnings[0]).toMatch(/rate_limit_hold.*cannot be configured/);
    expect(recommendedConfig(recommending(r, 'random|quick|failover')).lbsim.warnings[0]).toMatch(/gateway variant failover needs options the gateway cannot be configured with at this version \(maxAttempts, excludeTried\)/);
  });

  it('holds the best cell the gateway can be configured to run when the recommended one needs what it cannot do, selected by the same procedure', async () => {
    const r = await runScenario(matrix(), { workers: 1, version: 'test' });
    for (const unconfigurable of ['random|quick|failover', 'random|none|upstream', 'random|held|upstream']) {
      const c = recommendedConfig(recommending(r, unconfigurable));
      expect(c.lbsim.recommended).toBe(unconfigurable);
      const [tactic, health, gateway] = c.lbsim.cell!.split('|');
      expect(gateway).toBe('upstream');
      expect(['unconfigured', 'quick']).toContain(health);
      const configurable = r.cells.filter((x) => x.gateway === 'upstream' && ['unconfigured', 'quick'].includes(x.health));
      const alone = recommend(configurable, r.recommendation!.goal, r.recommendation!.replications);
      expect(c.lbsim.cell).toBe(alone.cell);
      expect(c.lbsim.warnings[1]).toBe(`so this file holds the best cell the gateway can be configured to run, ${alone.cell}, selected by the same procedure among those 4 cells alone: ${alone.statement}`);
      expect(c.rules[0]!.lb_tactic.type).toBe(tactic === 'random' ? 'random' : 'latency_based');
    }
    const fine = recommendedConfig(recommending(r, 'random|quick|upstream'));
    expect(fine.lbsim).toMatchObject({ cell: 'random|quick|upstream', recommended: 'random|quick|upstream' });
  });

  it('has no rule when nothing is recommended, and says why', async () => {
    const r = await runScenario(matrix(), { workers: 1, version: 'test' });
    const none = { ...r, recommendation: { ...r.recommendation!, cell: null, statement: 'No cell can be recommended: because.' } };
    expect(recommendedConfig(none)).toEqual({ lbsim: expect.objectContaining({ cell: null, statement: 'No cell can be recommended: because.' }), rules: [] });
    expect(configChangeLines(none)).toEqual([]);
  });

  it('states the change against the baseline and what it buys and costs, paired over the same seeds', async () => {
    const r = await runScenario(matrix(), { workers: 1, version: 'test' });
    const lines = configChangeLines(recommending(r, 'latency-p95|quick|upstream'));
    expect(lines[0]).toBe('lb_tactic: random -> latency_based {"latency_threshold_ms":1500,"comparison_mode":"p95"}');
    // the baseline is unconfigured: no block today
    expect(lines[1]).toBe('health_monitor: add {"consecutive_error_threshold":2,"recovery_timeout_seconds":30,"probe_enabled":true} (today there is none)');
    expect(configChangeLines(recommending(r, 'random|unconfigured|failover'))[1]).toBe('health_monitor: keep no block');
    expect(lines[2]).toMatch(/^against today's config: success [+-]\d+\.\d\d pp \(95% CI .* pp to .* pp\); p95 [+-]\d+ ms/);
    expect(lines[3]).toMatch(/^traffic share: a:m \d+% -> \d+%, b:m \d+% -> \d+%$/);
    expect(configChangeLines(recommending(r, 'random|none|upstream'))[1]).toBe('health_monitor: keep no block');
  });
});

describe('recommended-config.json for a cell of v0.260819.0', () => {
  it('is configured by upgrading: the file holds that cell, with a note, and its health block has no error threshold', async () => {
    const later = { ...UPSTREAM_GATEWAY_OPTIONS, version: 'v0.260819.0' as const };
    const r = await runScenario({ ...matrix(), gatewayVariants: [{ name: 'upstream', options: { ...UPSTREAM_GATEWAY_OPTIONS } }, { name: 'current', options: later }] }, { workers: 1, version: 'test' });
    const c = recommendedConfig(recommending(r, 'random|quick|current'));
    expect(c.lbsim).toMatchObject({ cell: 'random|quick|current', recommended: 'random|quick|current' });
    expect(c.lbsim.warnings[0]).toBe('gateway variant current runs tingly-box v0.260819.0: apply this after upgrading the gateway');
    expect(c.health_monitor).toEqual({ recovery_timeout_seconds: 30, probe_enabled: true });
  });
});
