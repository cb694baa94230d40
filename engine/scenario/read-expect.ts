/** Internal: reads `expect` (assertions checked in CI) and writes each one's text. */
import { findMetric, METRICS, metricNames } from '../metrics/index.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import type { CellSelector, Expectation } from './model.js';
import type { Issues, Path } from './issues.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { AXES, readSelector, type AxisLabels } from './read-compare.js';
import { isRecord, Mapping, numberReader, readList, reader, type Reader } from './reader.js';
import { SCENARIO_KEYS } from './schema.js';
import { suggest } from './suggest.js';

const EXPECT_EXPECTED = 'an expectation such as { metric: success_rate, at_least: 0.99 } or { metric: latency_p95_ms, where: { tactic: adaptive }, better_than: { tactic: random } }';

/** Per-service metric fields (`share` in `share:openai:gpt-4o`), from the registry's patterns. */
const SERVICE_FIELDS = metricNames()
  .filter((name) => name.endsWith(':<provider:model>'))
  .map((name) => name.slice(0, name.indexOf(':')));

/** Reads the expectation list; selectors must name labels of `labels`, per-service metrics services of `serviceIds`. */
export function readExpectations(issues: Issues, path: Path, value: unknown, labels: AxisLabels, serviceIds: readonly string[] | undefined): Expectation[] | undefined {
  return readList(issues, path, value, { max: L.maxExpectations }, `a list of expectations (${EXPECT_EXPECTED})`, (p, v) => readExpectation(issues, p, v, labels, serviceIds));
}

/** A metric name of the registry; per-service ones must name a service of `serviceIds` (when known). */
export function metricReader(serviceIds: readonly string[] | undefined): Reader<string> {
  const expected = 'a metric name (e.g. success_rate, latency_p95_ms, share:<provider:model>)';
  return reader(expected, (issues, path, value) => {
    if (typeof value !== 'string') return issues.expected(path, expected, value);
    const colon = value.indexOf(':');
    const field = colon < 0 ? value : value.slice(0, colon);
    const service = colon < 0 ? '' : value.slice(colon + 1);
    if (findMetric(value) === undefined) {
      const ids = serviceIds ?? [];
      const candidates = [...METRICS.map((m) => m.name), ...SERVICE_FIELDS.flatMap((f) => ids.map((id) => `${f}:${id}`))];
      const suggestion = suggest(value, candidates) ?? (colon >= 0 ? suggestFieldOnly(field, service) : undefined);
      return issues.expected(path, suggestion === undefined ? `a known metric (${metricNames().join(', ')})` : 'a known metric', value, { suggestion });
    }
    if (colon >= 0 && serviceIds !== undefined && !serviceIds.includes(service)) {
      const near = suggest(service, serviceIds);
      return issues.expected(path, `a per-service metric naming a service of this scenario (${serviceIds.map((id) => `${field}:${id}`).join(', ')})`, value, { suggestion: near === undefined ? undefined : `${field}:${near}` });
    }
    return value;
  });
}

function suggestFieldOnly(field: string, service: string): string | undefined {
  const near = suggest(field, SERVICE_FIELDS);
  return near === undefined ? undefined : `${near}:${service}`;
}

function readExpectation(issues: Issues, path: Path, value: unknown, labels: AxisLabels, serviceIds: readonly string[] | undefined): Expectation | undefined {
  if (!isRecord(value)) return issues.expected(path, EXPECT_EXPECTED, value);
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.expectation, EXPECT_EXPECTED);
  if (!m) return undefined;
  const metric = m.req('metric', metricReader(serviceIds));
  const where = m.opt<CellSelector | undefined>('where', reader('a selector', (i, p, v) => readSelector(i, p, v, labels)), {});
  const bound = numberReader({ min: -L.maxParameter, max: L.maxParameter });
  const atLeast = m.opt<number | undefined>('at_least', bound, undefined);
  const atMost = m.opt<number | undefined>('at_most', bound, undefined);
  const better = m.has('better_than');
  const noWorse = m.has('no_worse_than');
  const thanKey = better ? 'better_than' : 'no_worse_than';
  const than = better || noWorse ? readThan(issues, m, thanKey, labels) : undefined;
  if (better && noWorse) {
    issues.add({ path: m.at('no_worse_than'), message: 'an expectation has either better_than or no_worse_than, not both; write two expectations', expected: 'better_than or no_worse_than', received: 'both' });
  }
  // Both keys are accounted for: the one in use was read above, the other is absent or refused.
  m.raw('better_than');
  m.raw('no_worse_than');
  const margin = m.def('margin', numberReader({ min: 0, max: L.maxParameter }, 'a margin'), SCENARIO_DEFAULTS.expectation);
  m.done();

  const hasBound = m.has('at_least') || m.has('at_most');
  const hasCompare = better || noWorse;
  if (hasBound && hasCompare) {
    issues.add({
      path,
      message: 'an expectation is either a bound (at_least, at_most) or a comparison (better_than, no_worse_than), not both; write two expectations',
      expected: 'at_least/at_most or better_than/no_worse_than',
      received: 'both',
    });
    return undefined;
  }
  if (!hasBound && !hasCompare) {
    issues.add({ path, message: 'expected at_least, at_most, better_than or no_worse_than, got none of them', expected: 'at_least, at_most, better_than or no_worse_than', received: 'none' });
    return undefined;
  }
  if (hasBound && m.has('margin')) {
    issues.add({ path: m.at('margin'), message: 'margin applies to better_than and no_worse_than only; remove it or widen the bounds', expected: 'no margin on a bound', received: issues.describe(m.at('margin'), m.raw('margin')) });
    return undefined;
  }
  if (atLeast !== undefined && atMost !== undefined && atLeast > atMost) {
    issues.expected(m.at('at_most'), `a value >= at_least (${atLeast})`, atMost);
    return undefined;
  }
  if (metric === undefined || where === undefined || margin === undefined) return undefined;
  if (hasBound) {
    if ((m.has('at_least') && atLeast === undefined) || (m.has('at_most') && atMost === undefined)) return undefined;
    const expectation: Expectation = { kind: 'bound', metric, where, text: boundText(metric, where, atLeast, atMost) };
    if (atLeast !== undefined) expectation.atLeast = atLeast;
    if (atMost !== undefined) expectation.atMost = atMost;
    return expectation;
  }
  if (than === undefined || (better && noWorse)) return undefined;
  if (AXES.every((axis) => than[axis] === undefined || than[axis] === where[axis])) {
    issues.add({
      path: m.at(thanKey),
      message: `${thanKey} must change at least one axis of the cells picked by where (here it compares each cell with itself)`,
      expected: 'a tactic, health or gateway label different from where',
      received: selectorText(than) || 'no axis',
    });
    return undefined;
  }
  const relation = better ? 'better' : 'no_worse';
  return { kind: 'compare', metric, where, than, relation, margin, text: compareText(metric, where, than, relation, margin) };
}

function readThan(issues: Issues, m: Mapping, key: 'better_than' | 'no_worse_than', labels: AxisLabels): CellSelector | undefined {
  const than = readSelector(issues, m.at(key), m.raw(key), labels);
  if (than !== undefined && AXES.every((axis) => than[axis] === undefined)) {
    issues.add({ path: m.at(key), message: `expected a selector naming at least one of tactic, health, gateway, got an empty mapping`, expected: 'a selector naming at least one axis', received: 'an empty mapping' });
    return undefined;
  }
  return than;
}

/** `tactic=adaptive, health=default` (axes in tactic, health, gateway order). */
export function selectorText(selector: CellSelector): string {
  return AXES.filter((axis) => selector[axis] !== undefined)
    .map((axis) => `${axis}=${selector[axis]!}`)
    .join(', ');
}

function boundText(metric: string, where: CellSelector, atLeast: number | undefined, atMost: number | undefined): string {
  const range = atLeast !== undefined && atMost !== undefined ? `${atLeast} <= ${metric} <= ${atMost}` : atLeast !== undefined ? `${metric} >= ${atLeast}` : `${metric} <= ${atMost!}`;
  const cells = selectorText(where);
  return cells === '' ? range : `${range} where ${cells}`;
}

function compareText(metric: string, where: CellSelector, than: CellSelector, relation: 'better' | 'no_worse', margin: number): string {
  const cells = selectorText(where) || 'every cell';
  const verb = relation === 'better' ? 'better than' : 'no worse than';
  const by = margin === 0 ? '' : relation === 'better' ? ` by > ${margin}` : ` within ${margin}`;
  return `${metric} of ${cells} ${verb} ${selectorText(than)}${by}`;
}
