import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/cli/errors.js';
import { hasOverrides, loadWithOverrides, overridesText, type Overrides } from '../../../engine/cli/overrides.js';
import { parseScenario, ScenarioError, type ScenarioIssue } from '../../../engine/scenario/index.js';

const BASE = `name: overrides
duration: 60s
warmup: 5s
workload: { arrivals: { process: poisson, rate: 5/s } }
services:
  - provider: a
    model: m
    incidents:
      - { kind: down, start: 10s, duration: 30s }
      - { kind: slow, factor: 2, start: 50s, duration: 5s }
compare:
  tactics: [random, { tactic: latency_based, name: lat, params: { comparison_mode: p95 } }]
  health: [none]
  baseline: { tactic: lat }
expect:
  - { metric: success_rate, where: { tactic: lat }, at_least: 0.5 }
  - { metric: success_rate, where: { tactic: random }, better_than: { tactic: lat } }
  - { metric: success_rate, at_least: 0.1 }
`;

const load = (o: Overrides, text = BASE) => loadWithOverrides((edit) => parseScenario(text, { sourceName: 'overrides.yaml', edit }), o);

/** The ScenarioError loading with `o` throws. */
function refused(o: Overrides, text = BASE): ScenarioError {
  try {
    load(o, text);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the overrides were accepted');
}

const paths = (issues: readonly ScenarioIssue[]) => issues.map((i) => i.path);

describe('command-line overrides', () => {
  it('knows when there are none, and shows them as typed', () => {
    expect(hasOverrides({})).toBe(false);
    expect(hasOverrides({ seed: '0' })).toBe(true);
    expect(overridesText({ duration: '20s', seed: '9', tactics: 'random,lat' })).toBe('--seed 9 --tactics random,lat --duration 20s');
    expect(overridesText({ tactics: ' ' })).toBe('--tactics " "');
  });

  it('without overrides, the scenario is the file as written', () => {
    expect(load({})).toEqual({ scenario: parseScenario(BASE, { sourceName: 'overrides.yaml' }), skipped: [] });
  });

  it('sets seed and replications', () => {
    const { scenario: s } = load({ seed: '42', replications: '9' });
    expect([s.seed, s.replications]).toEqual([42, 9]);
  });

  it('keeps the named tactics (adding known tactic names), moves the baseline and skips expectations on cells not run', () => {
    const { scenario: s, skipped } = load({ tactics: 'random,adaptive', health: 'default' });
    expect(s.tactics.map((t) => t.name)).toEqual(['random', 'adaptive']);
    expect(s.health.map((h) => h.name)).toEqual(['default']);
    expect(s.baseline).toEqual({ tactic: 'random', health: 'default', gateway: 'default' });
    expect(s.expect.map((e) => e.text)).toEqual(['success_rate >= 0.1']);
    expect(skipped).toEqual(['success_rate >= 0.5 where tactic=lat', 'success_rate of tactic=random better than tactic=lat']);
  });

  it("keeps a tactic entry's own parameters and the baseline when it is still run", () => {
    const { scenario: s, skipped } = load({ tactics: 'lat,random' });
    expect(s.tactics).toEqual(parseScenario(BASE, { sourceName: 'x' }).tactics.slice().reverse());
    expect(s.baseline.tactic).toBe('lat');
    expect(skipped).toEqual([]);
  });

  it('keeps a baseline the file left to the first label where it was', () => {
    const { scenario: s } = load({ tactics: 'adaptive,random' }, BASE.replace('  baseline: { tactic: lat }\n', ''));
    expect(s.baseline.tactic).toBe('random');
  });

  it('refuses unknown names, repeated names and empty lists as usage errors naming the option', () => {
    expect(() => load({ tactics: 'fastest' })).toThrow(UsageError);
    expect(() => load({ tactics: 'fastest' })).toThrow(/^--tactics: unknown tactic "fastest": expected a tactic label of the scenario \(random, lat\) or a built-in name/);
    expect(() => load({ health: 'strict' })).toThrow(/^--health: unknown health setting "strict"/);
    expect(() => load({ tactics: 'random,random' })).toThrow(/^--tactics: "random" is named twice/);
    for (const [option, text] of [['tactics', ','], ['health', ','], ['tactics', ' '], ['health', '']] as const) {
      expect(() => load({ [option]: text }), `${option} ${JSON.stringify(text)}`).toThrow(new RegExp(`^--${option}: expected a comma-separated list`));
    }
  });

  it('suggests the nearest name for a typo', () => {
    expect(() => load({ tactics: 'ranodm' })).toThrow(/^--tactics: unknown tactic "ranodm" \(did you mean "random"\?\)/);
    expect(() => load({ health: 'defualt' })).toThrow(/\(did you mean "default"\?\)/);
  });

  it('keeps the named gateway variants, moves the baseline and skips expectations on variants not run', () => {
    const text = BASE.replace('  baseline: { tactic: lat }', '  gateway: [{ name: plain }, { name: failover, max_attempts: 2, exclude_tried: true }]\n  baseline: { tactic: lat, gateway: plain }').replace(
      "  - { metric: success_rate, at_least: 0.1 }",
      "  - { metric: success_rate, at_least: 0.1 }\n  - { metric: success_rate, where: { gateway: failover }, better_than: { gateway: plain } }",
    );
    const { scenario, skipped } = load({ gateway: 'failover' }, text);
    expect(scenario.gatewayVariants.map((g) => g.name)).toEqual(['failover']);
    expect(scenario.baseline.gateway).toBe('failover');
    expect(skipped).toEqual(['success_rate of gateway=failover better than gateway=plain']);
    expect(() => load({ gateway: 'failovr' }, text)).toThrow(/^--gateway: unknown gateway variant "failovr" \(did you mean "failover"\?\): expected a gateway variant label of the scenario \(plain, failover\)$/);
    // without compare.gateway the scenario's own gateway is its one variant
    expect(load({ gateway: 'default' }).scenario.gatewayVariants.map((g) => g.name)).toEqual(['default']);
  });

  it('a shorter duration cuts incidents at the new end and drops those after it', () => {
    const { scenario: s } = load({ duration: '20s' });
    expect(s.durationMs).toBe(20_000);
    expect(s.services[0]!.behavior.incidents).toEqual([{ kind: 'down', status: 503, inFlight: 'cut', startMs: 10_000, durationMs: 10_000 }]);
    // The defaults that follow the duration follow the new one.
    expect(s.limits.maxSimulatedMs).toBe(20 * 20_000 + 3_600_000);
    expect(s.bucketMs).toBe(1_000);
  });

  it('holds the duration to the rules of the format, naming --duration', () => {
    const tooLong = refused({ duration: '200h' });
    expect(tooLong.issues).toEqual([expect.objectContaining({ path: '--duration', message: 'expected a duration > 0 and at most 168h (7 days), got "200h"' })]);
    expect(tooLong.issues[0]!.line).toBeUndefined();
    expect(tooLong.message).toMatch(/^invalid scenario overrides\.yaml with --duration 200h \(1 problem\):\n {2}overrides\.yaml: --duration: expected/);
    expect(paths(refused({ duration: '90' }).issues)).toEqual(['--duration']);
    expect(refused({ duration: '90' }).issues[0]!.message).toMatch(/add a unit/);
    expect(paths(refused({ duration: '0s' }).issues)).toEqual(['--duration']);
  });

  it('holds the other rules that depend on the duration: the warm-up and the bucket count', () => {
    const warmup = refused({ duration: '5s' });
    expect(warmup.issues).toEqual([expect.objectContaining({ path: 'warmup', message: 'expected a warmup shorter than the duration (5s), got "5s"', line: 3 })]);
    expect(warmup.message).toMatch(/with --duration 5s/);
    const fine = BASE.replace('warmup: 5s\n', 'warmup: 5s\nbucket: 1s\n');
    expect(load({ duration: '2h' }, fine).scenario.bucketMs).toBe(1_000);
    const buckets = refused({ duration: '3h' }, fine);
    expect(buckets.issues).toEqual([expect.objectContaining({ path: 'bucket', message: expect.stringMatching(/^expected a bucket of at least 1\.08s \(at most 10000 buckets over 3h\), got "1s"; it would make 10800 buckets$/) })]);
  });

  it('holds seed and replications to the rules of the format, naming the option', () => {
    const issue = (o: Overrides) => refused(o).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issue({ seed: '-1' })).toEqual(['--seed: expected an integer from 0 to 4294967295, got -1']);
    expect(issue({ seed: '1.5' })).toEqual(['--seed: expected an integer from 0 to 4294967295, got 1.5; it must be a whole number']);
    expect(issue({ replications: '0' })).toEqual(['--replications: expected an integer from 1 to 1000, got 0']);
    expect(issue({ replications: 'many' })).toEqual(['--replications: expected a whole number from 1 to 1000, or auto, got "many"']);
    expect(issue({ seed: '1e400' })).toEqual(['--seed: expected an integer from 0 to 4294967295, got "1e400"']);
  });

  it('reports every problem of the overridden scenario at once', () => {
    expect(paths(refused({ seed: '-1', replications: '0', duration: '200h' }).issues)).toEqual(['--seed', '--duration', '--replications']);
  });

  it('still refuses a file that is invalid as written, at its own position', () => {
    const error = refused({ seed: '3' }, BASE.replace('rate: 5/s', 'rate: 5'));
    expect(error.issues).toEqual([expect.objectContaining({ path: 'workload.arrivals.rate', line: 4 })]);
    expect(error.message).not.toMatch(/with --seed/);
  });
});
