import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './measure.js';
import { balancerSuite } from './suites/balancer.js';
import { simulationSuite } from './suites/simulation.js';
import { sweepSuite } from './suites/sweep.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs from dist/bench/). */
export const ROOT = join(here, '..', '..');
/** Where `npm run bench` writes its figures. */
export const LATEST = join(ROOT, 'bench', 'results', 'latest.json');

/** Targets from the issues: a figure must be at least `min` (or at most `max`). */
export const TARGETS: Readonly<Record<string, { min?: number; max?: number }>> = {
  'sim.requestsPerSecond': { min: 500_000 },
  'ratio.simToKernel': { min: 0.05 },
  'balancer.randomSelectPerSecond': { min: 5_000_000 },
  'balancer.recordLatencyPerSecond': { min: 2_000_000 },
  'memory.peakRssMiB10M': { max: 1_024 },
  'sweep.librarySeconds': { max: 120 },
};

/** What to run. */
export interface BenchOptions {
  /** Requests of each whole-simulation run. */
  simRequests: number;
  /** Requests of the memory run. */
  memoryRequests: number;
  /** Whether to time the whole built-in library. */
  sweep: boolean;
}

/** The default figures: 1,000,000-request simulations and the 10-million-request memory run. */
export const FULL: BenchOptions = { simRequests: 1_000_000, memoryRequests: 10_000_000, sweep: true };
/** A smoke run: small simulations, figures not comparable with FULL. */
export const QUICK: BenchOptions = { simRequests: 100_000, memoryRequests: 200_000, sweep: false };

/** Peak resident memory of one run of `requests` requests, in its own process, in MiB. */
function peakRssMiB(requests: number): number {
  const out = execFileSync(process.execPath, [join(here, 'memory-run.js'), String(requests)], { encoding: 'utf8' });
  return (JSON.parse(out) as { peakRssMiB: number }).peakRssMiB;
}

/** Runs every suite and returns the measurements. */
export async function runBenchmarks(options: BenchOptions = FULL): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  measurements.push(...(await balancerSuite()));
  measurements.push(...simulationSuite(options.simRequests, (tactic, requests) => JSON.parse(execFileSync(process.execPath, [join(here, 'sim-run.js'), tactic, String(requests)], { encoding: 'utf8' }))));
  measurements.push({ name: options.memoryRequests === 10_000_000 ? 'memory.peakRssMiB10M' : `memory.peakRssMiB.${options.memoryRequests}`, value: peakRssMiB(options.memoryRequests), unit: 'MiB' });
  if (options.sweep) measurements.push(...(await sweepSuite(ROOT)));
  return measurements;
}

function format(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(4);
}

/** Figures named `<group>.<key>` under a nested group (`sim.requestsPerSecondByTactic`) become one object. */
const NESTED_GROUPS = ['sim.requestsPerSecondByTactic'];

/** The figures of latest.json: name -> value, with nested groups as objects. */
export function nestFigures(measurements: readonly Measurement[]): Record<string, number | Record<string, number>> {
  const figures: Record<string, number | Record<string, number>> = {};
  for (const m of measurements) {
    const group = NESTED_GROUPS.find((g) => m.name.startsWith(`${g}.`));
    if (group) {
      const inner = (figures[group] ??= {}) as Record<string, number>;
      inner[m.name.slice(group.length + 1)] = m.value;
    } else figures[m.name] = m.value;
  }
  return figures;
}

/** Whether a measurement meets its target ('' when it has none). */
export function verdict(m: Measurement): '' | 'ok' | 'MISSED' {
  const target = TARGETS[m.name];
  if (!target) return '';
  const ok = (target.min === undefined || m.value >= target.min) && (target.max === undefined || m.value <= target.max);
  return ok ? 'ok' : 'MISSED';
}

/** Prints the table and writes latest.json; returns false when a target was missed. */
export function report(measurements: readonly Measurement[], write: (line: string) => void = console.log): boolean {
  const rows = measurements.map((m) => {
    const target = TARGETS[m.name];
    const bound = !target ? '' : target.min !== undefined ? `>= ${format(target.min)}` : `<= ${format(target.max!)}`;
    return { figure: m.name, value: format(m.value), unit: m.unit, '±%': m.rmePercent?.toFixed(1) ?? '', target: bound, verdict: verdict(m) };
  });
  console.table(rows);
  mkdirSync(dirname(LATEST), { recursive: true });
  const body = { version: 1, machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version }, figures: nestFigures(measurements), units: Object.fromEntries(measurements.map((m) => [m.name, m.unit])) };
  writeFileSync(`${LATEST}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${LATEST}.tmp`, LATEST);
  write(`wrote ${LATEST}`);
  return rows.every((r) => r.verdict !== 'MISSED');
}

// Run directly: `node dist/bench/run.js [--quick] [--require-targets]`. Targets are absolute
// figures for this project's reference machine, so missing one fails only with --require-targets;
// regressions are caught by bench:check, which compares figures normalised within one run.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  const measurements = await runBenchmarks(quick ? QUICK : FULL);
  if (!report(measurements) && process.argv.includes('--require-targets')) process.exitCode = 1;
}
