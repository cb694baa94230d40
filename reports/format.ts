/**
 * Number formatting for reports. Written out by hand (no Intl, no toLocaleString) so the output is
 * byte-identical on every machine. A dash stands for a missing or non-finite value.
 */

import type { MetricUnit } from '../engine/index.js';

/** How a value is shown: its unit decides the precision (a metric's unit, or seconds). */
export type ValueKind = MetricUnit | 'seconds';

/** Shown for missing or non-finite values. */
export const MISSING = '–';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `x` with `decimals` decimals and thousands separators, e.g. 12345.678 -> "12,345.68" (unit of x). */
export function fixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return MISSING;
  const text = Math.abs(x).toFixed(decimals);
  const [whole = '0', fraction] = text.split('.');
  const negative = x < 0 && Number(text) !== 0;
  return `${negative ? '-' : ''}${group(whole)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Decimals used to show `x` in its display unit (also for intervals around it). */
export function decimalsFor(kind: ValueKind, x: number): number {
  const a = Math.abs(x);
  switch (kind) {
    case 'fraction':
      return 2; // percent with two decimals: success rates near 100% differ in the second decimal
    case 'ms':
      return a >= 100 ? 0 : a >= 10 ? 1 : 2;
    case 'seconds':
      return a >= 100 ? 0 : a >= 10 ? 1 : 2;
    case 'dollars':
      return a >= 100 ? 2 : a >= 0.1 || a === 0 ? 3 : Math.min(8, 3 - Math.floor(Math.log10(a)));
    case 'count':
      return Number.isInteger(x) ? 0 : 1;
    case 'number':
      return a >= 100 ? 1 : a >= 1 || a === 0 ? 3 : Math.min(8, 3 - Math.floor(Math.log10(a)));
  }
}

/** The bare number of a value in its display unit (percent for fractions), without unit symbols. */
export function formatNumber(x: number, kind: ValueKind, decimals = decimalsFor(kind, x)): string {
  return fixed(kind === 'fraction' ? x * 100 : x, decimals);
}

/** A value with its unit: "98.82%", "1,466 ms", "$2.588", "12.5 s", "403.8". */
export function formatValue(x: number | null | undefined, kind: ValueKind): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  const n = formatNumber(x, kind);
  switch (kind) {
    case 'fraction':
      return `${n}%`;
    case 'ms':
      return `${n} ms`;
    case 'seconds':
      return `${n} s`;
    case 'dollars':
      return x < 0 ? `-$${n.slice(1)}` : `$${n}`;
    case 'count':
    case 'number':
      return n;
  }
}

/** The half-width of a 95% CI in the same display unit and precision as its mean: "± 0.41" (percentage points for fractions). */
export function formatHalfWidth(mean: number, ci95: number, kind: ValueKind): string {
  if (!Number.isFinite(ci95)) return MISSING;
  return `± ${formatNumber(ci95, kind, decimalsFor(kind, mean))}`;
}

/** "98.82% ± 0.41": a mean with its 95% CI half-width (no interval with a single replication). */
export function formatEstimate(mean: number, ci95: number, n: number, kind: ValueKind): string {
  const value = formatValue(mean, kind);
  return n >= 2 && value !== MISSING ? `${value} ${formatHalfWidth(mean, ci95, kind)}` : value;
}

/** A signed difference in the display unit: "+1.20 pp", "-350 ms", "+$0.120" (pp: percentage points). */
export function formatDifference(x: number, kind: ValueKind): string {
  if (!Number.isFinite(x)) return MISSING;
  const sign = x > 0 ? '+' : x < 0 ? '-' : '±';
  const n = formatNumber(Math.abs(x), kind, decimalsFor(kind, x));
  switch (kind) {
    case 'fraction':
      return `${sign}${n} pp`;
    case 'ms':
      return `${sign}${n} ms`;
    case 'seconds':
      return `${sign}${n} s`;
    case 'dollars':
      return `${sign}$${n}`;
    case 'count':
    case 'number':
      return `${sign}${n}`;
  }
}

/** A 95% interval of a difference, "0.9 to 2.5 pp", in the display unit. */
export function formatInterval(low: number, high: number, kind: ValueKind): string {
  const d = decimalsFor(kind, Math.max(Math.abs(low), Math.abs(high)));
  const unit = kind === 'fraction' ? ' pp' : kind === 'ms' ? ' ms' : kind === 'seconds' ? ' s' : '';
  const money = kind === 'dollars' ? '$' : '';
  const one = (x: number): string => (x < 0 ? `-${money}${formatNumber(-x, kind, d)}` : `${money}${formatNumber(x, kind, d)}`);
  return `${one(low)} to ${one(high)}${unit}`;
}

/** A duration in ms for prose: "180 s", "2.5 min", "1.5 h", "850 ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  if (ms < 1_000) return `${fixed(ms, 0)} ms`;
  if (ms < 120_000) return `${trim(fixed(ms / 1_000, 1))} s`;
  if (ms < 7_200_000) return `${trim(fixed(ms / 60_000, 1))} min`;
  return `${trim(fixed(ms / 3_600_000, 1))} h`;
}

function trim(text: string): string {
  return text.replace(/\.0$/, '');
}

/** "60–120 s": a time window given in ms, shown in seconds. */
export function formatWindow(startMs: number, endMs: number): string {
  const s = (ms: number): string => fixed(ms / 1_000, Number.isInteger(ms / 1_000) ? 0 : 1);
  return `${s(startMs)}–${s(endMs)} s`;
}

/** "3 replications", "1 check": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
