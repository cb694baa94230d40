import { cellId } from './matrix.js';
import type { Results } from './results.js';

/** The cell ids a results file's scenario summary implies, in matrix order. */
function expectedCellIds(results: Results): string[] {
  const { tactics, health, gatewayVariants } = results.scenario;
  return tactics.flatMap((t) => health.flatMap((h) => gatewayVariants.map((g) => cellId(t.name, h.name, g.name))));
}

/**
 * What does not fit together inside one results file: its cells against the matrix its scenario
 * summary implies and its run section (cell count, ids, indexes, the shard it claims, the
 * replications and their seeds). Each problem names the field. Empty when it holds together.
 */
export function resultsConsistencyProblems(results: Results): string[] {
  const problems: string[] = [];
  const ids = expectedCellIds(results);
  const { run } = results;
  if (results.name !== results.scenario.name) problems.push(`name: ${JSON.stringify(results.name)} but scenario.name is ${JSON.stringify(results.scenario.name)}`);
  if (run.cellCount !== ids.length) problems.push(`run.cellCount: ${run.cellCount}, but the scenario's tactics, health settings and gateway variants make ${ids.length} cells`);
  const auto = results.scenario.replicationMode === 'auto';
  // fixed: every cell ran the count; auto: between the first stage and the most any cell ran (a shard runs the maximum)
  const least = auto ? (run.shard ? results.scenario.maxReplications : results.scenario.replications) : results.scenario.replications;
  const most = auto ? results.scenario.maxReplications : results.scenario.replications;
  if (run.replications < least || run.replications > most) problems.push(`run.replications: ${run.replications}, but the scenario runs ${least === most ? least : `${least} to ${most}`}`);
  if (run.seeds.length !== run.replications) problems.push(`run.seeds: ${run.seeds.length} seeds for ${run.replications} replications`);
  const shard = run.shard;
  if (shard && (shard.count < 1 || shard.index < 1 || shard.index > shard.count)) problems.push(`run.shard: ${shard.index}/${shard.count} is not a shard (1 <= index <= count)`);
  const wanted = ids.map((id, index) => ({ id, index })).filter(({ index }) => !shard || index % shard.count === shard.index - 1);
  const got = results.cells.map((c) => `${c.index}:${c.id}`);
  const want = wanted.map((c) => `${c.index}:${c.id}`);
  if (got.join('\n') !== want.join('\n')) {
    const extra = got.filter((c) => !want.includes(c));
    const lacking = want.filter((c) => !got.includes(c));
    const where = shard ? `shard ${shard.index}/${shard.count}` : 'a full run';
    problems.push(
      `cells: not the cells of ${where}${extra.length > 0 ? `; unexpected ${extra.slice(0, 3).join(', ')}` : ''}${lacking.length > 0 ? `; missing ${lacking.slice(0, 3).join(', ')}` : ''}${extra.length + lacking.length === 0 ? '; out of order' : ''}`,
    );
  }
  results.cells.forEach((cell, k) => {
    if (cell.id !== cellId(cell.tactic, cell.health, cell.gateway)) problems.push(`cells[${k}].id: ${JSON.stringify(cell.id)} does not match its tactic, health and gateway`);
    const n = cell.replications.length;
    if (auto ? n < least || n > run.replications : n !== run.replications) problems.push(`cells[${k}].replications: ${n}, but run.replications is ${run.replications}${auto ? ` (auto: ${least} to ${run.replications})` : ''}`);
    cell.replications.forEach((r, i) => {
      if (r.replication !== i || r.seed !== run.seeds[i]) problems.push(`cells[${k}].replications[${i}]: replication ${r.replication} with seed ${r.seed}, expected replication ${i} with seed ${run.seeds[i]}`);
    });
  });
  return problems;
}

/** The first path at which two JSON values differ ('' when equal). */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path || '(value)';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
