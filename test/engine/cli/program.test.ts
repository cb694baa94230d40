import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_OF_ERROR, ExitCode, exitCodeOf, UsageError } from '../../../engine/cli/errors.js';
import type { Io, ProgressStream } from '../../../engine/cli/io.js';
import { main, type Dependencies } from '../../../engine/cli/program.js';
import { MergeError, RunError } from '../../../engine/run/index.js';
import { ScenarioError } from '../../../engine/scenario/index.js';
import { SimulationLimitError } from '../../../engine/sim/index.js';
import { UnknownCellError } from '../../../engine/simulate.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TINY = join(ROOT, 'test', 'fixtures', 'e2e', 'tiny.yaml');
const scratch = (): string => mkdtempSync(join(tmpdir(), 'lbsim-cli-'));

/** An Io that records what the command line writes; `terminal` makes the progress stream a terminal. */
function recordingIo(terminal = false): { io: Io; out: string[]; err: string[]; progress: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const stream: ProgressStream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      progress.push(String(chunk));
      done();
    },
  });
  stream.isTTY = terminal;
  stream.columns = 100;
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), progress: stream, cwd: ROOT }, out, err, progress };
}

async function run(args: readonly string[], options: { terminal?: boolean; deps?: Partial<Dependencies> } = {}) {
  const r = recordingIo(options.terminal);
  const code = await main(args, r.io, { env: {}, ...options.deps });
  return { code, stdout: r.out.join('\n'), stderr: r.err.join('\n'), progress: r.progress.join('') };
}

const tinyRun = (...more: string[]) => ['run', TINY, '--workers', '1', '--format', 'json', '--out', scratch(), ...more];

describe('exit codes come from stable error codes', () => {
  it('maps each error class through its code', () => {
    const cases: Array<[unknown, string | undefined, number]> = [
      [new ScenarioError('x.yaml', []), 'SCENARIO_INVALID', 2],
      [new UsageError('bad'), 'USAGE', 2],
      [new UnknownCellError('no such cell'), 'UNKNOWN_CELL', 2],
      [new MergeError('shards differ'), 'MERGE_MISMATCH', 2],
      [new SimulationLimitError('maxEvents', 10, 5), 'SIM_LIMIT', 2],
      [new RunError('stopped in a worker', 'SIM_LIMIT', ''), 'SIM_LIMIT', 2],
      [new RunError('a worker failed', 'WORKER_FAILED', ''), 'WORKER_FAILED', 3],
      [new CommanderError(1, 'commander.unknownOption', 'unknown option'), 'commander.unknownOption', 2],
      [new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), 'commander.helpDisplayed', 0],
      [Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), 'EACCES', 2],
      [Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }), 'ENOENT', 3],
      [new Error('a bug'), undefined, 3],
      ['not even an Error', undefined, 3],
    ];
    for (const [error, code, exit] of cases) {
      expect((error as { code?: string }).code, String(error)).toBe(code);
      expect(exitCodeOf(error), String(error)).toBe(exit);
    }
  });

  it('promises only the exit codes 0 and 2 through the table; anything unlisted is 3', () => {
    expect(new Set(Object.values(EXIT_CODE_OF_ERROR))).toEqual(new Set([ExitCode.Ok, ExitCode.BadInput]));
    expect(exitCodeOf({ code: 'SOMETHING_NEW' })).toBe(ExitCode.Internal);
    expect(exitCodeOf({ code: 'toString' })).toBe(ExitCode.Internal);
  });
});

describe('lbsim run in-process', () => {
  it('draws the progress bar through the injected stream when it is a terminal', async () => {
    const r = await run(tinyRun(), { terminal: true });
    expect(r.code).toBe(0);
    expect(r.progress).toMatch(/tiny \[[^\]]*\] 12\/12 runs/);
    expect(r.stderr).toBe('');
  });

  it('draws no progress bar when the stream is not a terminal, or with --quiet', async () => {
    const plain = await run(tinyRun());
    expect(plain.code).toBe(0);
    expect(plain.progress).toBe('');
    const quiet = await run(tinyRun('--quiet'), { terminal: true });
    expect(quiet.code).toBe(0);
    expect(quiet.progress).toBe('');
  });

  it('exits with 3 for an internal error, asking for a report, without a stack trace unless LBSIM_DEBUG is set', async () => {
    const runScenario: Dependencies['runScenario'] = () => Promise.reject(new Error('injected fault'));
    const r = await run(tinyRun(), { deps: { runScenario } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lbsim: internal error: injected fault\n\(set LBSIM_DEBUG=1 for details, and please report it\)$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const debug = await run(tinyRun(), { deps: { runScenario, env: { LBSIM_DEBUG: '1' } } });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('exits with 2 for a simulation that hits its limits (SIM_LIMIT)', async () => {
    const runScenario: Dependencies['runScenario'] = () => Promise.reject(new RunError('simulation stopped after 10 events', 'SIM_LIMIT', 'stack'));
    const r = await run(tinyRun(), { deps: { runScenario } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('lbsim: simulation stopped after 10 events');
  });

  it('applies valid overrides', async () => {
    const out = scratch();
    const r = await run(['run', TINY, '--workers', '1', '--format', 'json', '--out', out, '--seed', '9', '--replications', '1', '--tactics', 'random,capacity_based', '--health', 'none', '--duration', '20s']);
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.run).toMatchObject({ seed: 9, replications: 1, cellCount: 2 });
  });

  it.each([
    [['--duration', '200h'], /tiny\.yaml: --duration: expected a duration > 0 and at most 168h \(7 days\), got "200h"/],
    [['--duration', '90'], /--duration: expected a duration with a unit .*add a unit/],
    [['--tactics', ','], /lbsim: --tactics: expected a comma-separated list/],
    [['--health', ','], /lbsim: --health: expected a comma-separated list/],
    [['--tactics', ' '], /lbsim: --tactics: expected a comma-separated list/],
    [['--tactics', 'fastest'], /--tactics: unknown tactic "fastest"/],
    [['--replications', 'many'], /--replications: expected a whole number from 1 to 1000, or auto, got "many"/],
    [['--seed', '-3'], /--seed: expected an integer from 0 to 4294967295, got -3/],
  ] as const)('exits with 2 for an override the scenario rules refuse: %j', async (args, message) => {
    const r = await run(tinyRun(...args));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('exits with 2 for a --duration that makes more than 10000 time-series buckets', async () => {
    const file = join(scratch(), 'fine.yaml');
    writeFileSync(file, readFileSync(TINY, 'utf8').replace('duration: 40s', 'duration: 40s\nbucket: 1s'));
    const r = await run(['run', file, '--workers', '1', '--format', 'json', '--out', scratch(), '--duration', '3h']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid scenario .*fine\.yaml with --duration 3h \(1 problem\)/);
    expect(r.stderr).toMatch(/bucket: expected a bucket of at least 1\.08s \(at most 10000 buckets over 3h\), got "1s"; it would make 10800 buckets/);
  });
});
