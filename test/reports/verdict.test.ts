import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../../engine/metrics/types.js';
import { complete } from '../../engine/index.js';
import { buildReportModel, metricVerdict, recommendationOf, KEY_METRICS } from '../../reports/index.js';
import { renderSummaryMarkdown } from '../../reports/index.js';
import { handCell, handResults } from './fixtures.js';

const p95 = (values: number[]): Partial<RunMetrics>[] => values.map((v) => ({ latencyMs: { mean: v / 2, p50: v / 2, p95: v, p99: v * 1.5 } }));
const merge = (a: Partial<RunMetrics>[], b: Partial<RunMetrics>[]): Partial<RunMetrics>[] => a.map((x, i) => ({ ...x, ...b[i] }));
const metric = (name: string) => KEY_METRICS.find((m) => m.name === name)!;

/**
 * A: success 0.95 0.97 0.96 0.98 (mean 0.965), p95 2000 2100 1900 2000, cost 10
 * B: success 0.90 0.93 0.91 0.92 (mean 0.915), p95 1500 1600 1500 1400, cost 8
 * C: success identical to A, p95 1800 everywhere, cost 12
 * D: no success at all in replication 0: ranked on success rate, left out of latency and cost
 */
function fourCells() {
  const successA: Partial<RunMetrics>[] = [0.95, 0.97, 0.96, 0.98].map((successRate) => ({ successRate }));
  const successB: Partial<RunMetrics>[] = [0.9, 0.93, 0.91, 0.92].map((successRate) => ({ successRate }));
  const cost = (c: number): Partial<RunMetrics>[] => [0, 1, 2, 3].map(() => ({ costPer1kSuccess: c }));
  return handResults([
    handCell(0, 'a', 'h', merge(merge(successA, p95([2000, 2100, 1900, 2000])), cost(10))),
    handCell(1, 'b', 'h', merge(merge(successB, p95([1500, 1600, 1500, 1400])), cost(8))),
    handCell(2, 'c', 'h', merge(merge(successA, p95([1800, 1800, 1800, 1800])), cost(12))),
    handCell(3, 'd', 'h', [{ successRate: 0, successes: 0, costPer1kSuccess: 0, latencyMs: { mean: 0, p50: 0, p95: 0, p99: 0 } }, { successRate: 0.5 }, { successRate: 0.5 }, { successRate: 0.5 }]),
  ]);
}

describe('the verdict on a metric', () => {
  it('names the best cell, cells identical to it, and the runner-up with the paired lead (hand-computed)', () => {
    const v = metricVerdict(buildReportModel(fourCells()), metric('success_rate'));
    expect(v.ranking.map((c) => c.cell.tactic)).toEqual(['a', 'c', 'b', 'd']);
    expect(v.best?.cell.tactic).toBe('a');
    expect(v.identicalToBest.map((c) => c.cell.tactic)).toEqual(['c']);
    expect(v.runnerUp?.cell.tactic).toBe('b');
    // differences a - b: 0.05 0.04 0.05 0.06 -> mean 0.05, half-width 3.182446 * 0.0040825 = 0.0129923
    expect(v.lead?.difference?.mean).toBeCloseTo(0.05, 12);
    expect(v.lead?.difference?.ci95).toBeCloseTo(0.0129923, 6);
    expect(v.lead?.clear).toBe(true);
    expect(v.tiedWithBest.map((c) => c.cell.tactic)).toEqual(['c']);
    expect(v.bestEstimate?.mean).toBeCloseTo(0.965, 12);
    // 95% CI of a: sd of (0.95 0.97 0.96 0.98) = 0.0129099, se 0.0064550, t(3) 3.182446
    expect(v.bestEstimate?.ci95).toBeCloseTo(3.182446305 * 0.0064549722, 6);
  });

  it('ranks lower-is-better metrics upwards and leaves out cells without successes', () => {
    const v = metricVerdict(buildReportModel(fourCells()), metric('latency_p95_ms'));
    expect(v.ranking.map((c) => c.cell.tactic)).toEqual(['b', 'c', 'a']);
    expect(v.excluded.map((c) => c.cell.tactic)).toEqual(['d']);
    // differences b - c: -300 -200 -300 -400 -> mean -300, sd 81.650, se 40.825, half-width 129.92
    expect(v.lead?.difference?.mean).toBe(-300);
    expect(v.lead?.difference?.ci95).toBeCloseTo(3.182446305 * Math.sqrt(20_000 / 3 / 4), 8);
    expect(v.lead?.clear).toBe(true);
  });

  it('calls a lead a tie when the paired interval includes 0', () => {
    const results = handResults([
      handCell(0, 'x', 'h', [10, 12, 14].map((s) => ({ successRate: s / 100 }))),
      handCell(1, 'y', 'h', [9, 10, 11].map((s) => ({ successRate: s / 100 }))),
    ]);
    const v = metricVerdict(buildReportModel(results), metric('success_rate'));
    expect(v.best?.cell.tactic).toBe('x');
    expect(v.lead?.difference?.mean).toBeCloseTo(0.02, 12);
    expect(v.lead?.clear).toBe(false);
    expect(v.tiedWithBest.map((c) => c.cell.tactic)).toEqual(['y']);
  });

  it('pairs replications by seed, not by position, and refuses to pair different seeds', () => {
    const a = handCell(0, 'a', 'h', [{ successRate: 0.9 }, { successRate: 0.8 }], [1, 2]);
    const reordered = handCell(1, 'b', 'h', [{ successRate: 0.7 }, { successRate: 0.85 }], [2, 1]);
    const v = metricVerdict(buildReportModel(handResults([a, reordered])), metric('success_rate'));
    // by seed: seed 1 -> 0.9 vs 0.85, seed 2 -> 0.8 vs 0.7: differences 0.05 and 0.1
    expect(v.lead?.difference?.mean).toBeCloseTo(0.075, 12);
    const other = handCell(1, 'b', 'h', [{ successRate: 0.7 }, { successRate: 0.85 }], [5, 6]);
    const unpaired = metricVerdict(buildReportModel(handResults([a, other])), metric('success_rate'));
    expect(unpaired.lead?.difference).toBeNull();
    expect(unpaired.lead?.clear).toBe(false);
  });

  it('says a single replication cannot tell a lead from noise', () => {
    const results = handResults([handCell(0, 'a', 'h', [{ successRate: 0.9 }]), handCell(1, 'b', 'h', [{ successRate: 0.8 }])]);
    const md = renderSummaryMarkdown(results);
    expect(md).toMatch(/single replication there is no confidence interval/);
  });
});

describe('the recommendation, as the results carry it', () => {
  const withRecommendation = (results: ReturnType<typeof handResults>) => complete(results);

  it('shows the results’ recommendation, its one-sentence statement of the goal and guarantee first, and never recomputes it', () => {
    const results = withRecommendation(fourCells());
    const rec = recommendationOf(buildReportModel(results));
    expect(rec?.cell?.cell.id).toBe(results.recommendation!.cell);
    expect(results.recommendation!.statement).toMatch(/^With probability at least 95%, .* success rate is within 0\.2 points of the best cell's/);
    const md = renderSummaryMarkdown(results);
    expect(md).toContain(`**Recommendation:** Use **${rec!.cell!.label}**`);
    expect(md).toContain(results.recommendation!.statement);
    // what the report shows follows the data: change the data, and the report follows
    const edited = structuredClone(results);
    edited.recommendation!.cell = results.cells[0]!.id;
    edited.recommendation!.statement = 'An edited sentence.';
    expect(renderSummaryMarkdown(edited)).toContain(`**Recommendation:** Use **${buildReportModel(edited).cells[0]!.label}**`);
    expect(renderSummaryMarkdown(edited)).toContain('An edited sentence.');
  });

  it('names the cells shown as good on every goal metric', () => {
    const same = [0.9, 0.92, 0.91].map((successRate) => ({ successRate }));
    const results = withRecommendation(handResults([handCell(0, 'a', 'h', merge(same, p95([1000, 1200, 1100]))), handCell(1, 'b', 'h', merge(same, p95([1000, 1200, 1100])))]));
    expect(results.recommendation).toMatchObject({ cell: 'a|h|default', asGood: ['b|h|default'], decided: true });
    expect(renderSummaryMarkdown(results)).toContain('**Recommendation:** Use **a · h** (or, shown as good on every goal metric, **b · h**).');
  });

  it('recommends nothing when the evidence does not support a cell, and names the leading one', () => {
    const results = withRecommendation(
      handResults([handCell(0, 'a', 'h', [0.5, 0.9, 0.7].map((successRate) => ({ successRate }))), handCell(1, 'b', 'h', [0.9, 0.5, 0.8].map((successRate) => ({ successRate })))]),
    );
    expect(results.recommendation).toMatchObject({ cell: null, decided: false, leading: 'b|h|default' });
    const md = renderSummaryMarkdown(results);
    expect(md).toContain('**Recommendation:** No cell can be recommended on this evidence.');
    expect(md).toMatch(/Leading, without support yet: \*\*b · h\*\*/);
  });

  it('says a shard has none', () => {
    expect(renderSummaryMarkdown(fourCells())).toContain('No recommendation in partial results');
  });
});
