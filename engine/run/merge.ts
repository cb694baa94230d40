import type { Results } from './results.js';
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
 * scenario, seeds and cells; every cell exactly once. The baseline and the expectations come from
 * the scenario recorded in the results.
 */
export function mergeShards(shards: readonly Results[]): Results {
  const first = shards[0];
  if (!first) throw new MergeError('nothing to merge: give the results.json of every shard');
  const signature = (r: Results): string => JSON.stringify([r.version, r.lbsimVersion, r.scenario, r.run.seed, r.run.replications, r.run.seeds, r.run.cellCount]);
  for (const shard of shards) {
    if (shard.format !== 'lbsim-results') throw new MergeError('not an lbsim results file');
    if (signature(shard) !== signature(first)) throw new MergeError(`shards come from different runs: ${shard.name} (shard ${shard.run.shard?.index ?? '-'}) differs from ${first.name}`);
  }
  const cells = shards.flatMap((s) => s.cells).sort((a, b) => a.index - b.index);
  const seen = new Set<number>();
  for (const cell of cells) {
    if (seen.has(cell.index)) throw new MergeError(`cell ${cell.id} appears in more than one shard`);
    seen.add(cell.index);
  }
  if (cells.length !== first.run.cellCount) {
    const missing = first.run.cellCount - cells.length;
    throw new MergeError(`${missing} of ${first.run.cellCount} cells are missing: merge the results of every shard`);
  }
  const run = { ...first.run };
  delete run.shard;
  return complete({ ...first, run, cells, comparisons: null, expectations: null }, first.scenario);
}
