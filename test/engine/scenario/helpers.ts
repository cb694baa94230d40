import { stringify } from 'yaml';
import { ScenarioError, type ScenarioIssue, parseScenario, type Scenario } from '../../../engine/scenario/index.js';

/** A small valid scenario as plain data; tests copy it and change one thing. */
export function minimalDoc(): Record<string, unknown> {
  return {
    name: 'test',
    duration: '10m',
    workload: { arrivals: { process: 'poisson', rate: '20/s' } },
    services: [
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'anthropic', model: 'claude' },
    ],
  };
}

/** YAML text of `doc` (or `doc` itself when it is text). */
export function yamlText(doc: unknown): string {
  return typeof doc === 'string' ? doc : stringify(doc);
}

/** Parses `doc` (data or YAML text); trace files come from `files`. */
export function parse(doc: unknown, files: Record<string, string> = {}): Scenario {
  return parseScenario(yamlText(doc), { sourceName: 'test.yaml', readFile: (p) => read(files, p) });
}

function read(files: Record<string, string>, path: string): string {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
}

/** The ScenarioError parsing `doc` throws (fails the test when it parses). */
export function errorOf(doc: unknown, files: Record<string, string> = {}): ScenarioError {
  try {
    parse(doc, files);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario parsed');
}

/** The issues of `doc`. */
export function issuesOf(doc: unknown, files: Record<string, string> = {}): ScenarioIssue[] {
  return errorOf(doc, files).issues;
}

/** The one issue at `path` (fails when there is none or several). */
export function issueAt(doc: unknown, path: string, files: Record<string, string> = {}): ScenarioIssue {
  const issues = issuesOf(doc, files);
  const hits = issues.filter((i) => i.path === path);
  if (hits.length !== 1) throw new Error(`expected one issue at ${JSON.stringify(path)}, got ${hits.length}:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return hits[0]!;
}

/** The segments of `services[0].ttft.median`. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1]! : Number(m[2])));
}

/**
 * minimalDoc() (or `base`) with each `path: value` of `patch` set, creating mappings on the way;
 * the value undefined deletes the key.
 */
export function docWith(patch: Record<string, unknown>, base: Record<string, unknown> = minimalDoc()): Record<string, unknown> {
  const doc = structuredClone(base);
  for (const [path, value] of Object.entries(patch)) {
    const steps = segments(path);
    let node = doc as Record<string | number, unknown>;
    for (const step of steps.slice(0, -1)) {
      if (typeof node[step] !== 'object' || node[step] === null) node[step] = {};
      node = node[step] as Record<string | number, unknown>;
    }
    const last = steps[steps.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return doc;
}
