import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lbsim, ROOT, scratch } from './cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'e2e', 'tiny.yaml');
const read = (path: string): string => readFileSync(path, 'utf8');

describe('lbsim run', () => {
  it('runs a scenario and writes results, run metadata, report and summaries', async () => {
    const out = scratch();
    const r = await lbsim(['run', TINY, '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tiny: 6 cells x 2 replications/);
    expect(r.stdout).toMatch(/best success rate/);
    expect(r.stdout).toMatch(/expectations: 1 passed, 0 failed/);
    for (const file of ['results.json', 'run.json', 'recommended-config.json', 'report.html', 'summary.md', 'summary.csv']) expect(existsSync(join(out, file))).toBe(true);
    const results = JSON.parse(read(join(out, 'results.json')));
    expect(results).toMatchObject({ format: 'lbsim-results', version: 2, name: 'tiny', scenario: { summaryVersion: 1, name: 'tiny' } });
    const run = JSON.parse(read(join(out, 'run.json')));
    expect(Object.keys(run)).toEqual(expect.arrayContaining(['startedAt', 'durationSeconds', 'host']));
    expect(read(join(out, 'results.json'))).not.toContain(run.host);
    expect(readdirSync(out).filter((f) => f.startsWith('.lbsim-tmp'))).toEqual([]);
  });

  it('gives byte-identical results.json for --workers 1 and --workers 2', async () => {
    const [one, two] = [scratch(), scratch()];
    expect((await lbsim(['run', TINY, '--out', one, '--workers', '1', '--format', 'json'])).code).toBe(0);
    expect((await lbsim(['run', TINY, '--out', two, '--workers', '2', '--format', 'json'])).code).toBe(0);
    expect(read(join(two, 'results.json'))).toBe(read(join(one, 'results.json')));
  });

  it('merges 3 shards into exactly what one run gives', async () => {
    const whole = scratch();
    expect((await lbsim(['run', TINY, '--out', whole, '--format', 'json'])).code).toBe(0);
    const shards = [scratch(), scratch(), scratch()];
    for (const [i, dir] of shards.entries()) {
      const r = await lbsim(['run', TINY, '--out', dir, '--format', 'json', '--shard', `${i + 1}/3`]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/expectations: not checked/);
    }
    const merged = scratch();
    const m = await lbsim(['merge', ...shards.map((d) => join(d, 'results.json')), '--out', merged, '--format', 'json,md']);
    expect(m.code).toBe(0);
    expect(read(join(merged, 'results.json'))).toBe(read(join(whole, 'results.json')));
    expect(existsSync(join(merged, 'summary.md'))).toBe(true);
  });

  it('applies --seed, --replications, --tactics, --health and --duration', async () => {
    const out = scratch();
    const r = await lbsim(['run', TINY, '--out', out, '--format', 'json', '--seed', '9', '--replications', '3', '--tactics', 'random,capacity_based', '--health', 'none', '--duration', '20s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped expectation/);
    const results = JSON.parse(read(join(out, 'results.json')));
    expect(results.run).toMatchObject({ seed: 9, replications: 3, cellCount: 2 });
    expect(results.cells.map((c: { id: string }) => c.id)).toEqual(['random|none|default', 'capacity_based|none|default']);
    expect(results.scenario.durationMs).toBe(20_000);
  });

  it('runs replications: auto, says what each cell ran, and shows the recommendation of the engine in every output', async () => {
    const out = scratch();
    const r = await lbsim(['run', TINY, '--out', out, '--replications', 'auto', '--workers', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(read(join(out, 'results.json')));
    const counts: number[] = results.cells.map((c: { replications: unknown[] }) => c.replications.length);
    const [least, most] = [Math.min(...counts), Math.max(...counts)];
    expect(least).toBe(5); // the first stage
    expect(results.recommendation.replications).toMatchObject({ mode: 'auto', firstStage: 5, max: 30 });
    const perCell = least === most ? `${most} replications` : `${least} to ${most} replications`;
    expect(r.stdout).toContain(`tiny: 6 cells x ${perCell} (auto`);
    expect(read(join(out, 'summary.md'))).toContain(`6 cells, ${perCell} (auto: a first stage of 5 for every cell`);
    const statement: string = results.recommendation.statement;
    expect(r.stdout).toContain(statement);
    expect(read(join(out, 'summary.md'))).toContain(statement);
    expect(read(join(out, 'report.html'))).toContain(statement.replace(/'/g, '&#39;'));
    // a fixed count on the command line replaces auto and its settings
    const fixed = scratch();
    const f = await lbsim(['run', TINY, '--out', fixed, '--format', 'json', '--replications', '3']);
    expect(f.code).toBe(0);
    expect(JSON.parse(read(join(fixed, 'results.json'))).scenario).toMatchObject({ replicationMode: 'fixed', replications: 3 });
  });

  it.each(['azure', 'burstgpt', 'mooncake'])('replays a trace in the %s layout', async (format) => {
    const out = scratch();
    const r = await lbsim(['run', join(ROOT, 'test', 'fixtures', 'valid', `trace-${format}.yaml`), '--out', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(read(join(out, 'results.json')));
    const rows = read(join(ROOT, 'test', 'fixtures', 'traces', format === 'azure' ? 'azure-code.csv' : format === 'burstgpt' ? 'burstgpt.csv' : 'mooncake.jsonl')).trim().split('\n').length - (format === 'mooncake' ? 0 : 1);
    for (const cell of results.cells) for (const rep of cell.replications) expect(rep.totals.arrivals).toBe(rows);
  });

  it('writes a request log with --request-log, which lbsim calibrate fits into a services: block that runs', async () => {
    const out = scratch();
    const log = join(out, 'tries.csv');
    const r = await lbsim(['run', TINY, '--out', out, '--format', 'json', '--request-log', log]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(log).split('\n')[0]).toBe('provider,model,start_ms,status,latency_ms,ttft_ms,input_tokens,output_tokens,streaming');
    const services = join(out, 'services.yaml');
    const c = await lbsim(['calibrate', log, '--out', services]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/a:m: \d+ rows/);
    expect(c.stdout).toMatch(/ttft_ms +worst gap between fitted and observed/);
    // pasted into a scenario, the block runs
    const scenario = join(out, 'fitted.yaml');
    writeFileSync(scenario, `name: fitted\nduration: 20s\nreplications: 1\nworkload: { arrivals: { process: poisson, rate: 5/s } }\n${read(services)}compare: { tactics: [random], health: [none] }\n`);
    expect((await lbsim(['run', scenario, '--out', scratch(), '--format', 'json'])).code).toBe(0);
    // bad rows: exit 2, each named by its line, nothing written
    const bad = join(out, 'bad.jsonl');
    writeFileSync(bad, '{"provider": "a", "model": "m", "start_ms": 0, "status": 200, "latency_ms": 5, "ttft_ms": 9, "input_tokens": 1, "output_tokens": 1, "streaming": true}\nnope\n');
    const b = await lbsim(['calibrate', bad, '--out', join(out, 'never.yaml')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/line 1: ttft_ms \(9\) is after the end of the try.*line 2: not valid JSON/);
    expect(b.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'never.yaml'))).toBe(false);
    expect((await lbsim(['run', TINY, TINY, '--request-log', join(out, 'x.jsonl')])).code).toBe(2);
    expect((await lbsim(['calibrate', join(out, 'tries.txt')])).stderr).toMatch(/cannot tell the format/);
  });

  it('explains a cell with --explain: explain.jsonl of its first replication and a report section; a cell that is not there is exit 2, nothing written', async () => {
    const out = scratch();
    const r = await lbsim(['run', TINY, '--out', out, '--explain', 'tactic=adaptive health=default']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('explain.jsonl');
    const lines = read(join(out, 'explain.jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'explain', scenario: 'tiny', cell: 'adaptive|default|default', replication: 0 });
    expect(lines.length - 1).toBe(lines[0]!['selections']);
    expect(lines[1]).toMatchObject({ type: 'selection', reading: 'score (weighted_sum, highest wins)' });
    expect(read(join(out, 'report.html'))).toContain('<h2>Explained: adaptive · default</h2>');
    // the same cell named as the results name it, and as the report does
    for (const name of ['adaptive|default|default', 'adaptive|default', 'adaptive · default']) {
      const again = scratch();
      expect((await lbsim(['run', TINY, '--out', again, '--format', 'json', '--explain', name])).code, name).toBe(0);
      expect(read(join(again, 'explain.jsonl')), name).toBe(read(join(out, 'explain.jsonl')));
    }
    const none = scratch();
    const bad = await lbsim(['run', TINY, '--out', none, '--explain', 'adaptive|defualt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--explain: no cell "adaptive|defualt" in tiny; did you mean adaptive|default|default?');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(none)).toEqual([]);
    expect((await lbsim(['run', TINY, TINY, '--explain', 'random|default'])).stderr).toContain('--explain is about one run');
  });

  it('imports a rule of the gateway configuration into a scenario that runs, and refuses a bad one with exit 2', async () => {
    const out = scratch();
    const config = join(ROOT, 'test', 'fixtures', 'gateway', 'config.json');
    const r = await lbsim(['import', config, '--rule', 'gpt-4o', '--out', join(out, 'gpt-4o.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/note: 2 service\(s\) have no fitted behaviour/);
    expect(r.stdout).toMatch(/wrote .*gpt-4o.yaml \(set its workload/);
    expect((await lbsim(['validate', join(out, 'gpt-4o.yaml')])).code).toBe(0);
    const bad = await lbsim(['import', config, '--out', join(out, 'never.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has 2 rules: choose one with --rule/);
    expect(existsSync(join(out, 'never.yaml'))).toBe(false);
  });

  it('writes to reports/out/<scenario>/ by default and an overview for several scenarios', async () => {
    const cwd = scratch();
    const two = join(cwd, 'two.yaml');
    writeFileSync(two, read(TINY).replace('name: tiny', 'name: "Tiny <two> & co"'));
    // the second one fails an expectation: it comes first in the combined summary
    writeFileSync(two, read(TINY).replace('name: tiny', 'name: "Tiny <two> & co"').replace('at_least: 0.5 }', 'at_least: 0.9999 }'));
    const r = await lbsim(['run', TINY, two, '--format', 'html,json,md', '--quiet'], { cwd });
    expect(r.code).toBe(1);
    expect(existsSync(join(cwd, 'reports', 'out', 'tiny', 'report.html'))).toBe(true);
    expect(existsSync(join(cwd, 'reports', 'out', 'tiny-two-co', 'results.json'))).toBe(true);
    expect(existsSync(join(cwd, 'reports', 'out', 'overview.html'))).toBe(true);
    const combined = read(join(cwd, 'reports', 'out', 'summary.md'));
    expect(combined).toMatch(/^## lbsim: 2 scenarios\n/);
    const rows = combined.split('\n').filter((l) => /^\| Tiny|^\| tiny/.test(l));
    expect(rows[0]).toMatch(/^\| Tiny &lt;two&gt; &amp; co \| .* \| ❌ 1 of 1 failed \|$/);
    expect(rows[1]).toMatch(/^\| tiny \| .* \| ✅ 1 passed \|$/);
    expect(combined.indexOf('### lbsim: Tiny')).toBeLessThan(combined.indexOf('### lbsim: tiny'));
    expect(combined).toMatch(/> \[!CAUTION\]\n> 1 of 1 expectations failed: success\\_rate &gt;= 0.9999 where health=default\./);
  });

  it('re-renders reports from results with lbsim report', async () => {
    const out = scratch();
    await lbsim(['run', TINY, '--out', out, '--format', 'json']);
    const r = await lbsim(['report', join(out, 'results.json'), '--format', 'html,md']);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);
  });
});

describe('exit codes', () => {
  it('1 when an expectation fails, naming it on stderr', async () => {
    const r = await lbsim(['run', join(ROOT, 'test', 'fixtures', 'e2e', 'failing-expect.yaml'), '--out', scratch(), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAIL latency_p95_ms <= 1/);
  });

  it.each([
    [['run', 'no-such-file.yaml'], /no-such-file\.yaml: no such file/],
    [['run', TINY, '--shard', '4/3'], /--shard takes i\/n/],
    [['run', TINY, '--replications', 'many'], /--replications: expected a whole number from 1 to 1000, or auto, got "many"/],
    [['run', TINY, '--format', 'pdf'], /unknown format "pdf"/],
    [['run', TINY, '--tactics', 'fastest'], /unknown tactic "fastest"/],
    [['run', TINY, '--duration', '90'], /--duration: expected a duration with a unit/],
    [['run', TINY, '--duration', '200h'], /--duration: expected a duration > 0 and at most 168h/],
    [['run', TINY, '--tactics', ','], /--tactics: expected a comma-separated list/],
    [['run', TINY, '--health', ','], /--health: expected a comma-separated list/],
    [['run', TINY, '--tactics', ' '], /--tactics: expected a comma-separated list/],
    [['run', TINY, '--frobnicate'], /unknown option '--frobnicate'/],
    [['report', 'missing.json'], /missing\.json: no such file/],
    [['merge', TINY], /not valid JSON/],
    [['validate', join(ROOT, 'test', 'fixtures', 'malformed', 'empty-services.yaml')], /services/],
  ] as const)('2 for bad input: %j', async (args, message) => {
    const r = await lbsim(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('2 when a run exceeds its simulation limits, with the typed limit error', async () => {
    for (const workers of ['1', '2']) {
      const r = await lbsim(['run', join(ROOT, 'test', 'fixtures', 'e2e', 'runaway.yaml'), '--format', 'json', '--out', scratch(), '--workers', workers, '--replications', '2']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/simulation stopped after 1000 events .*raise limits\.max_events/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('2 when the output directory cannot be written, and nothing half-written is left', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'taken'), 'a file, not a directory');
    const r = await lbsim(['run', TINY, '--format', 'json', '--out', join(dir, 'taken', 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*taken is a file, so no directory can be made under it/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  // Exit code 3 (an internal error) needs a fault inside lbsim, which only an in-process test can
  // inject: see test/engine/cli/program.test.ts.

  it('0 for --help, --version, list and validate of good files', async () => {
    expect((await lbsim(['--help'])).code).toBe(0);
    expect((await lbsim(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const list = await lbsim(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^default\s/m);
    const validate = await lbsim(['validate', TINY]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/tiny\.yaml: ok/);
  });
});
