import { findMetric } from '../metrics/index.js';
import type { CellResult, Results } from '../run/index.js';
import { pairedDifference } from '../run/index.js';

/** Key metrics in the terminal summary. */
const KEY_METRICS = ['success_rate', 'latency_p95_ms', 'ttft_p95_ms', 'cost_per_1k_success', 'goodput_per_second'] as const;

const format = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));
const cellName = (c: CellResult): string => `${c.tactic} | ${c.health} | ${c.gateway}`;

/** The best cell per key metric, its 95% CI, and whether its lead over the runner-up is clear. */
export function summaryLines(results: Results): string[] {
  const lines: string[] = [];
  const width = Math.max(...results.cells.map((c) => cellName(c).length), 10);
  for (const metric of KEY_METRICS) {
    const info = results.metricInfo[metric];
    if (!info) continue;
    const sign = info.better === 'higher' ? -1 : 1;
    const ranked = [...results.cells].sort((a, b) => sign * (a.aggregate[metric]!.mean - b.aggregate[metric]!.mean) || a.index - b.index);
    const best = ranked[0];
    if (!best) continue;
    const read = findMetric(metric)!.read;
    const values = (c: CellResult): number[] => c.replications.map((r) => read(r.metrics));
    const bestValues = JSON.stringify(values(best));
    // Cells identical to the best in every replication share its place; the runner-up is the best other one.
    const twins = ranked.slice(1).filter((c) => JSON.stringify(values(c)) === bestValues);
    const second = ranked.slice(1).find((c) => !twins.includes(c));
    const e = best.aggregate[metric]!;
    let lead = '';
    if (second) {
      const d = pairedDifference(values(best), values(second));
      lead = d.significant ? `clear lead over ${cellName(second)}` : `tie with ${cellName(second)}`;
    }
    if (twins.length > 0) lead += ` (identical: ${twins.map(cellName).join(', ')})`;
    lines.push(`  best ${info.label.padEnd(30)} ${cellName(best).padEnd(width)}  ${format(e.mean)} ± ${format(e.ci95)}  ${lead}`);
  }
  return lines;
}

/** Expectation outcomes, one line each with the failing cells' details. */
export function expectationLines(results: Results): string[] {
  if (!results.expectations) return ['  expectations: not checked (partial shard results; merge the shards)'];
  if (results.expectations.length === 0) return ['  expectations: none'];
  const failed = results.expectations.filter((e) => !e.passed).length;
  const lines = [`  expectations: ${results.expectations.length - failed} passed, ${failed} failed`];
  for (const e of results.expectations) {
    lines.push(`    ${e.passed ? 'ok  ' : 'FAIL'} ${e.text}`);
    if (!e.passed) for (const d of e.details.filter((x) => x.startsWith('FAIL') || x === 'no cell matches')) lines.push(`         ${d}`);
  }
  return lines;
}
