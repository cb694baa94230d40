import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, importScenario } from '../../../engine/cli/import-config.js';
import { parseScenario } from '../../../engine/scenario/index.js';
import { cellId, recommendedConfig, runScenario } from '../../../engine/run/index.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'gateway', name), 'utf8');
const load = (yaml: string) => parseScenario(yaml, { sourceName: 'imported.yaml' });

describe('lbsim import', () => {
  it("writes a scenario whose baseline is the rule as it runs today: its lb_tactic and params, the config's health_monitor", () => {
    const { yaml, warnings } = importScenario(fixture('config.json'), 'config.json', { rule: 'gpt-4o' });
    const s = load(yaml);
    expect(s.services.map((x) => [x.provider, x.model, x.weight, x.modelCapacity ?? null])).toEqual([
      ['openai', 'gpt-4o', 3, null],
      ['azure', 'gpt-4o', 1, 40],
    ]);
    expect(s.baseline).toEqual({ tactic: 'today', health: 'today', gateway: 'default' });
    expect(s.tactics[0]).toEqual({ name: 'today', type: 4, params: { latencyThresholdMs: 1_500, comparisonMode: 'p95' } });
    expect(s.tactics.slice(1).map((t) => t.name)).toEqual(['token_based', 'random', 'latency_based', 'speed_based', 'adaptive', 'capacity_based']);
    expect(s.health.map((h) => h.name)).toEqual(['today', 'unconfigured', 'default', 'none']);
    expect(s.health[0]!.config).toEqual({ consecutiveErrorThreshold: 5, recoveryTimeoutSeconds: 60, probeEnabled: true });
    expect(yaml).toMatch(/^# Imported by lbsim import from config.json, rule gpt-4o\./);
    expect(yaml).toMatch(/# PLACEHOLDER: the workload below is not your traffic/);
    expect(warnings.join(' ')).toMatch(/2 service\(s\) have no fitted behaviour/);
  });

  it('reads the JSONL export, and imports a rule without a health_monitor block as unconfigured', () => {
    const s = load(importScenario(fixture('export.jsonl'), 'export.jsonl', { rule: '9a' }).yaml);
    expect(s.tactics[0]).toEqual({ name: 'today', type: 5, params: { minSamplesRequired: 10 } });
    expect(s.baseline).toMatchObject({ tactic: 'today', health: 'unconfigured' });
  });

  it('imports what upstream would run: a missing or unknown lb_tactic runs adaptive, and it says so', () => {
    const claude = importScenario(fixture('config.json'), 'config.json', { rule: 'claude' });
    expect(load(claude.yaml).tactics[0]).toMatchObject({ type: 6 });
    expect(claude.warnings.join(' ')).toMatch(/no lb_tactic: upstream runs adaptive \(while it displays token_based\)/);
    const odd = importScenario(fixture('export.jsonl'), 'export.jsonl', { rule: 'odd' });
    expect(load(odd.yaml).tactics[0]).toMatchObject({ type: 6 });
    expect(odd.warnings.join(' ')).toMatch(/lb_tactic type "Random" runs as adaptive upstream/);
  });

  it('takes provider behaviour from a calibrated services: block, matched by provider and model', () => {
    const services = 'services:\n  - { provider: openai, model: gpt-4o, concurrency: unlimited, ttft: 250ms, speed: 90 }\n';
    const { yaml, warnings } = importScenario(fixture('config.json'), 'config.json', { rule: 'gpt-4o', servicesYaml: services });
    const s = load(yaml);
    expect(s.services[0]!.behavior).toMatchObject({ ttftMs: { kind: 'constant', value: 250 }, tokensPerSecond: { kind: 'constant', value: 90 }, concurrency: Number.POSITIVE_INFINITY });
    expect(s.services[0]!.weight).toBe(3); // the rule's own settings win
    expect(warnings.join(' ')).toMatch(/1 service\(s\) have no fitted behaviour/);
  });

  it.each([
    ['{"rules": []}', {}, /has no rules/],
    [fixture('config.json'), {}, /has 2 rules: choose one with --rule.*gpt-4o \(7c1e2a40-0000-4000-8000-000000000001\), claude/],
    [fixture('config.json'), { rule: 'gpt-5' }, /no rule "gpt-5"; the rules are gpt-4o .*, claude/],
    ['{"rules": [{"request_model": "x", "services": []}]}', {}, /rule x has no services/],
    ['{"rules": [{"request_model": "x", "services": [{"model": "m"}]}]}', {}, /services\[0\]: provider is missing/],
    ['{"rules": [\n  {"request_model": "x",, }\n]}', {}, /not valid JSON at line 2, column/],
    ['{"type":"rule","request_model":"a","services":[{"provider":"p","model":"m"}]}\n{"type": oops}', {}, /line 2: not valid JSON/],
    ['{"servers": 1}', {}, /expected the gateway's config.json, an object with "rules"/],
  ] as const)('refuses bad configurations with what and where (%#)', (text, options, message) => {
    expect(() => importScenario(text, 'config.json', options)).toThrowError(ImportError);
    expect(() => importScenario(text, 'config.json', options)).toThrowError(message);
  });

  it('round trip: the recommended config, applied to the rule and imported again, has the recommended cell as its baseline', async () => {
    const config = JSON.parse(fixture('config.json'));
    const imported = load(importScenario(JSON.stringify(config), 'config.json', { rule: 'gpt-4o' }).yaml.replace("duration: 10m", "duration: 30s").replace('warmup: 30s', 'warmup: 0s'));
    const results = await runScenario({ ...imported, replications: 2, replicationMode: 'fixed', maxReplications: 2 }, { workers: 1, version: 'test' });
    for (const cell of ['latency_based|default|default', 'capacity_based|unconfigured|default', 'today|today|default']) {
      const rec = recommendedConfig({ ...results, recommendation: { ...results.recommendation!, cell } });
      const applied = {
        ...config,
        health_monitor: rec.health_monitor,
        rules: config.rules.map((r: { request_model: string }) => (r.request_model === 'gpt-4o' ? { ...r, lb_tactic: rec.rules[0]!.lb_tactic } : r)),
      };
      const again = load(importScenario(JSON.stringify(applied), 'applied.json', { rule: 'gpt-4o' }).yaml);
      const [tactic, health] = cell.split('|');
      const want = results.scenario;
      expect(again.tactics[0]!.type, cell).toBe(want.tactics.find((t) => t.name === tactic)!.type);
      expect(again.tactics[0]!.params, cell).toEqual(want.tactics.find((t) => t.name === tactic)!.params);
      const baselineHealth = again.health.find((h) => h.name === again.baseline.health)!.config;
      expect(baselineHealth, cell).toEqual(want.health.find((h) => h.name === health)!.config);
      expect(cellId(again.baseline.tactic, again.baseline.health, again.baseline.gateway)).toMatch(/^today\|(today|unconfigured)\|default$/);
    }
  });
});
