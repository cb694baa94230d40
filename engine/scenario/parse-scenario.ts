/** The scenario-file boundary: YAML text in, a validated and normalised Scenario out. */
import { dirname, isAbsolute, join } from 'node:path';
import type { Scenario } from './model.js';
import { formatPath, Issues, type RawIssue } from './issues.js';
import { readScenario } from './read-scenario.js';
import { ScenarioError, type ScenarioIssue } from './scenario-error.js';
import { readYamlSource, type YamlSource } from './yaml-source.js';

/** Options of parseScenario. */
export interface ParseScenarioOptions {
  /** How the source is named in messages (usually its path). */
  sourceName: string;
  /** Reads a file the scenario refers to (a trace), by its path relative to the scenario file. */
  readFile?: (relativePath: string) => string;
}

/** The outcome of validating a scenario: the scenario, or every problem found. */
export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Validates YAML scenario text completely and returns every problem at once, in file order, or
 * the normalised scenario (defaults applied, ms and requests per second). Never throws for bad
 * input; does no I/O beyond `options.readFile`.
 */
export function validateScenarioText(text: string, options: ParseScenarioOptions): ScenarioValidation {
  const source = readYamlSource(text);
  const issues = new Issues((path) => source.scalarSource(path));
  const scenario = source.readable ? readScenario(issues, source.value, options.readFile) : undefined;
  if (source.issues.length === 0 && issues.size === 0 && scenario !== undefined) return { ok: true, scenario };
  // A value the YAML already has a problem with (an unsupported tag, say) gets no second one.
  const yamlPaths = new Set(source.issues.filter((i) => i.path.length > 0).map((i) => formatPath(i.path)));
  const content = issues.list.filter((i) => !yamlPaths.has(formatPath(i.path)));
  return { ok: false, issues: finish([...source.issues, ...content], source) };
}

/** Parses and validates YAML scenario text; throws a ScenarioError listing every problem. */
export function parseScenario(text: string, options: ParseScenarioOptions): Scenario {
  const result = validateScenarioText(text, options);
  if (!result.ok) throw new ScenarioError(options.sourceName, result.issues);
  return result.scenario;
}

/** The file system calls loadScenarioFile needs (I/O stays with the caller). */
export interface ScenarioFileSystem {
  /** The text of the file at `path` (UTF-8); throws when it cannot be read. */
  readFile(path: string): string;
}

/**
 * Reads and parses the scenario file at `path`; trace files it names are read relative to it.
 * Throws a ScenarioError (also when the file itself cannot be read).
 */
export function loadScenarioFile(path: string, fs: ScenarioFileSystem): Scenario {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(path, [{ path: '', message: `cannot read the scenario file: ${detail}` }]);
  }
  const base = dirname(path);
  return parseScenario(text, { sourceName: path, readFile: (relative) => fs.readFile(isAbsolute(relative) ? relative : join(base, relative)) });
}

/** Printed paths and file positions; sorted by position (problems without one first), stable. */
function finish(raw: readonly RawIssue[], source: YamlSource): ScenarioIssue[] {
  const issues = raw.map((r): ScenarioIssue => {
    const issue: ScenarioIssue = { path: formatPath(r.path), message: r.message };
    if (r.expected !== undefined) issue.expected = r.expected;
    if (r.received !== undefined) issue.received = r.received;
    if (r.suggestion !== undefined) issue.suggestion = r.suggestion;
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
