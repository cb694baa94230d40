/** The scenario-file boundary: YAML text in, a validated and normalised Scenario out. */
import { dirname, isAbsolute, join } from 'node:path';
import type { Scenario } from './model.js';
import { formatPath, Issues, type Path, type RawIssue } from './issues.js';
import { readScenario } from './read-scenario.js';
import { readScript, type Script } from './read-script.js';
import { ScenarioError, type ScenarioIssue } from './scenario-error.js';
import { readYamlSource, type YamlSource } from './yaml-source.js';

/** Options of parseScenario. */
export interface ParseScenarioOptions {
  /** How the source is named in messages (usually its path). */
  sourceName: string;
  /** Reads a file the scenario refers to (a trace), by its path relative to the scenario file. */
  readFile?: (relativePath: string) => string;
  /** Changes the document after it is read and before it is validated (command-line options). */
  edit?: ScenarioEdit | undefined;
}

/** Where a value that an edit wrote came from, e.g. `{ path: ['duration'], origin: '--duration' }`. */
export interface ValueOrigin {
  /** The key or item the edit wrote, from the root of the document. */
  path: Path;
  /** What to name instead of the file: an issue at or below `path` is reported as this, without a line. */
  origin: string;
}

/**
 * A change to a scenario document made between reading the YAML and validating it, so that every
 * rule of the format holds for the changed scenario too (command-line overrides, say).
 */
export interface ScenarioEdit {
  /** What the change is, for the heading of errors, e.g. `--duration 3h`. */
  readonly description: string;
  /** The changed document (a copy: `document` is left as it was) and where the values it wrote came from. */
  apply(document: unknown): { document: unknown; origins: readonly ValueOrigin[] };
}

/** The outcome of validating a scenario: the scenario, or every problem found. */
export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Validates YAML scenario text completely and returns every problem at once, in file order, or
 * the normalised scenario (defaults applied, ms and requests per second). Never throws for bad
 * input; does no I/O beyond `options.readFile`.
 */
export function validateScenarioText(text: string, options: ParseScenarioOptions): ScenarioValidation {
  const result = validateDocument(text, options.edit, (issues, document) => readScenario(issues, document, options.readFile));
  return result.ok ? { ok: true, scenario: result.value } : result;
}

/**
 * YAML text in, `read`'s value out, or every problem (the YAML's and `read`'s) in file order with
 * positions: the boundary every file of the format goes through (scenarios, scripts).
 */
export function validateDocument<T>(text: string, edit: ScenarioEdit | undefined, read: (issues: Issues, document: unknown) => T | undefined): { ok: true; value: T } | { ok: false; issues: ScenarioIssue[] } {
  const source = readYamlSource(text);
  // An edit is made only to a document that could be read: a YAML problem is the file's alone.
  const edited = source.readable && edit ? edit.apply(source.value) : { document: source.value, origins: [] };
  const originOf = (path: Path): ValueOrigin | undefined => edited.origins.find((o) => o.path.length <= path.length && o.path.every((segment, i) => path[i] === segment));
  // A value the edit wrote was not written in the file: the file's text of that path says nothing about it.
  const issues = new Issues((path) => (originOf(path) ? undefined : source.scalarSource(path)));
  const value = source.readable ? read(issues, edited.document) : undefined;
  if (source.issues.length === 0 && issues.size === 0 && value !== undefined) return { ok: true, value };
  // A value the YAML already has a problem with (an unsupported tag, say) gets no second one.
  const yamlPaths = new Set(source.issues.filter((i) => i.path.length > 0).map((i) => formatPath(i.path)));
  const content = issues.list.filter((i) => !yamlPaths.has(formatPath(i.path)));
  return { ok: false, issues: finish([...source.issues, ...content], source, originOf) };
}

/** Parses and validates YAML scenario text; throws a ScenarioError listing every problem. */
export function parseScenario(text: string, options: ParseScenarioOptions): Scenario {
  const result = validateScenarioText(text, options);
  if (!result.ok) throw new ScenarioError(options.sourceName, result.issues, options.edit?.description);
  return result.scenario;
}

/** The file system calls loadScenarioFile needs (I/O stays with the caller). */
export interface ScenarioFileSystem {
  /** The text of the file at `path` (UTF-8); throws when it cannot be read. */
  readFile(path: string): string;
}

/**
 * Reads and parses the scenario file at `path`, changed by `edit` when given; trace files it names
 * are read relative to it. Throws a ScenarioError (also when the file itself cannot be read).
 */
export function loadScenarioFile(path: string, fs: ScenarioFileSystem, edit?: ScenarioEdit): Scenario {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(path, [{ path: '', message: `cannot read the scenario file: ${detail}` }]);
  }
  const base = dirname(path);
  return parseScenario(text, { sourceName: path, readFile: (relative) => fs.readFile(isAbsolute(relative) ? relative : join(base, relative)), edit });
}

/**
 * Printed paths and file positions; sorted by position (problems without one first), stable. A
 * problem with a value an edit wrote is named by its origin (`--duration`), with no file position.
 */
function finish(raw: readonly RawIssue[], source: YamlSource, originOf: (path: Path) => ValueOrigin | undefined): ScenarioIssue[] {
  const issues = raw.map((r): ScenarioIssue => {
    const origin = originOf(r.path);
    if (origin !== undefined) {
      const below = r.path.length > origin.path.length ? ` (${formatPath(r.path)})` : '';
      return withDetails({ path: `${origin.origin}${below}`, message: r.message }, r);
    }
    const issue = withDetails({ path: formatPath(r.path), message: r.message }, r);
    const at = r.line !== undefined ? { line: r.line, column: r.column ?? 1 } : r.path.length > 0 ? source.locate(r.path) : undefined;
    if (at !== undefined) {
      issue.line = at.line;
      issue.column = at.column;
    }
    return issue;
  });
  const key = (i: ScenarioIssue): number => (i.line === undefined ? -1 : i.line * 1_000_000 + (i.column ?? 0));
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.order - b.order)
    .map((e) => e.issue);
}

function withDetails(issue: ScenarioIssue, r: RawIssue): ScenarioIssue {
  if (r.expected !== undefined) issue.expected = r.expected;
  if (r.received !== undefined) issue.received = r.received;
  if (r.suggestion !== undefined) issue.suggestion = r.suggestion;
  return issue;
}

/** Parses and validates a scripted scenario (read-script.ts); throws a ScenarioError listing every problem. */
export function parseScript(text: string, sourceName: string): Script {
  const result = validateDocument(text, undefined, readScript);
  if (!result.ok) throw new ScenarioError(sourceName, result.issues);
  return result.value;
}
