/** The verdict in plain language, as rich-text sentences shared by the HTML and Markdown reports. */
import { findMetric, type Estimate, type PairedDifference } from '../engine/index.js';
import { decimalsFor, formatDuration, formatEstimate, formatInterval, formatNumber, formatValue, formatWindow, plural, type ValueKind } from './format.js';
import { KEY_METRICS } from './key-metrics.js';
import { cellEstimate, type CellView, type ReportModel } from './report-model.js';
import type { Segment } from './rich-text.js';
import type { MetricVerdict, RecommendationView } from './verdict.js';

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

/** The recommendation in words: which cell, the goal and its guarantee in one sentence, its values, its constraints, against the baseline, and how it met each incident. */
export function recommendationText(view: RecommendationView | null, model: ReportModel): RecommendationText {
  if (!view) return { headline: ['No recommendation in partial results: merge the shards.'], reasons: [] };
  const { data } = view;
  if (!view.cell) {
    const reasons: Segment[][] = [[data.statement]];
    if (view.leading) reasons.push(['Leading, without support yet: ', cellName(view.leading), '.']);
    for (const e of data.excluded) reasons.push([`${e.cell.split('|').join(' · ')}: ${e.reason}.`]);
    return { headline: ['No cell can be recommended on this evidence.'], reasons };
  }
  const rec = view.cell;
  const reasons: Segment[][] = [[data.statement]];
  const goalMetrics = [data.goal.optimize, ...data.goal.tieBreakers];
  const values = goalMetrics
    .map((name) => {
      const m = findMetric(name);
      if (!m) return null;
      const e = cellEstimate(rec.cell, m);
      return `${proseLabel(m.label)} ${formatEstimate(e.mean, e.ci95, e.n, m.unit)}`;
    })
    .filter((x): x is string => x !== null);
  reasons.push([`${values.join('; ')} (mean ± 95% CI over ${plural(rec.cell.replications.length, 'replication')}).`]);
  if (view.withinZone.length > 1) reasons.push(['Also within the zone of the best: ', ...list(view.withinZone.filter((v) => v !== rec)), '.']);
  const flagged = data.constraints.filter((c) => c.outcomes[rec.cell.id] === 'might_fail').map((c) => c.text);
  if (flagged.length > 0) reasons.push([`It might not meet ${flagged.join(', ')}: its confidence bound straddles the threshold; more replications would tell.`]);
  const { replications } = data;
  if (replications.mode === 'auto') {
    const most = Math.max(...Object.values(replications.perCell));
    reasons.push([`Replications: auto, ${replications.firstStage} for every cell, ${most} for the contenders${replications.capped ? ` (the maximum, ${replications.max}: the selection wanted more)` : ''}.`]);
  }
  const comparisons = model.results.comparisons;
  const baseline = model.cells.find((c) => c.cell.id === comparisons?.baseline);
  const paired = comparisons?.paired[rec.cell.id];
  if (baseline && paired && baseline !== rec) {
    const parts: string[] = [];
    for (const m of KEY_METRICS.filter((k) => k.name !== 'ttft_p95_ms')) {
      const d = paired[m.name];
      if (!d) continue;
      const label = proseLabel(model.results.metricInfo[m.name]?.label ?? m.title);
      parts.push(d.mean === 0 && d.ci95 === 0 ? `${label} the same` : `${label} ${describeDifference(d, m.unit)}${d.significant ? '' : ' (not significant)'}`);
    }
    const same = KEY_METRICS.every((m) => paired[m.name]?.mean === 0 && paired[m.name]?.ci95 === 0);
    if (same) reasons.push(['The same results as the baseline ', cellName(baseline), ' in every replication.']);
    else if (parts.length > 0) reasons.push(['Against the baseline ', cellName(baseline), `: ${parts.join('; ')}.`]);
  }
  reasons.push(shareSentence(rec, baseline && baseline !== rec ? baseline : null, model));
  for (const incident of rec.cell.incidents) {
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
    if (worst.v !== rec && worst.i && worst.i.requestsSentInto > incident.requestsSentInto) {
      out.push(' (worst: ', cellName(worst.v), `, ${formatValue(worst.i.requestsSentInto, 'count')})`);
    }
    out.push('.');
    reasons.push(out);
  }
  const headline: Segment[] = ['Use ', cellName(rec)];
  if (view.asGood.length > 0) headline.push(' (or, shown as good on every goal metric, ', ...list(view.asGood), ')');
  headline.push('.');
  return { headline, reasons };
}

/** Where the recommended cell sends its traffic (against the baseline's shares), naming the services it leaves idle. */
function shareSentence(rec: CellView, baseline: CellView | null, model: ReportModel): Segment[] {
  const pct = (v: CellView, id: string): string => formatValue(v.cell.shares[id]?.mean ?? 0, 'fraction');
  const parts = model.serviceIds.map((id) => `${id} ${pct(rec, id)}${baseline ? ` (today ${pct(baseline, id)})` : ''}`);
  const idle = model.serviceIds.filter((id) => (rec.cell.shares[id]?.mean ?? 0) < 0.005);
  const out: Segment[] = [`Traffic share: ${parts.join(', ')}.`];
  if (idle.length > 0) out.push(' ', { strong: `${idle.join(', ')} ${idle.length === 1 ? 'gets' : 'get'} under 0.5% of the traffic` }, ': paid for as capacity, it sits idle; all the load rests on the rest.');
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
