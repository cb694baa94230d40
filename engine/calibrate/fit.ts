/**
 * Fits a scenario's `services:` block to a request log, per provider:model: TTFT (lognormal by its
 * median and p99), token speed (normal), background error rates by status, error latency, and
 * load dependence when the log shows it. Each fit says how far its quantiles are from the log's.
 */
import { quantileSorted } from 'simple-statistics';
import { stringify } from 'yaml';
import { FAILURE_STATUSES } from '../scenario/index.js';
import { normalQuantile, Z99 } from '../sim/index.js';
import type { RequestLogRow } from './request-log.js';

/** Below this many rows of a kind, a fit is flagged as unreliable. */
export const MIN_ROWS = 30;

/** A fitted quantity's quantiles against the log's: p50, p90, p99, and the largest relative gap. */
export interface FitQuality {
  quantity: 'ttft_ms' | 'tokens_per_second' | 'error_latency_ms';
  rows: number;
  observed: [number, number, number];
  fitted: [number, number, number];
  /** max |fitted - observed| / observed over the three quantiles. */
  worstRelativeGap: number;
}

export interface ServiceFit {
  provider: string;
  model: string;
  rows: number;
  /** The `services:` entry, as YAML would hold it. */
  service: Record<string, unknown>;
  quality: FitQuality[];
  warnings: string[];
}

const LEVELS = [0.5, 0.9, 0.99] as const;
const Z = LEVELS.map((p) => normalQuantile(p)) as [number, number, number];
const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const at = (xs: readonly number[]): [number, number, number] => LEVELS.map((p) => quantileSorted(xs as number[], p)) as [number, number, number];
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const ms = (x: number): string => `${round(x)}ms`;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));

function quality(quantity: FitQuality['quantity'], values: readonly number[], fitted: [number, number, number]): FitQuality {
  const observed = at(sorted(values));
  const worstRelativeGap = Math.max(...observed.map((o, k) => (o === 0 ? (fitted[k] === 0 ? 0 : Number.POSITIVE_INFINITY) : Math.abs(fitted[k]! - o) / o)));
  return { quantity, rows: values.length, observed, fitted, worstRelativeGap };
}

/** A duration distribution by median and p99 (a constant when they agree), with its quality. */
function durationFit(quantity: FitQuality['quantity'], values: readonly number[]): { value: unknown; quality: FitQuality } {
  const xs = sorted(values);
  const median = quantileSorted(xs, 0.5);
  const p99 = quantileSorted(xs, 0.99);
  if (median <= 0 || p99 <= median * 1.001) return { value: ms(median), quality: quality(quantity, xs, [median, median, median]) };
  const sigma = Math.log(p99 / median) / Z99;
  return { value: { dist: 'lognormal', median: ms(median), p99: ms(p99) }, quality: quality(quantity, xs, Z.map((z) => median * Math.exp(sigma * z)) as [number, number, number]) };
}

/** The share of failures in the busiest tenth of the log's span, when at least 10 failures put more than 30% there; else null. */
function clusteredShare(rows: readonly RequestLogRow[]): number | null {
  const failures = rows.filter((r) => r.status !== 200).map((r) => r.startMs);
  if (failures.length < 10) return null;
  const start = rows[0]!.startMs;
  const span = rows.at(-1)!.startMs - start;
  if (span <= 0) return null;
  const counts = new Array<number>(10).fill(0);
  for (const t of failures) counts[Math.min(9, Math.floor(((t - start) / span) * 10))]!++;
  const share = Math.max(...counts) / failures.length;
  return share > 0.3 ? share : null;
}

/** How many of `rows` (one provider's, by start) were in flight when each started, itself included. */
function concurrencyAtStart(rows: readonly RequestLogRow[]): number[] {
  const ends: number[] = [];
  return rows.map((r) => {
    for (let k = ends.length - 1; k >= 0; k--) if (ends[k]! <= r.startMs) ends.splice(k, 1);
    ends.push(r.startMs + r.latencyMs);
    return ends.length;
  });
}

/**
 * Load dependence: when streams that started with many others in flight are clearly slower (the
 * mean speed of the busiest quarter below 80% of the quietest quarter's, Welch t below -3), the
 * decode throughput is the median of speed x concurrency over the busiest quarter.
 */
function decodeThroughput(speeds: readonly number[], load: readonly number[]): { value: number | null; note: string } {
  if (speeds.length < 4 * MIN_ROWS) return { value: null, note: `too few streams (${speeds.length}) to look for load dependence` };
  const order = speeds.map((_, k) => k).sort((a, b) => load[a]! - load[b]!);
  const quarter = Math.floor(order.length / 4);
  const quiet = order.slice(0, quarter).map((k) => speeds[k]!);
  const busy = order.slice(-quarter).map((k) => speeds[k]!);
  const t = (mean(busy) - mean(quiet)) / Math.sqrt(sd(busy) ** 2 / busy.length + sd(quiet) ** 2 / quiet.length);
  if (!(mean(busy) < 0.8 * mean(quiet) && t < -3)) return { value: null, note: `no load dependence: busiest quarter ${round(mean(busy))} tokens/s, quietest ${round(mean(quiet))} (Welch t ${round(t, 2)})` };
  const products = sorted(order.slice(-quarter).map((k) => speeds[k]! * load[k]!));
  return { value: round(quantileSorted(products, 0.5), 0), note: `load dependence: busiest quarter ${round(mean(busy))} tokens/s against ${round(mean(quiet))} in the quietest (Welch t ${round(t, 2)})` };
}

function fitService(provider: string, model: string, rows: readonly RequestLogRow[]): ServiceFit {
  const warnings: string[] = [];
  const qualities: FitQuality[] = [];
  // TTFT as logged includes any wait for a provider slot: unlimited concurrency keeps it from counting twice.
  const service: Record<string, unknown> = { provider, model, concurrency: 'unlimited' };
  if (rows.length < MIN_ROWS) warnings.push(`only ${rows.length} rows (fewer than ${MIN_ROWS}): every fit below is rough`);
  const byStart = [...rows].sort((a, b) => a.startMs - b.startMs);
  const load = concurrencyAtStart(byStart);
  const streams = byStart.flatMap((r, k) => (r.status === 200 && r.streaming && r.ttftMs !== null ? [{ r, load: load[k]! }] : []));
  if (streams.length < MIN_ROWS) warnings.push(`only ${streams.length} successful streamed rows (fewer than ${MIN_ROWS}) for TTFT and speed`);
  if (streams.length >= 2) {
    const ttft = durationFit('ttft_ms', streams.map((s) => s.r.ttftMs!));
    service['ttft'] = ttft.value;
    qualities.push(ttft.quality);
    const timed = streams.filter((s) => s.r.outputTokens > 0 && s.r.latencyMs > s.r.ttftMs!);
    const all = timed.map((s) => (s.r.outputTokens * 1000) / (s.r.latencyMs - s.r.ttftMs!));
    if (all.length >= 2) {
      const throughput = decodeThroughput(all, timed.map((x) => x.load));
      warnings.push(throughput.note);
      // Under load dependence, a stream's own speed shows only where its share of the throughput did not bind.
      const free = throughput.value === null ? all : all.filter((v, k) => v * timed[k]!.load < 0.95 * throughput.value!);
      const speeds = free.length >= 2 ? free : all;
      if (throughput.value !== null) {
        service['load'] = { decode_throughput: throughput.value };
        warnings.push(`speed fitted on the ${speeds.length} streams whose share of the decode throughput did not bind`);
      }
      const m = mean(speeds);
      const s = sd(speeds);
      service['speed'] = s < 1e-9 * m ? round(m, 2) : { dist: 'normal', mean: round(m, 2), sd: round(s, 2), min: 1 };
      qualities.push(quality('tokens_per_second', speeds, Z.map((z) => Math.max(1, m + s * z)) as [number, number, number]));
    }
  } else warnings.push('no TTFT or speed fitted: the log has fewer than 2 successful streamed rows');
  const errors: Record<string, number> = {};
  for (const status of FAILURE_STATUSES) {
    const n = rows.filter((r) => r.status === status).length;
    if (n > 0) errors[String(status)] = round(n / rows.length, 6);
  }
  if (Object.keys(errors).length > 0) service['errors'] = errors;
  const clustered = clusteredShare(byStart);
  if (clustered !== null) warnings.push(`${Math.round(clustered * 100)}% of the failures fall in a tenth of the log's time: an incident, not background errors (model it under incidents)`);
  const other = rows.filter((r) => typeof r.status === 'string' || (r.status !== 200 && !(FAILURE_STATUSES as readonly number[]).includes(r.status)));
  for (const kind of [...new Set(other.map((r) => String(r.status)))]) {
    warnings.push(`${other.filter((r) => String(r.status) === kind).length} rows with status ${kind} are not background errors: model them with incidents (down, mid_stream) or timeout`);
  }
  const failures = rows.filter((r) => typeof r.status === 'number' && r.status !== 200).map((r) => r.latencyMs);
  if (failures.length >= 2) {
    const fit = durationFit('error_latency_ms', failures);
    service['error_latency'] = fit.value;
    qualities.push(fit.quality);
  }
  return { provider, model, rows: rows.length, service, quality: qualities, warnings };
}

/** Fits every provider:model of the log, in order of first appearance. */
export function calibrate(rows: readonly RequestLogRow[]): ServiceFit[] {
  const groups = new Map<string, RequestLogRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.model]);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => fitService(g[0]!.provider, g[0]!.model, g));
}

/** The fits as a `services:` block that pastes into a scenario, each fit's quality and warnings as comments above it. */
export function servicesYaml(fits: readonly ServiceFit[]): string {
  const blocks = fits.map((f) => {
    const notes = [
      `${f.provider}:${f.model}: ${f.rows} rows`,
      ...f.quality.map((q) => `${q.quantity}: p50/p90/p99 fitted ${q.fitted.map((x) => round(x)).join('/')} against observed ${q.observed.map((x) => round(x)).join('/')} (worst gap ${round(q.worstRelativeGap * 100)}%, ${q.rows} rows)`),
      ...f.warnings.map((w) => `note: ${w}`),
    ];
    const item = stringify([f.service], { flowCollectionPadding: true }).trimEnd();
    return `${notes.map((n) => `  # ${n}`).join('\n')}\n${item.replace(/^/gm, '  ')}`;
  });
  return `# Fitted by lbsim calibrate. TTFT includes any queueing the log saw, so concurrency is unlimited;\n# rate limits, prices and incidents are not in a log of tries: add them.\nservices:\n${blocks.join('\n')}\n`;
}
