/**
 * `--explain CELL`: every selection of one cell's first replication, with its candidates' health,
 * what the tactic read of each, the pick and how the attempt ended, so "why did my traffic move
 * to the backup?" has an answer. The explained replication is the one the results hold (same
 * seed, same plan): explaining changes nothing it reads.
 */
import { outcomeName, type SelectionRecord } from '../gateway/index.js';
import type { Scenario } from '../scenario/index.js';
import { expandCells, replicationSeed } from './matrix.js';
import { replicationPlan, simulatePlan } from './plan.js';

/** A selection and how the attempt it started ended. */
export interface ExplainedSelection extends SelectionRecord {
  /** The attempt's outcome ("ok", "http_503", "timeout", ...; "no_healthy" when nothing was picked). */
  outcome: string;
}

/** One cell's first replication, selection by selection. */
export interface Explanation {
  scenario: string;
  cell: string;
  seed: number;
  /** The scenario's duration and bucket width, in ms, for charts of the timeline. */
  durationMs: number;
  bucketMs: number;
  services: string[];
  selections: ExplainedSelection[];
}

/** Runs `cell` (an id `tactic|health|gateway` of the scenario) once more, replication 0, explaining each selection. */
export function explainCell(scenario: Scenario, cell: string): Explanation {
  const found = expandCells(scenario).find((c) => c.id === cell);
  if (!found) throw new RangeError(`no cell ${cell} in scenario ${scenario.name}`);
  const plan = replicationPlan(scenario, found, 0);
  const selections: SelectionRecord[] = [];
  const outcomes = new Map<string, string>();
  simulatePlan(plan, {
    onSelect: (record) => selections.push(record),
    onAttempt: (record) => outcomes.set(`${record.index}/${record.attempt}`, outcomeName(record.outcome)),
  });
  return {
    scenario: scenario.name,
    cell,
    seed: replicationSeed(scenario.seed, 0),
    durationMs: scenario.durationMs,
    bucketMs: plan.bucketMs,
    services: scenario.services.map((s) => `${s.provider}:${s.model}`),
    selections: selections.map((s) => ({ ...s, outcome: s.pick === null ? 'no_healthy' : (outcomes.get(`${s.request}/${s.attempt}`) ?? 'unfinished') })),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The explanation as JSON lines: a header line, then one line per selection in time order (snake_case, times in ms). */
export function explanationJsonl(e: Explanation): string {
  const header = { type: 'explain', scenario: e.scenario, cell: e.cell, replication: 0, seed: e.seed, services: e.services, selections: e.selections.length };
  const lines = e.selections.map((s) =>
    JSON.stringify({
      type: 'selection',
      time_ms: round(s.timeMs),
      request: s.request,
      attempt: s.attempt,
      pick: s.pick,
      by: s.by,
      outcome: s.outcome,
      reading: s.reading,
      candidates: s.candidates.map((c) => ({
        service: c.service,
        eligible: c.eligible,
        healthy: c.healthy,
        health: c.health && { status: c.health.status, consecutive_errors: c.health.consecutiveErrors, rate_limited: c.health.rateLimited, last_error_ms: c.health.lastErrorMs === null ? null : round(c.health.lastErrorMs) },
        reading: c.reading === null ? null : round(c.reading),
      })),
    }),
  );
  return `${[JSON.stringify(header), ...lines].join('\n')}\n`;
}
