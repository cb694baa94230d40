/** The verdict in plain language, as rich-text sentences shared by the HTML and Markdown reports. */
import type { Estimate, PairedDifference } from '../engine/index.js';
import { decimalsFor, formatDuration, formatEstimate, formatInterval, formatNumber, formatValue, formatWindow, type ValueKind } from './format.js';
import { keyMetric } from './key-metrics.js';
import { cellEstimate, type CellView, type ReportModel } from './report-model.js';
import type { Segment } from './rich-text.js';
import type { MetricVerdict, Recommendation } from './verdict.js';

const cellName = (v: CellView): Segment => ({ strong: v.label });

function est(e: Estimate | null, verdict: MetricVerdict): string {
  return e ? formatEstimate(e.mean, e.ci95, e.n, verdict.metric.unit) : '–';
}

/** Names of cells joined with commas and "and"; beyond `max`, the rest are counted ("and 4 more cells"). */
function list(views: readonly CellView[], max = 3): Segment[] {
  const shown = views.length > max ? views.slice(0, max) : views;
  const rest = views.length - shown.length;
  const out: Segment[] = [];
  shown.forEach((v, i) => {
    if (i > 0) out.push(i === shown.length - 1 && rest === 0 ? ' and ' : ', ');
    out.push(cellName(v));
  });
  if (rest > 0) out.push(` and ${rest} more cell${rest === 1 ? '' : 's'}`);
  return out;
}

/** "8.32 pp higher (95% CI 6.10 to 10.54 pp)": a paired difference (this minus other) in words, in the metric's display unit. */
export function describeDifference(d: PairedDifference | null, kind: ValueKind): string {
  if (!d) return 'not comparable';
  const higher = d.mean >= 0;
  // Say it as a positive amount, flipping the interval with it.
  const amount = Math.abs(d.mean);
  const low = higher ? d.mean - d.ci95 : -(d.mean + d.ci95);
  const high = higher ? d.mean + d.ci95 : -(d.mean - d.ci95);
  const unit = kind === 'fraction' ? ' pp' : kind === 'ms' ? ' ms' : '';
  // The same precision for the amount and its interval, set by the larger of them.
  const digits = decimalsFor(kind, Math.max(amount, Math.abs(low), Math.abs(high)));
  const value = kind === 'dollars' ? `$${formatNumber(amount, kind, digits)}` : `${formatNumber(amount, kind, digits)}${unit}`;
  const interval = d.n >= 2 ? ` (95% CI ${formatInterval(low, high, kind)})` : '';
  return `${value} ${higher ? 'higher' : 'lower'}${interval}`;
}

/** A metric label without its trailing unit: "p95 latency (ms)" -> "p95 latency". */
export function proseLabel(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '');
}

/** One metric's verdict as sentences. */
export function verdictSentences(verdict: MetricVerdict, model: ReportModel): Segment[] {
  const name = proseLabel(verdict.label);
  if (!verdict.best) return [`${capitalise(name)}: no cell has a value to rank.`];
  const out: Segment[] = [`Best ${name}: `, cellName(verdict.best)];
  if (verdict.identicalToBest.length > 0) out.push(' (identical in every replication to ', ...list(verdict.identicalToBest), ')');
  out.push(`, ${est(verdict.bestEstimate, verdict)}.`);
  const lead = verdict.lead;
  if (!verdict.runnerUp || !lead) {
    out.push(verdict.identicalToBest.length > 0 ? ' No other cell has a value.' : ' It is the only cell with a value.');
  } else if (model.replications < 2 || (lead.difference !== null && lead.difference.n < 2)) {
    out.push(' Runner-up: ', cellName(verdict.runnerUp), `, ${est(verdict.runnerUpEstimate, verdict)}. `);
    out.push('With a single replication there is no confidence interval, so a lead cannot be told from noise: run more replications.');
  } else if (!lead.difference) {
    out.push(' Runner-up: ', cellName(verdict.runnerUp), `, ${est(verdict.runnerUpEstimate, verdict)}. `);
    out.push('Their replications ran with different seeds, so the lead cannot be tested by pairing.');
  } else if (lead.clear) {
    out.push(' A clear lead over the runner-up ', cellName(verdict.runnerUp), ` (${est(verdict.runnerUpEstimate, verdict)}): `);
    out.push({ strong: describeDifference(lead.difference, verdict.metric.unit) }, `, paired over the same ${lead.difference.n} seeds.`);
  } else {
    out.push(' Tied with the runner-up ', cellName(verdict.runnerUp), ` (${est(verdict.runnerUpEstimate, verdict)}): `);
    out.push(`the paired difference, ${describeDifference(lead.difference, verdict.metric.unit)}, includes 0, so it could be noise.`);
    const others = verdict.tiedWithBest.filter((v) => v !== verdict.runnerUp && !verdict.identicalToBest.includes(v));
    if (others.length > 0) out.push(` Also tied with the best: `, ...list(others), '.');
  }
  if (verdict.excluded.length > 0) {
    out.push(' Left out: ', ...list(verdict.excluded), verdict.metric.needsSuccess ? ' (a replication without any successful request).' : ' (no value).');
  }
  return out;
}

/** The recommendation: a one-line headline and the reasons, one sentence each. */
export interface RecommendationText {
  headline: Segment[];
  reasons: Segment[][];
}

/** The recommendation in words: which cell, why, against the baseline, and how it met each incident. */
export function recommendationText(rec: Recommendation | null, model: ReportModel): RecommendationText {
  if (!rec) return { headline: ['No recommendation: no cell has a success rate to rank.'], reasons: [] };
  const sr = keyMetric('success_rate');
  const p95 = keyMetric('latency_p95_ms');
  const cost = keyMetric('cost_per_1k_success');
  const show = (v: CellView, m: typeof sr): string => {
    const e = cellEstimate(v.cell, m);
    return formatEstimate(e.mean, e.ci95, e.n, m.unit);
  };
  const reasons: Segment[][] = [];
  const others = (views: readonly CellView[]): CellView[] => views.filter((c) => c !== rec.cell);
  if (rec.contenders.length === 1) {
    reasons.push([`Success rate ${show(rec.cell, sr)}: clearly the highest.`]);
  } else {
    reasons.push([`Success rate ${show(rec.cell, sr)}: among the best, statistically tied with `, ...list(others(rec.contenders)), '.']);
    const top = rec.fastest[0];
    if (rec.fastest.length <= 1) {
      reasons.push([`p95 latency ${show(rec.cell, p95)}: clearly the lowest of the cells tied on success rate.`]);
    } else if (top === rec.cell) {
      reasons.push([`p95 latency ${show(rec.cell, p95)}: the lowest of the cells tied on success rate, statistically tied with `, ...list(others(rec.fastest)), '.']);
    } else if (top) {
      reasons.push([`p95 latency ${show(rec.cell, p95)}: statistically tied with the lowest of the cells tied on success rate, `, cellName(top), ` at ${show(top, p95)}.`]);
    }
  }
  if (rec.decidedBy === 'cost_per_1k_success') {
    reasons.push([`Cost per 1,000 successful requests ${show(rec.cell, cost)}: clearly the cheapest of the cells tied on success rate and latency.`]);
  } else if (rec.decidedBy === 'order') {
    reasons.push([`Cost per 1,000 successful requests ${show(rec.cell, cost)}: nothing clearly separates it from `, ...list(rec.equallyGood), '.']);
  } else {
    const costReason: Segment[] = [`Cost per 1,000 successful requests ${show(rec.cell, cost)}.`];
    if (rec.cheaperAlternative) costReason.push(' Cheaper but slower among the cells tied on success rate: ', cellName(rec.cheaperAlternative), ` at ${show(rec.cheaperAlternative, cost)}.`);
    reasons.push(costReason);
  }
  const comparisons = model.results.comparisons;
  const baseline = model.cells.find((c) => c.cell.id === comparisons?.baseline);
  const paired = comparisons?.paired[rec.cell.cell.id];
  if (baseline && paired && baseline !== rec.cell) {
    const parts: string[] = [];
    for (const m of [sr, p95, cost]) {
      const d = paired[m.name];
      if (!d) continue;
      const label = proseLabel(model.results.metricInfo[m.name]?.label ?? m.title);
      parts.push(d.mean === 0 && d.ci95 === 0 ? `${label} the same` : `${label} ${describeDifference(d, m.unit)}${d.significant ? '' : ' (not significant)'}`);
    }
    const same = [sr, p95, cost].every((m) => paired[m.name]?.mean === 0 && paired[m.name]?.ci95 === 0);
    if (same) reasons.push(['The same results as the baseline ', cellName(baseline), ' in every replication.']);
    else if (parts.length > 0) reasons.push(['Against the baseline ', cellName(baseline), `: ${parts.join('; ')}.`]);
  }
  for (const incident of rec.cell.cell.incidents) {
    const all = model.cells.map((v) => ({ v, i: v.cell.incidents.find((x) => x.service === incident.service && x.kind === incident.kind && x.startMs === incident.startMs) }));
    const worst = all.reduce((w, x) => ((x.i?.requestsSentInto ?? -1) > (w.i?.requestsSentInto ?? -1) ? x : w), all[0]!);
    const out: Segment[] = [`${incident.service} ${incident.kind.replace(/_/g, ' ')} (${formatWindow(incident.startMs, incident.endMs)}): `];
    if (incident.requestsSentInto === 0) {
      out.push('sent no requests into it, as its tactic was routing elsewhere');
    } else {
      out.push(
        incident.detected === 0
          ? 'never excluded the service'
          : `excluded the service after ${formatDuration(incident.detectionDelayMs ?? Number.NaN)} on average (in ${incident.detected} of ${incident.replications} replications)`,
      );
      out.push(` and sent ${formatValue(incident.requestsSentInto, 'count')} requests into it`);
    }
    if (worst.v !== rec.cell && worst.i && worst.i.requestsSentInto > incident.requestsSentInto) {
      out.push(' (worst: ', cellName(worst.v), `, ${formatValue(worst.i.requestsSentInto, 'count')})`);
    }
    out.push('.');
    reasons.push(out);
  }
  const headline: Segment[] = ['Use ', cellName(rec.cell)];
  if (rec.equallyGood.length > 0) headline.push(' (or, as good on this evidence, ', ...list(rec.equallyGood), ')');
  headline.push('.');
  return { headline, reasons };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
