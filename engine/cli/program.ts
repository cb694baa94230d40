import { cpus, hostname } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { systemClock } from '../balancer/index.js';
import { configChangeLines, explainCell, explanationJsonl, type Explanation, mergeShards, recommendedConfig, runScenario, type Results, type Shard } from '../run/index.js';
import { loadScenarioFile, ScenarioError } from '../scenario/index.js';
import type { Scenario } from '../scenario/index.js';
import { type CalibrateOptions, calibrateCommand, importCommand, type ImportOptions as ImportCommandOptions, requestLogFormat, writeRequestLog } from './calibrate-command.js';
import { ExitCode, UsageError } from './errors.js';
import { compareGolden, formatGoldenChanges, type GoldenFile, goldenFromResults } from './golden.js';
import { exists, type Io, listDirectory, readText } from './io.js';
import { prepareOutputDirectory, writeFilesAtomically } from './output.js';
import { hasOverrides, loadWithOverrides, type Overrides } from './overrides.js';
import { defaultScenarioPath, lbsimVersion, scenariosDirectory } from './paths.js';
import { type Environment, reportError } from './report-error.js';
import { readResults } from './read-results.js';
import { explainedCell } from './explain-option.js';
import { scriptCommand } from './script-command.js';
import { expectationLines, replicationsText, summaryLines } from './summary.js';

/** What main calls outside the command line itself, so that a test can replace it (a run that fails, say). */
export interface Dependencies {
  /** Runs a scenario: the engine's runScenario. */
  runScenario: typeof runScenario;
  /** The environment variables (LBSIM_DEBUG): the process's. */
  env: Environment;
}

const FORMATS = ['html', 'json', 'csv', 'md'] as const;

/** The report renderers, loaded on first use: they pull in the vega runtimes, which `validate` and `list` do not need. */
type Reports = typeof import('../../reports/index.js');
let reportsModule: Reports | undefined;
async function reports(): Promise<Reports> {
  reportsModule ??= await import('../../reports/index.js');
  return reportsModule;
}
type Format = (typeof FORMATS)[number];

interface OutputOptions {
  out?: string;
  format: Format[];
  quiet?: boolean;
}

interface RunCommandOptions extends OutputOptions {
  // The scenario's own settings stay text here: they are checked by the scenario's rules (overrides.ts).
  seed?: string;
  replications?: string;
  tactics?: string;
  health?: string;
  gateway?: string;
  duration?: string;
  workers: number;
  shard?: Shard;
  checkGolden?: boolean;
  updateGolden?: boolean;
  requestLog?: string;
  logFormat?: string;
  explain?: string;
}

const integer = (name: string, min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
};
const list = (value: string): string[] => value.split(',').map((x) => x.trim()).filter((x) => x !== '');
const formats = (value: string): Format[] => {
  const chosen = list(value);
  if (chosen.length === 0) throw new InvalidArgumentError(`--format needs at least one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}`);
  for (const f of chosen) if (!(FORMATS as readonly string[]).includes(f)) throw new InvalidArgumentError(`unknown format ${JSON.stringify(f)}: choose from ${FORMATS.join(', ')}`);
  return chosen as Format[];
};
const shard = (value: string): Shard => {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(`--shard takes i/n with 1 <= i <= n, e.g. 2/4; got ${JSON.stringify(value)}`);
  return { index, count };
};

/**
 * Runs the command line with `argv` (no program name) and returns the exit code. Never throws.
 * `deps` replaces what it calls outside itself (tests only).
 */
export async function main(argv: readonly string[], io: Io, deps: Partial<Dependencies> = {}): Promise<number> {
  const use: Dependencies = { runScenario, env: process.env, ...deps };
  let code: number = ExitCode.Ok;
  const program = new Command('lbsim')
    .description('Compare an LLM gateway\'s load-balancing tactics and health settings in deterministic simulations.')
    .version(lbsimVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(s) })
    .showHelpAfterError('(run lbsim --help for usage)');

  const outputOptions = (cmd: Command): Command =>
    cmd
      .option('--out <dir>', 'output directory (default: reports/out/<scenario>/)')
      .addOption(new Option('--format <list>', 'outputs to write, any of html,json,csv,md').default([...FORMATS], 'html,json,csv,md').argParser(formats))
      .option('--quiet', 'print only errors and failed expectations');

  outputOptions(
    program
      .command('run')
      .description('run scenarios (the default scenario when none is given) and write reports')
      .argument('[files...]', 'scenario files (YAML)')
      .option('--seed <n>', 'scenario seed')
      .option('--replications <n>', 'replications per cell, or auto')
      .option('--tactics <list>', 'tactics to run (labels of the scenario or tactic names), comma-separated')
      .option('--health <list>', 'health settings to run (labels or unconfigured,default,none), comma-separated')
      .option('--gateway <list>', 'gateway variants to run (labels of the scenario), comma-separated')
      .option('--duration <d>', 'simulated duration, e.g. 5m (incidents are cut at the new end)')
      .option('--workers <n>', 'worker threads', integer('--workers', 1, 256), Math.max(1, Math.min(cpus().length, 8)))
      .option('--shard <i/n>', 'run only slice i of n of the cells (merge the slices with lbsim merge)', shard)
      .option('--check-golden', 'fail when any metric differs from the committed golden summary')
      .option('--update-golden', 'rewrite the golden summaries')
      .option('--request-log <file>', "also write every provider try of the baseline cell's first replication (.jsonl or .csv)")
      .option('--log-format <format>', 'format of --request-log: jsonl or csv (default: from its extension)')
      .option('--explain <cell>', "also write each selection of the cell's first replication (explain.jsonl) and explain it in the report: tactic|health or tactic=X health=Y"),
  ).action(async (files: string[], options: RunCommandOptions) => {
    code = await runCommand(files, options, io, use);
  });

  program
    .command('calibrate')
    .description('fit a services: block to a request log (JSON Lines or CSV), per provider:model')
    .argument('<log>', 'request log: provider, model, start_ms, status, latency_ms, ttft_ms, input_tokens, output_tokens, streaming')
    .option('--out <file>', 'write the services: block here (default: print it)')
    .option('--log-format <format>', 'jsonl or csv (default: from the extension)')
    .option('--quiet', 'print only errors')
    .action((file: string, options: CalibrateOptions) => {
      code = calibrateCommand(file, options, io);
    });

  program
    .command('import')
    .description("write a scenario for a rule of the gateway's config.json or JSONL export: today's tactic and health setting against every other")
    .argument('<config>', 'config.json (with rules and health_monitor) or a JSONL export ({"type":"rule", ...} lines)')
    .option('--rule <name>', 'the rule, by request_model or uuid (needed when there are several)')
    .option('--services <file>', 'provider behaviour: a services: block from lbsim calibrate')
    .option('--out <file>', 'write the scenario here (default: print it)')
    .option('--quiet', 'print only errors')
    .action((file: string, options: ImportCommandOptions) => {
      code = importCommand(file, options, io);
    });

  program
    .command('script')
    .description('run scripted scenarios (requests, clock advances, status sequences) and check each step')
    .argument('<files...>', 'script files (YAML)')
    .option('--quiet', 'print only failures')
    .action((files: string[], options: { quiet?: boolean }) => {
      code = scriptCommand(files, options, io);
    });

  program
    .command('validate')
    .description('check scenario files and report every problem')
    .argument('<files...>', 'scenario files (YAML)')
    .action((files: string[]) => {
      code = validateCommand(files, io);
    });

  program
    .command('list')
    .description('list the built-in scenarios')
    .action(() => {
      code = listCommand(io);
    });

  outputOptions(program.command('report').description('render reports from results files').argument('<results...>', 'results.json files')).action(
    async (files: string[], options: OutputOptions) => {
      code = await reportCommand(files, options, io);
    },
  );

  outputOptions(program.command('merge').description('join the results of shards into the results of one run').argument('<results...>', 'results.json of every shard')).action(
    async (files: string[], options: OutputOptions) => {
      code = await mergeCommand(files, options, io);
    },
  );

  program
    .command('bench')
    .description('run the benchmarks and write bench/results/latest.json')
    .option('--quick', 'smaller runs (a smoke test, not comparable figures)')
    .option('--require-targets', 'exit with 1 when a figure misses its target')
    .action(async (options: { quick?: boolean; requireTargets?: boolean }) => {
      const bench = await import('../../bench/run.js');
      const measurements = await bench.runBenchmarks(options.quick ? bench.QUICK : bench.FULL);
      const met = bench.report(measurements, io.out);
      code = met || !options.requireTargets ? ExitCode.Ok : ExitCode.ExpectationFailed;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io, use.env);
  }
}

/** Loads every file (with the overrides applied), reporting the problems of all of them at once. */
function loadScenarios(files: readonly string[], io: Io, overrides: Overrides = {}): Array<{ path: string; scenario: Scenario; skipped: string[] }> {
  const problems: string[] = [];
  const loaded: Array<{ path: string; scenario: Scenario; skipped: string[] }> = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    if (!exists(path)) {
      problems.push(`${file}: no such file`);
      continue;
    }
    try {
      loaded.push({ path, ...loadWithOverrides((edit) => loadScenarioFile(path, { readFile: readText }, edit), overrides) });
    } catch (error) {
      if (error instanceof ScenarioError) problems.push(error.message);
      else throw error;
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return loaded;
}

function validateCommand(files: readonly string[], io: Io): number {
  let failed = false;
  for (const file of files) {
    try {
      loadScenarios([file], io);
      io.out(`${file}: ok`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.err(error.message);
      failed = true;
    }
  }
  return failed ? ExitCode.BadInput : ExitCode.Ok;
}

function listCommand(io: Io): number {
  const dir = scenariosDirectory();
  for (const name of listDirectory(dir).filter((f) => extname(f) === '.yaml')) {
    const scenario = loadScenarioFile(join(dir, name), { readFile: readText });
    const question = scenario.question || scenario.description.split('\n')[0] || '';
    io.out(`${basename(name, '.yaml').padEnd(26)} ${question}`);
  }
  return ExitCode.Ok;
}

/** The path of a scenario file's golden summary: golden/<name>.json next to it. */
export function goldenPath(scenarioPath: string): string {
  return join(dirname(scenarioPath), 'golden', `${basename(scenarioPath, extname(scenarioPath))}.json`);
}

async function runCommand(files: string[], options: RunCommandOptions, io: Io, deps: Dependencies): Promise<number> {
  const paths = files.length > 0 ? files : [defaultScenarioPath()];
  const overrides: Overrides = { seed: options.seed, replications: options.replications, tactics: options.tactics, health: options.health, gateway: options.gateway, duration: options.duration };
  if ((options.checkGolden || options.updateGolden) && (hasOverrides(overrides) || options.shard)) {
    throw new UsageError('golden summaries are of the scenario as written: --check-golden and --update-golden take no --seed, --replications, --tactics, --health, --gateway, --duration or --shard');
  }
  const logFormat = options.requestLog === undefined ? undefined : requestLogFormat(options.requestLog, options.logFormat, '--request-log');
  for (const [option, given] of [['--request-log', options.requestLog], ['--explain', options.explain]] as const) {
    if (given !== undefined && (paths.length !== 1 || options.shard)) throw new UsageError(`${option} is about one run: give one scenario and no --shard`);
  }
  const loaded = loadScenarios(paths, io, overrides);
  const explained = options.explain === undefined ? undefined : explainedCell(loaded[0]!.scenario, options.explain);
  const version = lbsimVersion();
  const r = await reports();
  const outputs = outputDirectories(loaded.map((l) => l.scenario.name), options.out, io.cwd, r.scenarioSlugs);
  // Before any simulation: an unusable --out should not cost a whole run.
  for (const dir of outputs) prepareOutputDirectory(dir);
  let code: number = ExitCode.Ok;
  const all: Results[] = [];
  for (const [k, { path, scenario, skipped }] of loaded.entries()) {
    const started = systemClock.now();
    const bar = options.quiet || !io.progress.isTTY ? undefined : new SingleBar({ format: `${scenario.name.slice(0, 30)} [{bar}] {value}/{total} runs | {duration_formatted}`, stream: io.progress, hideCursor: true });
    bar?.start(1, 0);
    let results: Results;
    try {
      results = await deps.runScenario(scenario, { workers: options.workers, shard: options.shard, version, onProgress: (done, total) => (bar?.setTotal(total), bar?.update(done)) });
    } finally {
      bar?.stop();
    }
    const seconds = (systemClock.now() - started) / 1000;
    all.push(results);
    const dir = outputs[k]!;
    const runInfo = { startedAt: new Date(started).toISOString(), durationSeconds: seconds, host: hostname(), platform: `${process.platform} ${process.arch}`, node: process.version, cpus: cpus().length, workers: options.workers, lbsimVersion: version, scenarioFile: path, command: ['lbsim', 'run', ...files] };
    const explanation = explained === undefined ? undefined : explainCell(scenario, explained);
    const written = writeOutputs(r, results, dir, options.format, runInfo, explanation);
    if (!options.quiet) {
      const requests = results.cells.reduce((acc, c) => acc + c.replications.reduce((a, r) => a + r.totals.arrivals, 0), 0);
      io.out(`${scenario.name}: ${results.cells.length} cells x ${replicationsText(results)}, ${requests.toLocaleString('en-US')} requests simulated in ${seconds.toFixed(1)} s`);
      if (results.comparisons) {
        const [recommendation, statement, ...rest] = summaryLines(results);
        for (const line of [recommendation, statement]) if (line !== undefined) io.out(line);
        // the change to make, right under the recommendation
        for (const line of configChangeLines(results)) io.out(`    ${line}`);
        for (const line of rest) io.out(line);
      }
      for (const text of skipped) io.out(`  skipped expectation (its cells were not run): ${text}`);
    }
    const lines = expectationLines(results);
    if (results.expectations?.some((e) => !e.passed)) {
      code = ExitCode.ExpectationFailed;
      for (const line of lines) io.err(line);
    } else if (!options.quiet) for (const line of lines) io.out(line);
    if (options.updateGolden || options.checkGolden) code = Math.max(code, golden(path, results, options, io));
    if (logFormat !== undefined) written.push(writeRequestLog(scenario, options.requestLog!, logFormat, io));
    if (!options.quiet && written.length > 0) io.out(`  wrote ${written.map((f) => relative(io.cwd, f)).join(', ')}`);
  }
  if (all.length > 1 && !options.shard) {
    const top = options.out ? resolve(io.cwd, options.out) : resolve(io.cwd, 'reports', 'out');
    const files = [
      ...(options.format.includes('html') ? [{ path: join(top, 'overview.html'), content: r.renderOverviewHtml(all) }] : []),
      ...(options.format.includes('md') ? [{ path: join(top, 'summary.md'), content: r.renderCombinedSummaryMarkdown(all) }] : []),
    ];
    writeFilesAtomically(files);
    if (!options.quiet && files.length > 0) io.out(`wrote ${files.map((f) => relative(io.cwd, f.path)).join(', ')}`);
  }
  return code;
}

function golden(path: string, results: Results, options: RunCommandOptions, io: Io): number {
  const file = goldenPath(path);
  const fresh = goldenFromResults(results);
  if (options.updateGolden) {
    writeFilesAtomically([{ path: file, content: `${JSON.stringify(fresh, null, 2)}\n` }]);
    if (!options.quiet) io.out(`  golden: wrote ${relative(io.cwd, file)}`);
    return ExitCode.Ok;
  }
  if (!exists(file)) {
    io.err(`  golden: no golden summary at ${relative(io.cwd, file)}; run with --update-golden to create it`);
    return ExitCode.ExpectationFailed;
  }
  const changes = compareGolden(JSON.parse(readText(file)) as GoldenFile, fresh);
  if (changes.length === 0) {
    if (!options.quiet) io.out(`  golden: unchanged (${relative(io.cwd, file)})`);
    return ExitCode.Ok;
  }
  io.err(`  golden: ${changes.length} metric(s) moved against ${relative(io.cwd, file)}:\n${formatGoldenChanges(changes)}`);
  io.err('  (if the change is intended, run lbsim run --update-golden and commit the new golden files)');
  return ExitCode.ExpectationFailed;
}

/** One output directory per scenario: --out itself for one scenario, else <out>/<slug>/ (the overview links there). */
function outputDirectories(names: readonly string[], out: string | undefined, cwd: string, slugs: (names: readonly string[]) => string[]): string[] {
  if (out && names.length === 1) return [resolve(cwd, out)];
  const root = resolve(cwd, out ?? join('reports', 'out'));
  return slugs(names).map((slug) => join(root, slug));
}

function writeOutputs(r: Reports, results: Results, dir: string, chosen: readonly Format[], runInfo: Record<string, unknown> | undefined, explanation?: Explanation): string[] {
  const files: Array<{ path: string; content: string }> = explanation ? [{ path: join(dir, 'explain.jsonl'), content: explanationJsonl(explanation) }] : [];
  if (chosen.includes('json')) {
    files.push({ path: join(dir, 'results.json'), content: `${JSON.stringify(results, null, 1)}\n` });
    if (runInfo) files.push({ path: join(dir, 'run.json'), content: `${JSON.stringify(runInfo, null, 2)}\n` });
    if (!results.run.shard) files.push({ path: join(dir, 'recommended-config.json'), content: `${JSON.stringify(recommendedConfig(results), null, 2)}\n` });
  }
  if (chosen.includes('html')) files.push({ path: join(dir, 'report.html'), content: r.renderHtmlReport(results, { explanation }) });
  if (chosen.includes('md')) files.push({ path: join(dir, 'summary.md'), content: r.renderSummaryMarkdown(results) });
  if (chosen.includes('csv')) files.push({ path: join(dir, 'summary.csv'), content: r.renderSummaryCsv(results) });
  writeFilesAtomically(files);
  return files.map((f) => f.path);
}

async function reportCommand(files: readonly string[], options: OutputOptions, io: Io): Promise<number> {
  const all = readResults(files, io);
  const r = await reports();
  const dirs = files.length === 1 && !options.out ? [dirname(resolve(io.cwd, files[0]!))] : outputDirectories(all.map((x) => x.name), options.out, io.cwd, r.scenarioSlugs);
  const chosen = options.format.filter((f) => f !== 'json');
  for (const dir of dirs) prepareOutputDirectory(dir);
  all.forEach((results, k) => {
    const written = writeOutputs(r, results, dirs[k]!, chosen, undefined);
    if (!options.quiet) io.out(`${results.name}: wrote ${written.map((f) => relative(io.cwd, f)).join(', ')}`);
  });
  if (all.length > 1 && options.format.includes('html')) {
    const overview = join(resolve(io.cwd, options.out ?? join('reports', 'out')), 'overview.html');
    writeFilesAtomically([{ path: overview, content: r.renderOverviewHtml(all) }]);
    if (!options.quiet) io.out(`wrote ${relative(io.cwd, overview)}`);
  }
  return ExitCode.Ok;
}

async function mergeCommand(files: readonly string[], options: OutputOptions, io: Io): Promise<number> {
  const merged = mergeShards(readResults(files, io), files);
  const r = await reports();
  const dir = resolve(io.cwd, options.out ?? join('reports', 'out', r.scenarioSlug(merged.name)));
  prepareOutputDirectory(dir);
  const written = writeOutputs(r, merged, dir, options.format, undefined);
  if (!options.quiet) {
    io.out(`${merged.name}: merged ${files.length} shards, ${merged.cells.length} cells`);
    for (const line of summaryLines(merged)) io.out(line);
  }
  const lines = expectationLines(merged);
  const failed = merged.expectations?.some((e) => !e.passed) ?? false;
  for (const line of lines) (failed ? io.err : io.out)(line);
  if (!options.quiet) io.out(`  wrote ${written.map((f) => relative(io.cwd, f)).join(', ')}`);
  return failed ? ExitCode.ExpectationFailed : ExitCode.Ok;
}
