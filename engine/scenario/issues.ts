/** Internal: paths into a scenario file and the collector of problems found in it. */
import type { ScenarioIssue } from './scenario-error.js';

/** One step into the file: a mapping key or a list index. */
export type PathSegment = string | number;

/** A position in the file, from the root. */
export type Path = readonly PathSegment[];

/** A problem before it gets its printed path and its line: a ScenarioIssue whose path is still segments. */
export type RawIssue = Omit<ScenarioIssue, 'path'> & { path: Path };

const IDENTIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** `services[2].ttft.median`; keys that are not plain words are quoted: `errors["5 0 0"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

const MAX_SHOWN_CHARS = 60;

/** A value as a message shows it: strings quoted (and shortened), collections by kind. */
export function describeValue(value: unknown, numberSource?: string): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return numberSource ?? String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  if (typeof value === 'object') {
    if (value instanceof Uint8Array) return 'a binary value';
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty mapping';
    const shown = keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', ...' : '');
    return `a mapping (keys: ${shown})`;
  }
  return typeof value;
}

/** Options of an "expected X, got Y" issue. */
export interface ExpectedOptions {
  /** A likely intended value, shown as `(did you mean "x"?)`. */
  suggestion?: string | undefined;
  /** How to fix it, appended after a semicolon. */
  hint?: string | undefined;
}

/** Collects every problem of one file; nothing stops at the first. */
export class Issues {
  /** The problems, in the order found. */
  readonly list: RawIssue[] = [];

  constructor(
    /** The text a number was written as in the file (`1e400`), when known. */
    private readonly numberSource: (path: Path) => string | undefined = () => undefined,
  ) {}

  /** How `value` at `path` is shown in a message. */
  describe(path: Path, value: unknown): string {
    return describeValue(value, typeof value === 'number' ? this.numberSource(path) : undefined);
  }

  /** Records a problem with a free-form message. */
  add(issue: RawIssue): void {
    this.list.push(issue);
  }

  /** Records `expected <expected>, got <value>`; always returns undefined, for `return issues.expected(...)`. */
  expected(path: Path, expected: string, value: unknown, options: ExpectedOptions = {}): undefined {
    const received = this.describe(path, value);
    let message = `expected ${expected}, got ${received}`;
    if (options.suggestion !== undefined) message += ` (did you mean ${JSON.stringify(options.suggestion)}?)`;
    if (options.hint !== undefined) message += `; ${options.hint}`;
    const issue: RawIssue = { path, message, expected, received };
    if (options.suggestion !== undefined) issue.suggestion = options.suggestion;
    this.list.push(issue);
    return undefined;
  }

  /** An empty collector that shows numbers the same way. */
  fork(): Issues {
    return new Issues(this.numberSource);
  }

  /** Number of problems so far. */
  get size(): number {
    return this.list.length;
  }
}
