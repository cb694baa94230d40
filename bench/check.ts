import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LATEST, ROOT } from './run.js';

/** The committed reference figures. */
export const BASELINE = join(ROOT, 'bench', 'baseline.json');

/** A figures file as `npm run bench` writes it. */
export interface FiguresFile {
  version: number;
  machine?: Record<string, unknown>;
  figures: Record<string, number | Record<string, number>>;
  units: Record<string, string>;
}

/** One row of the comparison. */
export interface CheckRow {
  figure: string;
  unit: string;
  baseline: number;
  latest: number;
  /** Baseline and latest in machine-independent units (see `normalise`). */
  baselineNormalised: number;
  latestNormalised: number;
  /** Relative change of the normalised figure, positive = better. */
  change: number;
  worse: boolean;
}

/** The kernel's bare event rate: every figure is divided (or, for times, multiplied) by it. */
const NORMALISER = 'kernel.eventsPerSecond';
/** Counts that describe the work, not its speed. */
const NOT_CHECKED = new Set([NORMALISER, 'sweep.libraryRuns']);

/** Flattens nested figure groups back to `<group>.<key>` names. */
export function flatten(figures: FiguresFile['figures']): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value === 'number') flat[name] = value;
    else for (const [key, inner] of Object.entries(value)) flat[`${name}.${key}`] = inner;
  }
  return flat;
}

/**
 * A figure in units that do not depend on the machine's speed: rates divided by the kernel's
 * event rate of the same run, times multiplied by it; memory and ratios as they are. Returns
 * whether higher is better.
 */
export function normalise(value: number, unit: string, kernel: number): { value: number; higherIsBetter: boolean } {
  if (unit.endsWith('/s')) return { value: value / kernel, higherIsBetter: true };
  if (unit === 's') return { value: value * kernel, higherIsBetter: false };
  if (unit === 'MiB') return { value, higherIsBetter: false };
  return { value, higherIsBetter: true };
}

/** Compares latest figures with the baseline; a figure is worse when its normalised value lost more than `margin`. */
export function compareFigures(baseline: FiguresFile, latest: FiguresFile, margin: number): CheckRow[] {
  const b = flatten(baseline.figures);
  const l = flatten(latest.figures);
  const kernelBefore = b[NORMALISER];
  const kernelAfter = l[NORMALISER];
  if (!kernelBefore || !kernelAfter) throw new Error(`both files need ${NORMALISER} to normalise the figures`);
  const rows: CheckRow[] = [];
  for (const figure of Object.keys(b)) {
    if (NOT_CHECKED.has(figure) || l[figure] === undefined) continue;
    const unit = baseline.units[figure] ?? latest.units[figure] ?? '';
    const before = normalise(b[figure]!, unit, kernelBefore);
    const after = normalise(l[figure]!, unit, kernelAfter);
    const change = before.higherIsBetter ? after.value / before.value - 1 : before.value / after.value - 1;
    rows.push({ figure, unit, baseline: b[figure]!, latest: l[figure]!, baselineNormalised: before.value, latestNormalised: after.value, change, worse: change < -margin });
  }
  return rows;
}

const fmt = (x: number): string => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4));

/** The before/after table. */
export function formatRows(rows: readonly CheckRow[], margin: number): string {
  const lines = [`${'figure'.padEnd(48)} ${'baseline'.padStart(14)} ${'latest'.padStart(14)} ${'normalised change'.padStart(18)}  verdict (margin ${(margin * 100).toFixed(0)}%)`];
  for (const r of rows) {
    const change = `${r.change >= 0 ? '+' : ''}${(r.change * 100).toFixed(1)}%`;
    lines.push(`${r.figure.padEnd(48)} ${fmt(r.baseline).padStart(14)} ${fmt(r.latest).padStart(14)} ${change.padStart(18)}  ${r.worse ? 'WORSE' : 'ok'}`);
  }
  return lines.join('\n');
}

function readFigures(path: string, hint: string): FiguresFile {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  return JSON.parse(readFileSync(path, 'utf8')) as FiguresFile;
}

// `node dist/bench/check.js [--margin 0.3] [--advisory] [--update]`. With --advisory the table and
// the verdicts are printed but a worse figure does not fail: for machines other than the one the
// baseline was measured on, where a timing must not decide a build.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args.includes('--update')) {
    readFigures(LATEST, 'run `npm run bench` first');
    copyFileSync(LATEST, BASELINE);
    console.log(`bench: ${BASELINE} now holds the figures of ${LATEST}; commit it`);
  } else {
    const at = args.indexOf('--margin');
    const margin = at >= 0 ? Number(args[at + 1]) : Number(process.env['BENCH_MARGIN'] ?? 0.3);
    if (!(margin > 0 && margin < 1)) {
      console.error(`bench:check: --margin takes a fraction in (0, 1), got ${args[at + 1] ?? process.env['BENCH_MARGIN']}`);
      process.exit(2);
    }
    const rows = compareFigures(readFigures(BASELINE, 'run `npm run bench:update` to create it'), readFigures(LATEST, 'run `npm run bench` first'), margin);
    console.log(formatRows(rows, margin));
    const worse = rows.filter((r) => r.worse);
    if (worse.length > 0) {
      const advisory = args.includes('--advisory') ? ' (advisory: not failing)' : '';
      console.error(`bench:check: ${worse.length} figure(s) worse than the baseline by more than ${(margin * 100).toFixed(0)}%${advisory}: ${worse.map((r) => r.figure).join(', ')}`);
      if (!args.includes('--advisory')) process.exitCode = 1;
    } else console.log(`bench:check: every figure within ${(margin * 100).toFixed(0)}% of the baseline (normalised by ${NORMALISER})`);
  }
}
