import { buildReportModel, type CellView } from '../../reports/report-model.js';
import { keyVerdicts } from '../../reports/verdict.js';
import type { Results } from '../run/index.js';

const format = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));
/** A half-width beside its mean: 0 when it is rounding noise (6440 ± 2.77e-12 is 6440 ± 0). */
const formatHalfWidth = (ci: number, mean: number): string => (Math.abs(ci) <= 1e-9 * Math.max(1, Math.abs(mean)) ? '0' : format(ci));
/** At most three names, then how many more. */
const fold = (names: readonly string[]): string => (names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`);
/**
 * A cell with its axis names, "tactic=random health=default", the gateway variant added only when
 * the scenario compares several (the same names expectations use in `where:`).
 */
export function cellText(results: Results, id: string): string {
  const [tactic, health, gateway] = id.split('|');
  return `tactic=${tactic} health=${health}${results.scenario.gatewayVariants.length > 1 ? ` gateway=${gateway}` : ''}`;
}

/**
 * The best cell per key metric, its 95% CI, and whether its lead over the runner-up is clear: the
 * same verdicts, from the same ranking, as summary.md and the HTML report.
 */
export function summaryLines(results: Results): string[] {
  const model = buildReportModel(results);
  const cellName = (v: CellView): string => cellText(results, v.cell.id);
  const width = Math.max(...model.cells.map((v) => cellName(v).length), 10);
  const lines: string[] = [];
  // The recommendation as the results carry it (the engine's selection), first.
  const rec = results.recommendation;
  if (rec) {
    const as = rec.asGood.length > 0 ? ` (or, as good: ${fold(rec.asGood.map((id) => cellText(results, id)))})` : '';
    lines.push(rec.cell ? `  recommendation: ${cellText(results, rec.cell)}${as}` : `  recommendation: none yet${rec.leading ? ` (leading: ${cellText(results, rec.leading)})` : ''}`);
    lines.push(`    ${rec.statement}`);
  }
  const priced = results.scenario.services.some((s) => s.behavior.price.inputPerMillion > 0 || s.behavior.price.outputPerMillion > 0);
  for (const v of keyVerdicts(model)) {
    if (v.metric.name === 'cost_per_1k_success' && !priced) continue; // no prices: every cost is 0
    if (!v.best || !v.bestEstimate) {
      lines.push(`  best ${v.label.padEnd(30)} none: no cell can be ranked (${v.excluded.length} without a value or without successes)`);
      continue;
    }
    let lead = '';
    if (v.lead && v.runnerUp) lead = v.lead.clear ? `clear lead over ${cellName(v.runnerUp)}` : `tie with ${cellName(v.runnerUp)}`;
    if (v.identicalToBest.length > 0) lead += ` (identical: ${fold(v.identicalToBest.map(cellName))})`;
    const e = v.bestEstimate;
    lines.push(`  best ${v.label.padEnd(30)} ${cellName(v.best).padEnd(width)}  ${format(e.mean)} ± ${formatHalfWidth(e.ci95, e.mean)}  ${lead}`);
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

/** "5 replications", or for an auto run "5 to 12 replications (auto: 3 cells ran on)". */
export function replicationsText(results: Results): string {
  const counts = results.cells.map((c) => c.replications.length);
  const least = Math.min(...counts);
  const most = Math.max(...counts);
  if (results.scenario.replicationMode !== 'auto') return `${results.run.replications} replications`;
  const on = counts.filter((n) => n > least).length;
  if (least !== most) return `${least} to ${most} replications (auto: ${on} cell${on === 1 ? '' : 's'} ran on)`;
  return `${most} replications (auto${!results.run.shard && most === results.scenario.replications ? ': the first stage decided' : ''})`;
}
