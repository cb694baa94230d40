/** `run --explain CELL`: which cell, read the ways a user names one. */
import { cellId, expandCells } from '../run/index.js';
import { suggest, type Scenario } from '../scenario/index.js';
import { UsageError } from './errors.js';

/**
 * The cell id `--explain` names: `tactic|health|gateway`, `tactic|health` (with one gateway
 * variant), the report's `tactic · health · gateway`, or the terminal's
 * `tactic=X health=Y [gateway=Z]` (spaces or commas between).
 */
export function explainedCell(scenario: Scenario, written: string): string {
  const ids = expandCells(scenario).map((c) => c.id);
  const onlyGateway = scenario.gatewayVariants.length === 1 ? scenario.gatewayVariants[0]!.name : undefined;
  const text = written.trim();
  let parts: string[];
  if (/(^|[\s,])tactic=/.test(text)) {
    const axes = Object.fromEntries(text.split(/[\s,]+/).filter((p) => p !== '').map((p) => p.split('=', 2) as [string, string]));
    parts = [axes['tactic'] ?? '', axes['health'] ?? '', ...(axes['gateway'] === undefined ? [] : [axes['gateway']])];
  } else parts = text.split(/\s*[|·]\s*/);
  if (parts.length === 2 && onlyGateway !== undefined) parts.push(onlyGateway);
  const id = parts.length === 3 ? cellId(parts[0]!, parts[1]!, parts[2]!) : text;
  if (ids.includes(id)) return id;
  const near = suggest(id, ids);
  throw new UsageError(`--explain: no cell ${JSON.stringify(written)} in ${scenario.name}${near ? `; did you mean ${near}?` : ''} (cells: ${ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more`}; write tactic|health${onlyGateway === undefined ? '|gateway' : ''} or tactic=X health=Y)`);
}
