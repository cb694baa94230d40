import type { Results } from './results.js';
import { firstDifference, resultsConsistencyProblems } from './results-check.js';
import { keepReplications } from './aggregate.js';
import { autoSecondStage } from './recommendation.js';
import { complete } from './runner.js';

/** Shard results that do not fit together. Stable code: MERGE_MISMATCH. */
export class MergeError extends Error {
  readonly code = 'MERGE_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/**
 * Joins the results of shards of one run into exactly what a single run gives: the same
 * scenario, seeds and cells; every cell exactly once. `names` (the files, for messages) default to
 * "shard 1", "shard 2", ... Every problem names the file and the field. The baseline and the
 * expectations come from the scenario recorded in the results.
 */
export function mergeShards(shards: readonly Results[], names: readonly string[] = shards.map((_, i) => `shard ${i + 1}`)): Results {
  const first = shards[0];
  if (!first) throw new MergeError('nothing to merge: give the results.json of every shard');
  const name = (k: number): string => names[k] ?? `shard ${k + 1}`;
  shards.forEach((shard, k) => {
    if (shard.format !== 'lbsim-results') throw new MergeError(`${name(k)}: not an lbsim results file`);
    if (!shard.run.shard) throw new MergeError(`${name(k)}: not a shard's results (no run.shard); merge the results of lbsim run --shard i/n`);
    const problems = resultsConsistencyProblems(shard);
    if (problems.length > 0) throw new MergeError(`${name(k)}: does not hold together: ${problems.join('; ')}`);
    if (k === 0) return;
    for (const field of ['version', 'lbsimVersion', 'scenario', 'run.seed', 'run.replications', 'run.seeds', 'run.cellCount', 'run.shard.count'] as const) {
      const at = (r: Results): unknown => field.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], r);
      const difference = firstDifference(at(shard), at(first));
      if (difference !== null) {
        const path = field === 'scenario' ? `scenario${difference === '(value)' ? '' : `.${difference}`}` : field;
        throw new MergeError(`${name(k)} and ${name(0)} come from different runs: ${path} differs (${show(at(shard), difference, field)} against ${show(at(first), difference, field)})`);
      }
    }
  });
  const count = first.run.shard!.count;
  const byIndex = new Map<number, number>();
  shards.forEach((shard, k) => {
    const index = shard.run.shard!.index;
    const seen = byIndex.get(index);
    if (seen !== undefined) throw new MergeError(`${name(k)} and ${name(seen)} are both shard ${index}/${count}`);
    byIndex.set(index, k);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge the results of every shard`);
  const cells = shards.flatMap((s) => s.cells).sort((a, b) => a.index - b.index);
  const run = { ...first.run };
  delete run.shard;
  return complete(settleAuto({ ...first, run, cells, comparisons: null, expectations: null, recommendation: null }));
}

/**
 * The cells of a merged auto run as one run keeps them: shards ran every cell to the maximum, so
 * the second stage is planned here from the first stage alone, exactly as runScenario plans it,
 * and each cell is cut to what that plan gives it.
 */
function settleAuto(results: Results): Results {
  if (results.scenario.replicationMode !== 'auto') return results;
  const plan = autoSecondStage(results.cells, results.scenario);
  const cells = results.cells.map((c) => keepReplications(c, plan.contenders.includes(c.id) ? plan.replications : results.scenario.replications));
  const most = Math.max(0, ...cells.map((c) => c.replications.length));
  return { ...results, cells, run: { ...results.run, replications: most, seeds: results.run.seeds.slice(0, most), capped: plan.capped } };
}

/** A short text of a value, or of its part at `path` for the scenario. */
function show(value: unknown, path: string, field: string): string {
  const part = field === 'scenario' && path !== '(value)' ? path.split(/\.|\[|\]/).filter((p) => p !== '').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value) : value;
  const text = JSON.stringify(part) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
