/**
 * The overview of several scenarios, derived from their results: each scenario's verdicts and
 * recommendation, every tactic x health x gateway cell identified across scenarios, and the rows of
 * the overview's rank datasets. Deterministic: the order follows the results and stable ties.
 */
import type { Results } from '../engine/index.js';
import { lean } from './charts/dataset.js';
import type { MeanRankRow, RankRow } from './charts/overview-data.js';
import { KEY_METRICS } from './key-metrics.js';
import { buildReportModel, cellEstimate, LABEL_SEPARATOR, type ReportModel } from './report-model.js';
import { scenarioSlugs } from './scenario-slug.js';
import { keyVerdicts, recommendationOf, type MetricVerdict, type RecommendationView } from './verdict.js';

/** One scenario of the overview. */
export interface ScenarioEntry {
  model: ReportModel;
  verdicts: MetricVerdict[];
  recommendation: RecommendationView | null;
  slug: string;
  /** The scenario's name, made unique among the scenarios for chart axes. */
  displayName: string;
}

/** A cell's identity across scenarios: tactic, health setting and gateway variant names. */
export interface CellKey {
  key: string;
  label: string;
  tactic: string;
  health: string;
  gateway: string;
}

/** How one cell identity fared across the scenarios. */
export interface KeyStats {
  /** ranks[m]: its ranks for key metric m, one per scenario where it is ranked. */
  ranks: number[][];
  /** In how many scenarios it is the recommendation. */
  recommended: number;
  /** The scenarios (indexes) that have it. */
  scenarios: Set<number>;
}

/** Everything the overview page shows. */
export interface Overview {
  entries: ScenarioEntry[];
  keys: CellKey[];
  /** Key indexes, most often recommended first, then by mean success-rate rank, then by mean p95-latency rank. */
  order: number[];
  stats: Map<number, KeyStats>;
  ranks: RankRow[];
  meanRanks: MeanRankRow[];
}

/** The mean of `xs` (NaN when empty). */
export function meanOf(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Competition ranks ("1224") of a verdict's ranking: equal means share the better rank. */
function ranksOf(verdict: MetricVerdict): Map<string, number> {
  const ranks = new Map<string, number>();
  let previous = Number.NaN;
  let rank = 0;
  verdict.ranking.forEach((view, i) => {
    const mean = cellEstimate(view.cell, verdict.metric).mean;
    if (mean !== previous) rank = i + 1;
    previous = mean;
    ranks.set(view.cell.id, rank);
  });
  return ranks;
}

/** The overview of the given scenarios' results (at least one). */
export function buildOverview(all: readonly Results[]): Overview {
  const names = new Map<string, number>();
  const slugs = scenarioSlugs(all.map((r) => r.name));
  const entries: ScenarioEntry[] = all.map((results, k) => {
    const model = buildReportModel(results);
    const verdicts = keyVerdicts(model);
    const seen = (names.get(model.name) ?? 0) + 1;
    names.set(model.name, seen);
    return { model, verdicts, recommendation: recommendationOf(model), slug: slugs[k]!, displayName: seen > 1 ? `${model.name} (${seen})` : model.name };
  });
  const multiGateway = new Set(entries.flatMap((e) => e.model.gateways)).size > 1;
  const keys: CellKey[] = [];
  const keyIndex = new Map<string, number>();
  const keyOf = (tactic: string, health: string, gateway: string): number => {
    const key = JSON.stringify([tactic, health, gateway]);
    let k = keyIndex.get(key);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(key, k);
      keys.push({ key, tactic, health, gateway, label: [tactic, health, ...(multiGateway ? [gateway] : [])].join(LABEL_SEPARATOR) });
    }
    return k;
  };
  const ranks: RankRow[] = [];
  const stats = new Map<number, KeyStats>();
  entries.forEach((entry, scenarioIndex) => {
    entry.verdicts.forEach((verdict, metricIndex) => {
      const rankOf = ranksOf(verdict);
      for (const view of entry.model.cells) {
        const k = keyOf(view.cell.tactic, view.cell.health, view.cell.gateway);
        const s = stats.get(k) ?? { ranks: KEY_METRICS.map(() => []), recommended: 0, scenarios: new Set<number>() };
        stats.set(k, s);
        s.scenarios.add(scenarioIndex);
        const rank = rankOf.get(view.cell.id);
        if (rank === undefined) continue;
        s.ranks[metricIndex]!.push(rank);
        const of = verdict.ranking.length;
        ranks.push({
          scenarioIndex,
          cellKeyIndex: k,
          metricIndex,
          rank,
          rankedCells: of,
          standing: lean(of > 1 ? 1 - (rank - 1) / (of - 1) : 1),
          meanValue: lean(cellEstimate(view.cell, verdict.metric).mean),
        });
      }
    });
    const rec = entry.recommendation;
    if (rec?.cell) stats.get(keyOf(rec.cell.cell.tactic, rec.cell.cell.health, rec.cell.cell.gateway))!.recommended++;
  });
  const order = keys
    .map((_, k) => k)
    .sort((a, b) => {
      const sa = stats.get(a)!;
      const sb = stats.get(b)!;
      const byRank = (m: number): number => (meanOf(sa.ranks[m]!) || Number.POSITIVE_INFINITY) - (meanOf(sb.ranks[m]!) || Number.POSITIVE_INFINITY);
      return sb.recommended - sa.recommended || byRank(0) || byRank(1) || a - b;
    });
  const meanRanks = order.flatMap((k) =>
    KEY_METRICS.map((_, m): MeanRankRow => ({ cellKeyIndex: k, metricIndex: m, meanRank: lean(meanOf(stats.get(k)!.ranks[m]!)), scenarioCount: stats.get(k)!.ranks[m]!.length })).filter(
      (r) => r.meanRank !== null,
    ),
  );
  return { entries, keys, order, stats, ranks, meanRanks };
}
