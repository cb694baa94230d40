import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../engine/balancer/index.js';
import { planSecondStage, selectCell, type SelectionInput } from '../../../engine/run/selection.js';
import { pairedDifference } from '../../../engine/run/statistics.js';
import { defaultGoal } from '../../../engine/scenario/index.js';
import type { Goal } from '../../../engine/scenario/index.js';

/** Standard normal draws from a seeded generator (Box-Muller). */
function normals(seed: string): () => number {
  const rng = new SeededRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Cells with known means and noise: replication r of every cell shares a common shock (the common
 * random numbers), plus its own noise.
 */
function cells(means: readonly number[], n: number, noise: number, common: number, seed: string, metric = 'success_rate'): SelectionInput[] {
  const z = normals(seed);
  const shocks = Array.from({ length: n }, () => common * z());
  return means.map((mu, i) => ({ id: `c${i}`, values: { [metric]: shocks.map((s) => mu + s + noise * z()) }, servedEverywhere: true }));
}

const goal = (overrides: Partial<Goal> = {}): Goal => ({ ...defaultGoal(), tieBreakers: [], indifference: { success_rate: { kind: 'absolute', value: 0.01 } }, ...overrides });

describe('the selection procedure', () => {
  it('picks the best and only it when it leads clearly; says which cells are within the zone', () => {
    const s = selectCell(cells([0.9, 0.95, 0.99], 10, 0.002, 0.01, 'clear'), goal());
    expect(s).toMatchObject({ cell: 'c2', decided: true, withinZone: ['c2'], asGood: [] });
  });

  it('with probability at least the confidence, the recommended cell is within the zone of the best (seeded trials)', () => {
    // Least favourable configuration: the best is exactly one zone better than every other cell.
    const trials = 400;
    let wrong = 0;
    let decided = 0;
    for (let trial = 0; trial < trials; trial++) {
      const delta = 0.01;
      const means = [0.95, 0.95, 0.95, 0.95 + delta];
      const s = selectCell(cells(means, 8, 0.02, 0.03, `lfc-${trial}`), goal());
      if (s.cell !== null) decided++;
      if (s.cell !== null && s.cell !== 'c3') wrong++;
    }
    // 5% promised; allow three binomial standard errors of sampling slack over 400 trials
    expect(wrong / trials).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / trials));
    expect(decided).toBeGreaterThan(0);
  });

  it('holds for any means and noise: a recommendation is never worse than the zone more often than promised', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.8, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }), fc.double({ min: 0.001, max: 0.05, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (means, noise, seed) => {
        const best = Math.max(...means);
        let wrong = 0;
        const trials = 60;
        for (let t = 0; t < trials; t++) {
          const s = selectCell(cells(means, 6, noise, noise, `${seed}-${t}`), goal());
          if (s.cell !== null && means[Number(s.cell.slice(1))]! < best - 0.01) wrong++;
        }
        // a loose per-property bound (each property runs 60 trials): the exact rate is checked above
        expect(wrong / trials).toBeLessThanOrEqual(0.2);
      }),
      { numRuns: 40 },
    );
  });

  it('calls cells "as good" only when both bounds of the difference lie inside the zone, and not when they are merely not shown different', () => {
    // a and b differ by a hair and their difference barely varies; 'wide' is a little worse and noisy: not shown different from them, not shown as good
    const z = normals('eq');
    const base = Array.from({ length: 10 }, () => 0.99 + 0.0005 * z());
    const noisy = base.map((x, k) => x - 0.004 + (k % 2 === 0 ? 0.01 : -0.01));
    const s = selectCell(
      [
        { id: 'a', values: { success_rate: base }, servedEverywhere: true },
        { id: 'b', values: { success_rate: base.map((x) => x + 0.0001) }, servedEverywhere: true },
        { id: 'wide', values: { success_rate: noisy }, servedEverywhere: true },
      ],
      goal(),
    );
    expect(pairedDifference(noisy, base).significant).toBe(false); // not shown different...
    expect(s.cell).toBe('b');
    expect(s.asGood).toEqual(['a']); // ...and not shown as good
    expect(s.withinZone).not.toContain('wide');
  });

  it('decides ties on the optimised metric by the tie-breakers, in order', () => {
    const sr = Array.from({ length: 6 }, () => 1);
    const lat = (ms: number) => Array.from({ length: 6 }, (_, k) => ms + k);
    const s = selectCell(
      [
        { id: 'slow', values: { success_rate: sr, latency_p95_ms: lat(2_000) }, servedEverywhere: true },
        { id: 'fast', values: { success_rate: sr, latency_p95_ms: lat(1_000) }, servedEverywhere: true },
      ],
      goal({ tieBreakers: ['latency_p95_ms'], indifference: { success_rate: { kind: 'absolute', value: 0.002 }, latency_p95_ms: { kind: 'relative', fraction: 0.05 } } }),
    );
    expect(s).toMatchObject({ cell: 'fast', decided: true });
    expect(s.steps.map((st) => [st.metric, st.withinZone])).toEqual([
      ['success_rate', ['slow', 'fast']],
      ['latency_p95_ms', ['fast']],
    ]);
  });

  it('excludes cells that fail a constraint with confidence, flags those that might, and never recommends a cell without successes', () => {
    const values = (x: number, spread: number) => Array.from({ length: 8 }, (_, k) => x + spread * (k % 2 === 0 ? 1 : -1));
    const s = selectCell(
      [
        { id: 'cheap-but-failing', values: { success_rate: values(0.9, 0.001) }, servedEverywhere: true },
        { id: 'borderline', values: { success_rate: values(0.99, 0.02) }, servedEverywhere: true },
        { id: 'good', values: { success_rate: values(0.995, 0.001) }, servedEverywhere: true },
        { id: 'silent', values: { success_rate: values(1, 0) }, servedEverywhere: false },
      ],
      goal({ constraints: [{ metric: 'success_rate', op: '>=', value: 0.98, text: 'success_rate >= 0.98' }] }),
    );
    expect(s.constraints[0]!.outcomes).toEqual({ 'cheap-but-failing': 'fails', borderline: 'might_fail', good: 'meets', silent: 'meets' });
    expect(s.excluded.map((e) => e.cell)).toEqual(['cheap-but-failing', 'silent']);
    expect(s.cell).toBe('good');
  });

  it('recommends nothing from a single replication, or when the zone cannot be reached, and says why', () => {
    const one = selectCell(cells([0.9, 0.95], 1, 0.01, 0, 'one'), goal());
    expect(one).toMatchObject({ cell: null, decided: false, leading: 'c1' });
    expect(one.undecidedReason).toMatch(/single replication/);
    const noisy = selectCell(cells([0.9, 0.9], 3, 0.2, 0, 'noisy'), goal());
    expect(noisy.cell).toBeNull();
    expect(noisy.undecidedReason).toMatch(/more replications are needed/);
  });

  it('the regression from primary-outage: a wide no-retry cell never beats tight failover cells on a tie', () => {
    // 98.2% +/- 7.8 (3 replications) against 99.99% +/- 0.01: "not shown different" is not "as good"
    const s = selectCell(
      [
        { id: 'no-retry', values: { success_rate: [0.93, 0.999, 0.997], latency_p95_ms: [9_000, 9_100, 9_050] }, servedEverywhere: true },
        { id: 'failover-a', values: { success_rate: [0.9999, 0.9998, 0.9999], latency_p95_ms: [20_000, 21_000, 20_500] }, servedEverywhere: true },
        { id: 'failover-b', values: { success_rate: [0.9999, 0.9999, 0.9998], latency_p95_ms: [21_000, 22_000, 21_500] }, servedEverywhere: true },
      ],
      { ...defaultGoal(), tieBreakers: ['latency_p95_ms'], indifference: { success_rate: { kind: 'absolute', value: 0.002 }, latency_p95_ms: { kind: 'relative', fraction: 0.05 } } },
    );
    expect(s.withinZone).not.toContain('no-retry');
    expect(s.cell).not.toBe('no-retry');
  });
});

describe('the second stage of replications: auto', () => {
  it('needs nothing more when one cell is clearly best after the first stage', () => {
    const plan = planSecondStage(cells([0.8, 0.9, 0.99], 5, 0.001, 0.001, 'lead'), goal(), 5, 30);
    expect(plan).toEqual({ contenders: ['c2'], replications: 5, capped: false });
  });

  it('runs the close cells to what makes every bound narrower than the zone, (t S / delta)^2, from the first stage only', () => {
    const first = cells([0.95, 0.951, 0.7], 5, 0.01, 0.02, 'close');
    const plan = planSecondStage(first, goal(), 5, 1_000);
    expect(plan.contenders).toEqual(['c0', 'c1']);
    expect(plan.replications).toBeGreaterThan(5);
    // later replications do not change the plan
    const longer = first.map((c) => ({ ...c, values: { success_rate: [...c.values['success_rate']!, 0, 0, 0] } }));
    expect(planSecondStage(longer, goal(), 5, 1_000)).toEqual(plan);
    // and with that many replications the selection decides
    const enough = cells([0.95, 0.951, 0.7], plan.replications, 0.01, 0.02, 'close');
    expect(selectCell(enough, goal(), { firstStage: 5 }).decided).toBe(true);
  });

  it('stops at max_replications and says so', () => {
    const plan = planSecondStage(cells([0.95, 0.951], 5, 0.05, 0, 'noisy'), goal(), 5, 12);
    expect(plan).toMatchObject({ replications: 12, capped: true });
  });
});
