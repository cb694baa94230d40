import type { Results } from '../run/index.js';

/** A golden summary: the mean of every metric of every cell, as committed for regression checks. */
export interface GoldenFile {
  format: 'lbsim-golden';
  version: 1;
  scenario: string;
  seed: number;
  replications: number;
  /** cell id -> metric -> mean over replications (12 significant digits). */
  cells: Record<string, Record<string, number>>;
}

/** One metric of one cell that moved. */
export interface GoldenChange {
  cell: string;
  metric: string;
  before: number | undefined;
  after: number | undefined;
}

const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

/** The golden summary of complete results. */
export function goldenFromResults(results: Results): GoldenFile {
  const cells: GoldenFile['cells'] = {};
  for (const cell of results.cells) {
    cells[cell.id] = Object.fromEntries(Object.entries(cell.aggregate).map(([metric, e]) => [metric, round(e.mean)]));
  }
  return { format: 'lbsim-golden', version: 1, scenario: results.name, seed: results.run.seed, replications: results.run.replications, cells };
}

/** Every metric that differs between a committed golden summary and a new one (cells added or gone included). */
export function compareGolden(before: GoldenFile, after: GoldenFile): GoldenChange[] {
  const changes: GoldenChange[] = [];
  const cellIds = [...new Set([...Object.keys(before.cells), ...Object.keys(after.cells)])];
  for (const cell of cellIds) {
    const b = before.cells[cell] ?? {};
    const a = after.cells[cell] ?? {};
    for (const metric of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      if (b[metric] !== a[metric]) changes.push({ cell, metric, before: b[metric], after: a[metric] });
    }
  }
  return changes;
}

/** A table of the changes for a terminal: cell, metric, before, after, relative change. */
export function formatGoldenChanges(changes: readonly GoldenChange[], limit = 40): string {
  const rows = changes.slice(0, limit).map((c) => {
    const rel = c.before !== undefined && c.after !== undefined && c.before !== 0 ? `${(((c.after - c.before) / Math.abs(c.before)) * 100).toFixed(2)}%` : 'n/a';
    return `    ${c.cell}  ${c.metric}: ${c.before ?? '(none)'} -> ${c.after ?? '(none)'} (${rel})`;
  });
  if (changes.length > limit) rows.push(`    ... and ${changes.length - limit} more`);
  return rows.join('\n');
}
