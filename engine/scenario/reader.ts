/**
 * Internal: typed readers of raw values. A reader checks one value and returns it converted, or
 * records an issue and returns undefined; callers keep going, so that every problem of a file is
 * reported at once.
 */
import { SCENARIO_LIMITS } from './limits.js';
import { formatPath, Issues, type Path } from './issues.js';
import { suggest } from './suggest.js';
import { DURATION_EXAMPLES, formatDurationMs, formatRatePerSecond, parseDurationText, parseRateText, RATE_EXAMPLES } from './units.js';

/** Reads one value. */
export interface Reader<T> {
  /** What a valid value looks like, e.g. `a duration with a unit (e.g. 400ms, 2s, 5m)`. */
  readonly expected: string;
  /** The value converted, or undefined after recording an issue. */
  read(issues: Issues, path: Path, value: unknown): T | undefined;
}

/** A plain mapping (not a list, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * The keys of one mapping of the file. Unknown keys are reported when it is opened (with the
 * nearest known key); every known key must then be read, which `done()` asserts, so a key the
 * schema knows can never be silently ignored.
 */
export class Mapping {
  private readonly taken = new Set<string>();

  private constructor(
    readonly issues: Issues,
    readonly path: Path,
    readonly value: Readonly<Record<string, unknown>>,
    private readonly allowed: readonly string[],
  ) {}

  /**
   * Opens `value` as a mapping with keys among `allowed`; undefined (after an issue) when it is
   * not a mapping. `unknownKey` may explain a key better than the default message.
   */
  static open(
    issues: Issues,
    path: Path,
    value: unknown,
    allowed: readonly string[],
    expected: string,
    unknownKey?: (key: string) => { message: string; expected?: string; suggestion?: string | undefined } | undefined,
  ): Mapping | undefined {
    if (!isRecord(value)) return issues.expected(path, expected, value);
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const custom = unknownKey?.(key);
      const suggestion = custom ? custom.suggestion : suggest(key, allowed);
      const keyPath = [...path, key];
      const expectedKeys = custom?.expected ?? (allowed.length === 0 ? 'no keys' : `one of the keys ${allowed.join(', ')}`);
      let message = custom?.message ?? `unknown key "${key}"`;
      if (suggestion !== undefined) message += ` (did you mean "${suggestion}"?)`;
      else if (!custom) message += `; expected ${expectedKeys}`;
      issues.add({ path: keyPath, message, expected: expectedKeys, received: JSON.stringify(key), ...(suggestion === undefined ? {} : { suggestion }) });
    }
    return new Mapping(issues, path, value, allowed);
  }

  /** Whether the key is present (a known key). */
  has(key: string): boolean {
    this.assertKnown(key);
    return Object.hasOwn(this.value, key);
  }

  /** The raw value of a key (undefined when absent), marked as read. */
  raw(key: string): unknown {
    this.assertKnown(key);
    this.taken.add(key);
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined;
  }

  /** The path of a key. */
  at(key: string): Path {
    return [...this.path, key];
  }

  /** A required key: missing is an issue. */
  req<T>(key: string, reader: Reader<T>): T | undefined {
    this.assertKnown(key);
    this.taken.add(key);
    if (!Object.hasOwn(this.value, key)) {
      this.issues.add({ path: this.at(key), message: `expected ${reader.expected}, got nothing (the key is required)`, expected: reader.expected, received: 'nothing' });
      return undefined;
    }
    return reader.read(this.issues, this.at(key), this.value[key]);
  }

  /** An optional key: `fallback` when absent. */
  opt<T>(key: string, reader: Reader<T>, fallback: T): T | undefined {
    this.assertKnown(key);
    this.taken.add(key);
    if (!Object.hasOwn(this.value, key)) return fallback;
    return reader.read(this.issues, this.at(key), this.value[key]);
  }

  /**
   * An optional key whose default is `defaults[key]`, written as the file would write it (an entry
   * of SCENARIO_DEFAULTS, which the schema takes its defaults from too): a missing key reads as its
   * default written out would.
   */
  def<T, K extends string>(key: K, reader: Reader<T>, defaults: Readonly<Record<K, unknown>>): T | undefined {
    this.assertKnown(key);
    this.taken.add(key);
    if (Object.hasOwn(this.value, key)) return reader.read(this.issues, this.at(key), this.value[key]);
    if (!Object.hasOwn(defaults, key)) throw new Error(`scenario loader bug: no default for ${formatPath(this.at(key))}`);
    return readDefault(reader, this.at(key), defaults[key]);
  }

  /** An optional mapping: a missing one reads as an empty one, so each of its keys takes its own default. */
  block<T>(key: string, reader: Reader<T>): T | undefined {
    return this.def(key, reader, { [key]: {} });
  }

  /** Asserts that every key present was read: a missed one is a bug of the loader, not of the file. */
  done(): void {
    for (const key of Object.keys(this.value)) {
      if (this.allowed.includes(key) && !this.taken.has(key)) throw new Error(`scenario loader bug: key ${key} of ${this.path.join('.') || 'the root'} was never read`);
    }
  }

  private assertKnown(key: string): void {
    if (!this.allowed.includes(key)) throw new Error(`scenario loader bug: ${key} is not a key of ${this.path.join('.') || 'the root'}`);
  }
}

/** Reads a default from the table of defaults; one it refuses is a bug of the table, not of the file. */
function readDefault<T>(reader: Reader<T>, path: Path, value: unknown): T | undefined {
  const scratch = new Issues();
  // Undefined without an issue is allowed: a block may depend on a key that is itself missing.
  const read = reader.read(scratch, path, value);
  if (scratch.size > 0) {
    throw new Error(`scenario loader bug: the default of ${formatPath(path)}, ${JSON.stringify(value)}, is not ${reader.expected} (${scratch.list.map((i) => i.message).join('; ')})`);
  }
  return read;
}

/** A reader from a function. */
export function reader<T>(expected: string, read: (issues: Issues, path: Path, value: unknown) => T | undefined): Reader<T> {
  return { expected, read };
}

/** Bounds of a number: inclusive unless `exclusiveMin` / `exclusiveMax`. */
export interface NumberBounds {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

function boundsText(bounds: NumberBounds, show: (n: number) => string): string {
  const { min, max, exclusiveMin, exclusiveMax } = bounds;
  const low = min === undefined ? '' : exclusiveMin ? `> ${show(min)}` : `>= ${show(min)}`;
  const high = max === undefined ? '' : exclusiveMax ? `< ${show(max)}` : `at most ${show(max)}`;
  if (min !== undefined && max !== undefined && !exclusiveMin && !exclusiveMax) return `from ${show(min)} to ${show(max)}`;
  return low !== '' && high !== '' ? `${low} and ${high}` : low + high;
}

function inBounds(n: number, bounds: NumberBounds): boolean {
  if (bounds.min !== undefined && (bounds.exclusiveMin ? n <= bounds.min : n < bounds.min)) return false;
  return bounds.max === undefined || (bounds.exclusiveMax ? n < bounds.max : n <= bounds.max);
}

/** For a number written in quotes. */
function quotedNumberHint(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? 'write it without quotes' : undefined;
}

/** A finite number within bounds. */
export function numberReader(bounds: NumberBounds = {}, what = 'a number', note = ''): Reader<number> {
  const range = boundsText(bounds, String);
  const expected = (range === '' ? what : `${what} ${range}`) + note;
  return reader(expected, (issues, path, value) => {
    if (typeof value !== 'number') return issues.expected(path, expected, value, { hint: quotedNumberHint(value) });
    if (!Number.isFinite(value)) return issues.expected(path, expected, value, { hint: 'the number is out of range' });
    if (!inBounds(value, bounds)) return issues.expected(path, expected, value);
    return value;
  });
}

/** A whole number within bounds; `note` is appended to what is expected. */
export function integerReader(bounds: NumberBounds = {}, note = ''): Reader<number> {
  const range = boundsText(bounds, String);
  const expected = (range === '' ? 'an integer' : `an integer ${range}`) + note;
  return reader(expected, (issues, path, value) => {
    if (typeof value !== 'number') return issues.expected(path, expected, value, { hint: quotedNumberHint(value) });
    if (!Number.isFinite(value)) return issues.expected(path, expected, value, { hint: 'the number is out of range' });
    if (!Number.isInteger(value)) return issues.expected(path, expected, value, { hint: 'it must be a whole number' });
    if (!inBounds(value, bounds) || !Number.isSafeInteger(value)) return issues.expected(path, expected, value);
    return value;
  });
}

/** A probability or share in [0, 1]. */
export function fractionReader(): Reader<number> {
  return numberReader({ min: 0, max: 1 });
}

/** true or false (YAML 1.2: `yes` and `no` are strings, not booleans). */
export function booleanReader(): Reader<boolean> {
  const expected = 'true or false';
  return reader(expected, (issues, path, value) => {
    if (typeof value === 'boolean') return value;
    const hint = typeof value === 'string' && /^(yes|no|on|off|y|n|true|false)$/i.test(value) ? 'write true or false without quotes' : undefined;
    return issues.expected(path, expected, value, { hint });
  });
}

/** A string, optionally non-empty, of bounded length. */
export function stringReader(options: { nonEmpty?: boolean; maxLength: number; what?: string }): Reader<string> {
  const expected = options.what ?? (options.nonEmpty ? 'a non-empty string' : 'a string');
  return reader(expected, (issues, path, value) => {
    if (typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `put it in quotes: "${String(value)}"` : undefined;
      return issues.expected(path, expected, value, { hint });
    }
    if (options.nonEmpty && value.trim() === '') return issues.expected(path, expected, value);
    if (value.length > options.maxLength) return issues.expected(path, `${expected} of at most ${options.maxLength} characters`, value, { hint: `it has ${value.length}` });
    return value;
  });
}

/** One of a fixed set of strings or numbers; a near miss gets a suggestion. */
export function choiceReader<T extends string | number>(choices: readonly T[], what?: string): Reader<T> {
  const expected = what ?? `one of ${choices.map((c) => String(c)).join(', ')}`;
  return reader(expected, (issues, path, value) => {
    const hit = choices.find((c) => c === value || (typeof c === 'number' && typeof value === 'string' && String(c) === value.trim()));
    if (hit !== undefined && typeof hit === typeof value) return hit;
    if (hit !== undefined) return issues.expected(path, expected, value, { hint: 'write it without quotes' });
    // Only words get suggestions: a status one digit away from another is not a typo of it.
    const words = choices.filter((c): c is T & string => typeof c === 'string');
    const suggestion = typeof value === 'string' ? suggest(value, words) : undefined;
    return issues.expected(path, expected, value, { suggestion });
  });
}

/** Bounds of a duration, in ms. */
export interface DurationBounds {
  /** Whether 0 is refused (a duration > 0). */
  positive?: boolean;
  /** Longest allowed, in ms (default: 7 days). */
  maxMs?: number;
}

const DURATION_EXPECTED = `a duration with a unit (e.g. ${DURATION_EXAMPLES})`;

function durationRangeText(bounds: DurationBounds): string {
  const maxMs = bounds.maxMs ?? SCENARIO_LIMITS.maxDurationMs;
  const days = maxMs % 86_400_000 === 0 ? ` (${maxMs / 86_400_000} days)` : '';
  return `${bounds.positive ? 'a duration > 0 and' : 'a duration of'} at most ${formatDurationMs(maxMs)}${days}`;
}

/**
 * A quantity written as a string with a unit, or the number 0: the shared reading of durations and
 * rates. A bare non-zero number gets a hint naming the units; `parse` turns the text into a number.
 */
function readWithUnit(
  issues: Issues,
  path: Path,
  value: unknown,
  expected: string,
  noun: string,
  units: readonly [string, string],
  parse: (text: string) => { ok: true; value: number } | { ok: false; hint: string },
): number | undefined {
  if (typeof value === 'number') {
    if (value === 0) return 0;
    const hint = value < 0 ? `${noun} cannot be negative` : Number.isFinite(value) ? `add a unit, e.g. "${value}${units[0]}" or "${value}${units[1]}"` : 'the number is out of range';
    return issues.expected(path, expected, value, { hint });
  }
  if (typeof value === 'string') {
    const parsed = parse(value);
    if (!parsed.ok) return issues.expected(path, expected, value, { hint: parsed.hint });
    return parsed.value;
  }
  return issues.expected(path, expected, value);
}

/** A duration string with a unit, or the number 0, in ms. */
export function durationReader(bounds: DurationBounds = {}): Reader<number> {
  const maxMs = bounds.maxMs ?? SCENARIO_LIMITS.maxDurationMs;
  return reader(DURATION_EXPECTED, (issues, path, value) => {
    const ms = readWithUnit(issues, path, value, DURATION_EXPECTED, 'a duration', ['ms', 's'], (text) => {
      const parsed = parseDurationText(text);
      return parsed.ok ? { ok: true, value: parsed.ms } : parsed;
    });
    if (ms === undefined) return undefined;
    if (bounds.positive && ms === 0) return issues.expected(path, durationRangeText(bounds), value);
    if (!Number.isFinite(ms) || ms > maxMs) return issues.expected(path, durationRangeText(bounds), value);
    return ms;
  });
}

const RATE_EXPECTED = `a rate with a unit (e.g. ${RATE_EXAMPLES})`;

/** A rate string with a unit, or the number 0, in requests per second. */
export function rateReader(): Reader<number> {
  const max = SCENARIO_LIMITS.maxRatePerSecond;
  return reader(RATE_EXPECTED, (issues, path, value) => {
    const perSecond = readWithUnit(issues, path, value, RATE_EXPECTED, 'a rate', ['/s', '/min'], (text) => {
      const parsed = parseRateText(text);
      return parsed.ok ? { ok: true, value: parsed.perSecond } : parsed;
    });
    if (perSecond === undefined) return undefined;
    if (!Number.isFinite(perSecond) || perSecond > max) return issues.expected(path, `a rate of at most ${formatRatePerSecond(max)}`, value);
    return perSecond;
  });
}

/** A reader that also accepts a keyword (e.g. `unlimited`, `none`) for a fixed value. */
export function orKeyword<T, K>(inner: Reader<T>, keyword: string, keywordValue: K): Reader<T | K> {
  const expected = `${inner.expected}, or "${keyword}"`;
  return reader(expected, (issues, path, value) => {
    if (value === keyword) return keywordValue;
    if (typeof value === 'string' && suggest(value, [keyword]) === keyword) return issues.expected(path, expected, value, { suggestion: keyword });
    // Anything else gets the inner reader's message (it says what a number or duration must be),
    // naming the keyword as the other choice.
    const scratch = issues.fork();
    const read = inner.read(scratch, path, value);
    for (const issue of scratch.list) {
      if (issue.expected === inner.expected) issues.add({ ...issue, expected, message: issue.message.replace(`expected ${inner.expected}`, `expected ${expected}`) });
      else issues.add(issue);
    }
    return read;
  });
}

/**
 * A value to sweep: one value, or a list of distinct values (at most `max`), each read by `inner`
 * at its own index. Reads as the list of values.
 */
export function sweepReader<T>(inner: Reader<T>, max: number): Reader<T[]> {
  const expected = `${inner.expected}, or a list of them to sweep (at most ${max}, each different)`;
  return reader(expected, (issues, path, value) => {
    if (!Array.isArray(value)) {
      const one = inner.read(issues, path, value);
      return one === undefined ? undefined : [one];
    }
    if (value.length === 0 || value.length > max) return issues.expected(path, `a list of 1 to ${max} values to sweep`, value);
    const read = value.map((v, k) => inner.read(issues, [...path, k], v));
    if (read.some((v) => v === undefined)) return undefined;
    const repeated = read.findIndex((v, k) => read.indexOf(v) !== k);
    if (repeated >= 0) return issues.expected([...path, repeated], 'a value not already in the sweep', value[repeated]);
    return read as T[];
  });
}

/** null, or what `inner` reads. */
export function nullable<T>(inner: Reader<T>): Reader<T | null> {
  return reader(`${inner.expected}, or null`, (issues, path, value) => (value === null ? null : inner.read(issues, path, value)));
}

/** A list of at most `max` items (at least `min`), each read by `item` (every item is checked). */
export function listReader<T>(item: Reader<T>, bounds: { min?: number; max: number; what?: string }): Reader<T[]> {
  const expected = bounds.what ?? `a list of ${item.expected}`;
  return reader(expected, (issues, path, value) => readList(issues, path, value, bounds, expected, (p, v) => item.read(issues, p, v)));
}

/** Reads a list item by item; undefined when it is not a list, has the wrong length, or any item is bad. */
export function readList<T>(
  issues: Issues,
  path: Path,
  value: unknown,
  bounds: { min?: number; max: number },
  expected: string,
  readItem: (path: Path, value: unknown, index: number) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return issues.expected(path, expected, value);
  const min = bounds.min ?? 0;
  if (value.length < min) return issues.expected(path, min === 1 ? expected.replace(/^a list/, 'a non-empty list') : `a list of at least ${min} items`, value);
  if (value.length > bounds.max) return issues.expected(path, `a list of at most ${bounds.max} items`, value);
  const out: T[] = [];
  let ok = true;
  value.forEach((v: unknown, i) => {
    const read = readItem([...path, i], v, i);
    if (read === undefined) ok = false;
    else out.push(read);
  });
  return ok ? out : undefined;
}
