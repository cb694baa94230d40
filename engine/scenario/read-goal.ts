/** Internal: reads `goal` (what the recommendation looks for) and the replications it runs with. */
import { findMetric } from '../metrics/index.js';
import { SCENARIO_DEFAULTS as D } from './defaults.js';
import type { Issues, Path } from './issues.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import type { Goal, GoalConstraint, Indifference } from './model.js';
import { metricReader } from './read-expect.js';
import { integerReader, isRecord, listReader, Mapping, numberReader, reader, type Reader } from './reader.js';
import { SCENARIO_KEYS } from './schema.js';

const GOAL_EXPECTED = 'a mapping with optimize, constraints, tie_breakers, indifference and confidence';

/** The indifference zone a goal metric gets when the goal does not give one: 0.2 points for rates, 5% of the best otherwise. */
export function defaultIndifference(metric: string): Indifference {
  return findMetric(metric)?.unit === 'fraction' ? { kind: 'absolute', value: 0.002 } : { kind: 'relative', fraction: 0.05 };
}

const CONSTRAINT_RE = /^\s*(\S+?)\s*(>=|<=)\s*(-?[0-9.]+(?:e-?[0-9]+)?)\s*$/;

function constraintReader(serviceIds: readonly string[] | undefined): Reader<GoalConstraint> {
  const expected = 'a constraint "<metric> >= <value>" or "<metric> <= <value>", e.g. "success_rate >= 0.99"';
  return reader(expected, (issues, path, value) => {
    if (typeof value !== 'string') return issues.expected(path, expected, value);
    const m = CONSTRAINT_RE.exec(value);
    if (!m || !Number.isFinite(Number(m[3]))) return issues.expected(path, expected, value, { hint: /[<>]\s*[^=]/.test(value) && !/[<>]=/.test(value) ? 'use >= or <=' : undefined });
    const metric = metricReader(serviceIds).read(issues, path, m[1]);
    if (metric === undefined) return undefined;
    return { metric, op: m[2] as '>=' | '<=', value: Number(m[3]), text: `${metric} ${m[2]} ${Number(m[3])}` };
  });
}

const indifferenceValue: Reader<Indifference> = reader('a difference in the metric\'s unit (a number >= 0) or a percentage of the best value ("5%")', (issues, path, value) => {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { kind: 'absolute', value } : issues.expected(path, 'a number >= 0', value);
  if (typeof value === 'string' && /^[0-9.]+%$/.test(value)) {
    const percent = Number(value.slice(0, -1));
    if (Number.isFinite(percent) && percent >= 0 && percent <= 100) return { kind: 'relative', fraction: percent / 100 };
  }
  return issues.expected(path, 'a number >= 0 or a percentage such as "5%"', value);
});

/** Reads `goal` (absent: the default goal, `stated: false`); per-service metrics must name services of `serviceIds`. */
export function readGoal(issues: Issues, path: Path, value: unknown, serviceIds: readonly string[] | undefined): Goal | undefined {
  const stated = value !== undefined;
  const m = Mapping.open(issues, path, value ?? {}, SCENARIO_KEYS.goal, GOAL_EXPECTED);
  if (!m) return undefined;
  const metric = metricReader(serviceIds);
  const optimize = m.def('optimize', metric, D.goal);
  const constraints = m.def('constraints', listReader(constraintReader(serviceIds), { max: L.maxConstraints, what: 'a list of constraints' }), D.goal);
  let tieBreakers = m.def('tie_breakers', listReader(metric, { max: L.maxTieBreakers, what: 'a list of metrics' }), D.goal);
  const confidence = m.def('confidence', numberReader({ min: 0.5, exclusiveMin: true, max: 0.999 }, 'a probability'), D.goal);
  const zones = m.opt<Record<string, Indifference> | undefined>(
    'indifference',
    reader('a mapping from goal metric to its indifference zone', (i, p, v) => {
      if (!isRecord(v)) return i.expected(p, 'a mapping from goal metric to its indifference zone, e.g. { success_rate: 0.002, latency_p95_ms: 5% }', v);
      const out: Record<string, Indifference> = {};
      let ok = true;
      for (const [key, zone] of Object.entries(v)) {
        const read = indifferenceValue.read(i, [...p, key], zone);
        if (read === undefined) ok = false;
        else out[key] = read;
      }
      return ok ? out : undefined;
    }),
    {},
  );
  m.done();
  if (optimize === undefined || constraints === undefined || tieBreakers === undefined || confidence === undefined || zones === undefined) return undefined;
  // The default tie-breakers leave out the metric optimised: `goal: { optimize: latency_p95_ms }` is valid as written.
  if (!m.has('tie_breakers')) tieBreakers = tieBreakers.filter((t) => t !== optimize);
  const goalMetrics = [optimize, ...tieBreakers];
  let ok = true;
  tieBreakers.forEach((t, k) => {
    if (goalMetrics.indexOf(t) !== k + 1) {
      issues.expected([...path, 'tie_breakers', k], 'a metric not already in the goal (optimize and the tie-breakers before it)', t);
      ok = false;
    }
  });
  for (const key of Object.keys(zones)) {
    if (!goalMetrics.includes(key)) {
      issues.expected([...path, 'indifference', key], `a goal metric (${goalMetrics.join(', ')})`, key);
      ok = false;
    }
  }
  if (!ok) return undefined;
  const indifference = Object.fromEntries(goalMetrics.map((g) => [g, zones[g] ?? defaultIndifference(g)]));
  return { optimize, constraints, tieBreakers, indifference, confidence, stated };
}

/** Reads `replications` (a count or `auto`) with `first_stage_replications` and `max_replications`. */
export function readReplications(root: Mapping): { replications: number; replicationMode: 'fixed' | 'auto'; maxReplications: number } | undefined {
  const countOrAuto = reader<number | 'auto'>(`a whole number from 1 to ${L.maxReplications}, or auto`, (issues, path, value) => {
    if (value === 'auto') return 'auto';
    if (typeof value === 'string' && !/^\s*-?[0-9.]+\s*$/.test(value)) return issues.expected(path, `a whole number from 1 to ${L.maxReplications}, or auto`, value);
    return integerReader({ min: 1, max: L.maxReplications }).read(issues, path, value);
  });
  const replications = root.def('replications', countOrAuto, D.root);
  const firstStage = root.def('first_stage_replications', integerReader({ min: 2, max: L.maxReplications }), D.root);
  const max = root.def('max_replications', integerReader({ min: 2, max: L.maxReplications }), D.root);
  if (replications === undefined || firstStage === undefined || max === undefined) return undefined;
  if (replications !== 'auto') {
    for (const key of ['first_stage_replications', 'max_replications']) {
      if (root.has(key)) root.issues.expected(root.at(key), 'no such key next to a fixed replication count (it belongs to replications: auto)', root.raw(key));
    }
    return { replications, replicationMode: 'fixed', maxReplications: replications };
  }
  if (max < firstStage) return root.issues.expected(root.at('max_replications'), `at least first_stage_replications (${firstStage})`, root.raw('max_replications') ?? max);
  return { replications: firstStage, replicationMode: 'auto', maxReplications: max };
}

/** The goal of a scenario that states none. */
export function defaultGoal(): Goal {
  const metrics = [D.goal.optimize, ...D.goal.tie_breakers];
  return {
    optimize: D.goal.optimize,
    constraints: [],
    tieBreakers: [...D.goal.tie_breakers],
    indifference: Object.fromEntries(metrics.map((m) => [m, defaultIndifference(m)])),
    confidence: D.goal.confidence,
    stated: false,
  };
}
