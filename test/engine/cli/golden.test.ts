import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdaptiveTactic, type Rule, type Service } from '../../../engine/balancer/index.js';
import { compareGolden, formatGoldenChanges, type GoldenFile, goldenFromResults } from '../../../engine/cli/golden.js';
import { goldenPath } from '../../../engine/cli/program.js';
import { runScenario } from '../../../engine/run/index.js';
import { loadScenarioFile } from '../../../engine/scenario/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCENARIO = join(ROOT, 'scenarios', 'cold-start.yaml');
const read = (path: string): string => readFileSync(path, 'utf8');

async function currentGolden(): Promise<GoldenFile> {
  const scenario = loadScenarioFile(SCENARIO, { readFile: read });
  return goldenFromResults(await runScenario(scenario, { workers: 1, version: 'test' }));
}

describe('golden summaries', () => {
  afterEach(() => vi.restoreAllMocks());

  it('live next to the scenario, in golden/<name>.json', () => {
    expect(goldenPath('/x/scenarios/cold-start.yaml')).toBe('/x/scenarios/golden/cold-start.json');
  });

  it('the committed golden summary of a library scenario matches a fresh run', async () => {
    const committed = JSON.parse(read(goldenPath(SCENARIO))) as GoldenFile;
    expect(compareGolden(committed, await currentGolden())).toEqual([]);
  });

  it('a deliberately changed tactic moves the metrics of its cells, and the check names them', async () => {
    // The "change": adaptive always takes the first service it is offered.
    vi.spyOn(AdaptiveTactic.prototype, 'selectService').mockImplementation(function (this: AdaptiveTactic, rule: Rule): Service | undefined {
      return rule.getActiveServices()[0];
    });
    const committed = JSON.parse(read(goldenPath(SCENARIO))) as GoldenFile;
    const changes = compareGolden(committed, await currentGolden());
    expect(changes.length).toBeGreaterThan(5);
    expect(new Set(changes.map((c) => c.cell))).toEqual(new Set(['adaptive|unconfigured|default']));
    expect(changes.map((c) => c.metric)).toContain('latency_p95_ms');
    expect(formatGoldenChanges(changes)).toMatch(/adaptive\|unconfigured\|default {2}latency_p95_ms: \d.* -> \d.* \([+-]?\d+\.\d+%\)/);
  });

  it('rounds to 12 significant digits and reports cells that appear or disappear', () => {
    const before: GoldenFile = { format: 'lbsim-golden', version: 1, scenario: 's', seed: 1, replications: 1, cells: { a: { m: 1 }, gone: { m: 2 } } };
    const after: GoldenFile = { ...before, cells: { a: { m: 1 }, added: { m: 3 } } };
    expect(compareGolden(before, after)).toEqual([
      { cell: 'gone', metric: 'm', before: 2, after: undefined },
      { cell: 'added', metric: 'm', before: undefined, after: 3 },
    ]);
  });
});
