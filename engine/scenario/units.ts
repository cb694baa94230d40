/**
 * Durations and rates as scenario files write them: a number followed by a unit, in one string
 * (`250ms`, `1.5s`, `5m`, `2h`; `20/s`, `600/min`, `36000/h`). Conversion is exact for decimal
 * inputs: `0.3s` is 300 ms, not 300.00000000000006.
 */

/** Milliseconds per duration unit. */
const DURATION_UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Seconds per rate unit (the denominator of `n/unit`). */
const RATE_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, min: 60, h: 3_600 };

/** The JSON Schema pattern of a duration string (a non-negative decimal and a unit). */
export const DURATION_PATTERN = '^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$';

/** The JSON Schema pattern of a rate string (a non-negative decimal, a slash and a unit). */
export const RATE_PATTERN = '^[0-9]+(\\.[0-9]+)?/(s|min|h)$';

const DURATION_RE = /^([0-9]+)(?:\.([0-9]+))?(ms|s|m|h)$/;
const RATE_RE = /^([0-9]+)(?:\.([0-9]+))?\/(s|min|h)$/;

/** Examples shown in messages. */
export const DURATION_EXAMPLES = '400ms, 2s, 5m';
/** Examples shown in messages. */
export const RATE_EXAMPLES = '20/s, 600/min, 36000/h';

/** A parsed duration in ms, or why it could not be parsed (a hint for the user). */
export type DurationParse = { ok: true; ms: number } | { ok: false; hint: string };

/** A parsed rate in requests per second, or why it could not be parsed (a hint for the user). */
export type RateParse = { ok: true; perSecond: number } | { ok: false; hint: string };

// Longer strings are certainly wrong and would only make the messages unwieldy.
const MAX_UNIT_TEXT = 40;

/** Exact decimal `int.frac` times `multiplier`, divided by `divisor`. */
function scaled(intPart: string, fracPart: string | undefined, multiplier: number, divisor: number): number {
  const frac = fracPart ?? '';
  return (Number(intPart + frac) * multiplier) / (divisor * 10 ** frac.length);
}

/** Parses a duration string (`250ms`, `1.5s`, `5m`, `2h`) to ms. */
export function parseDurationText(text: string): DurationParse {
  const trimmed = text.trim();
  if (trimmed.length > MAX_UNIT_TEXT) return { ok: false, hint: 'it is far too long to be a duration' };
  const match = DURATION_RE.exec(trimmed);
  if (match && trimmed !== text) return { ok: false, hint: `remove the spaces around it: "${trimmed}"` };
  if (match) return { ok: true, ms: scaled(match[1]!, match[2], DURATION_UNIT_MS[match[3]!]!, 1) };
  return { ok: false, hint: durationHint(trimmed) };
}

function durationHint(text: string): string {
  if (text === '') return 'it is empty';
  if (/^[+-]?[0-9.]+(e[+-]?[0-9]+)?$/i.test(text)) {
    if (text.startsWith('-')) return 'a duration cannot be negative';
    const plain = Number.isFinite(Number(text)) ? String(Number(text)) : text;
    return `add a unit, e.g. "${plain}ms" or "${plain}s"`;
  }
  if (text.startsWith('-')) return 'a duration cannot be negative';
  const exponent = /^([0-9.]+e[+-]?[0-9]+)\s*([a-z]*)$/i.exec(text);
  if (exponent) return `write the number without an exponent, e.g. "${Number(exponent[1])}${exponent[2] || 'ms'}"`;
  if (/^[0-9.]+\s+[a-z]+$/i.test(text)) return `write it without a space, e.g. "${text.replace(/\s+/g, '')}"`;
  const unit = /^[0-9.]+([a-z]+)$/i.exec(text)?.[1];
  if (unit !== undefined) {
    const lower = unit.toLowerCase();
    if (lower === 'd' || lower.startsWith('day')) return 'there is no day unit: write hours, e.g. 24h';
    if (lower.startsWith('min')) return 'minutes are written m, e.g. 5m';
    if (lower.startsWith('sec')) return 'seconds are written s, e.g. 30s';
    if (lower.startsWith('hour') || lower === 'hr' || lower === 'hrs') return 'hours are written h, e.g. 2h';
    if (lower === 'us' || lower === 'ns' || lower === 'µs') return 'the smallest unit is ms (fractions such as 0.5ms are allowed)';
    return `unknown unit "${unit}"; the units are ms, s, m and h`;
  }
  if (/^[0-9.]+[a-z]+[0-9]/i.test(text)) return 'combined durations are not supported: use one unit, e.g. 90m for 1h30m';
  return 'write a number followed by ms, s, m or h';
}

/** Parses a rate string (`20/s`, `600/min`, `36000/h`) to requests per second. */
export function parseRateText(text: string): RateParse {
  const trimmed = text.trim();
  if (trimmed.length > MAX_UNIT_TEXT) return { ok: false, hint: 'it is far too long to be a rate' };
  const match = RATE_RE.exec(trimmed);
  if (match && trimmed !== text) return { ok: false, hint: `remove the spaces around it: "${trimmed}"` };
  if (match) return { ok: true, perSecond: scaled(match[1]!, match[2], 1, RATE_UNIT_SECONDS[match[3]!]!) };
  return { ok: false, hint: rateHint(trimmed) };
}

function rateHint(text: string): string {
  if (text === '') return 'it is empty';
  if (text.startsWith('-')) return 'a rate cannot be negative';
  if (/^[0-9.]+(e[+-]?[0-9]+)?$/i.test(text)) return `add a unit, e.g. "${Number.isFinite(Number(text)) ? Number(text) : text}/s"`;
  if (/\s/.test(text)) return `write it without spaces, e.g. "${text.replace(/\s+/g, '')}"`;
  const unit = /^[0-9.]+\/([a-z]+)$/i.exec(text)?.[1]?.toLowerCase();
  if (unit === 'm' || unit === 'minute' || unit === 'mn') return 'per minute is written /min, e.g. 600/min';
  if (unit === 'sec' || unit === 'second') return 'per second is written /s, e.g. 20/s';
  if (unit === 'hour' || unit === 'hr') return 'per hour is written /h, e.g. 36000/h';
  if (unit !== undefined) return `unknown unit "/${unit}"; the units are /s, /min and /h`;
  if (/^[0-9.]+\s*(rps|qps|req\/s)$/i.test(text)) return 'write requests per second as /s, e.g. 20/s';
  return 'write a number, a slash and s, min or h';
}

/** A duration in ms as the shortest exact string with a unit (`168h`, `90s`, `1.5s`, `250ms`). */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  if (ms >= 1_000 && Number.isInteger(ms)) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/** A rate in requests per second as a string with a unit (`20/s`). */
export function formatRatePerSecond(perSecond: number): string {
  return `${perSecond}/s`;
}
