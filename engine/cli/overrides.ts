import type { Scenario } from '../scenario/index.js';
import { defaultMaxSimulatedMs } from '../scenario/index.js';
import { resolveHealth, resolveTactic, UnknownCellError } from '../simulate.js';
import { UsageError } from './errors.js';

/** Command-line overrides of a scenario's own settings. */
export interface Overrides {
  seed?: number | undefined;
  replications?: number | undefined;
  /** Tactic labels or names to keep (or add with default parameters). */
  tactics?: string[] | undefined;
  /** Health setting labels or built-in names to keep (or add). */
  health?: string[] | undefined;
  durationMs?: number | undefined;
}

/** Whether any override is given. */
export function hasOverrides(o: Overrides): boolean {
  return o.seed !== undefined || o.replications !== undefined || o.tactics !== undefined || o.health !== undefined || o.durationMs !== undefined;
}

/**
 * The scenario with the overrides applied. Cells that are left out drop the expectations that
 * name them (reported in `skipped`), and the baseline moves to the first remaining label of an
 * axis that lost it.
 */
export function applyOverrides(scenario: Scenario, o: Overrides): { scenario: Scenario; skipped: string[] } {
  let s: Scenario = { ...scenario };
  if (o.seed !== undefined) s.seed = o.seed;
  if (o.replications !== undefined) s.replications = o.replications;
  try {
    if (o.tactics) s.tactics = o.tactics.map((name) => resolveTactic(scenario, name));
    if (o.health) s.health = o.health.map((name) => resolveHealth(scenario, name));
  } catch (error) {
    if (error instanceof UnknownCellError) throw new UsageError(error.message);
    throw error;
  }
  if (o.durationMs !== undefined) s = withDuration(s, o.durationMs);
  const tactics = new Set(s.tactics.map((t) => t.name));
  const health = new Set(s.health.map((h) => h.name));
  const baseline = {
    ...s.baseline,
    tactic: tactics.has(s.baseline.tactic) ? s.baseline.tactic : s.tactics[0]!.name,
    health: health.has(s.baseline.health) ? s.baseline.health : s.health[0]!.name,
  };
  const runs = (sel: { tactic?: string; health?: string }): boolean => (sel.tactic === undefined || tactics.has(sel.tactic)) && (sel.health === undefined || health.has(sel.health));
  const kept = s.expect.filter((e) => runs(e.where) && (e.kind === 'bound' || runs(e.than)));
  const skipped = s.expect.filter((e) => !kept.includes(e)).map((e) => e.text);
  return { scenario: { ...s, baseline, expect: kept }, skipped };
}

/** The scenario with another duration; incidents are cut at the new end (those starting after it dropped). */
function withDuration(s: Scenario, durationMs: number): Scenario {
  if (s.warmupMs >= durationMs) throw new UsageError(`--duration must be longer than the scenario's warm-up of ${s.warmupMs / 1000} s`);
  const services = s.services.map((service) => ({
    ...service,
    behavior: {
      ...service.behavior,
      incidents: service.behavior.incidents
        .filter((incident) => incident.startMs < durationMs)
        .map((incident) => ({ ...incident, durationMs: Math.min(incident.durationMs, durationMs - incident.startMs) })),
    },
  }));
  return { ...s, services, durationMs, limits: { ...s.limits, maxSimulatedMs: Math.max(s.limits.maxSimulatedMs, defaultMaxSimulatedMs(durationMs)) } };
}
