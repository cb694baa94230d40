/** One problem in a scenario file. */
export interface ScenarioIssue {
  /** Where: `services[2].ttft.median`, `workload.arrivals.rate`; '' for the file as a whole. */
  path: string;
  /** The whole sentence, e.g. `expected a duration with a unit (e.g. 400ms, 2s, 5m), got 400`. */
  message: string;
  /** What a valid value looks like. */
  expected?: string;
  /** What the file has, as written (strings quoted). */
  received?: string;
  /** The likely intended key or name, for a typo. */
  suggestion?: string;
  /** 1-based line in the scenario file. */
  line?: number;
  /** 1-based column in the scenario file. */
  column?: number;
}

/** A scenario file that cannot be used, with every problem found in it. Stable code: SCENARIO_INVALID. */
export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';

  constructor(
    /** The file (or other source) the scenario came from, as the caller named it. */
    readonly sourceName: string,
    /** Every problem, in file order. */
    readonly issues: ScenarioIssue[],
    /** How the scenario was changed before it was validated (e.g. `--duration 3h`), when it was. */
    readonly change?: string,
  ) {
    super(formatScenarioIssues(sourceName, issues, change));
    this.name = 'ScenarioError';
  }
}

/** One issue as a line: `file.yaml:14:17: services[2].ttft.median: expected ..., got 400`. */
export function formatScenarioIssue(sourceName: string, issue: ScenarioIssue): string {
  const where = issue.line === undefined ? sourceName : `${sourceName}:${issue.line}:${issue.column ?? 1}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** A heading line (naming the change made to the scenario, if any), then one line per issue. */
export function formatScenarioIssues(sourceName: string, issues: readonly ScenarioIssue[], change?: string): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const changed = change === undefined ? '' : ` with ${change}`;
  return [`invalid scenario ${sourceName}${changed} (${count}):`, ...issues.map((issue) => `  ${formatScenarioIssue(sourceName, issue)}`)].join('\n');
}
