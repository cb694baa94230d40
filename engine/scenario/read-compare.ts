/** Internal: reads `compare` (tactics, health settings, gateway variants, baseline) and cell selectors. */
import { BUILTIN_HEALTH_SETTINGS } from '../gateway/index.js';
import type { HealthMonitorConfig, TacticParams } from '../balancer/index.js';
import type { GatewayOptions, HealthSetting, TacticSpec } from '../gateway/index.js';
import { SCENARIO_DEFAULTS as D } from './defaults.js';
import type { CellSelector, GatewayVariant } from './model.js';
import { formatPath, type Issues, type Path } from './issues.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { readGatewayOptions } from './read-gateway.js';
import { booleanReader, choiceReader, integerReader, isRecord, Mapping, numberReader, reader, type Reader, sweepReader } from './reader.js';
import { LABEL_PATTERN, SCENARIO_KEYS } from './schema.js';
import { suggest } from './suggest.js';
import { BUILTIN_HEALTH_NAMES, PARAMS_OF_TACTIC, RETIRED_TACTIC_NAMES, SEED_TACTIC_NAMES, TACTIC_NAMES, TACTIC_TYPES, tacticParam, type TacticName } from './vocabulary.js';

/** The three comparison axes. */
export type Axis = 'tactic' | 'health' | 'gateway';

/** The axes in selector order. */
export const AXES: readonly Axis[] = ['tactic', 'health', 'gateway'];

/** Labels on each axis; an axis is missing when its list has problems (selectors are then not checked against it). */
export type AxisLabels = Partial<Record<Axis, readonly string[]>>;

/** What `compare` resolves to. */
export interface CompareResult {
  tactics: TacticSpec[] | undefined;
  health: HealthSetting[] | undefined;
  gatewayVariants: GatewayVariant[] | undefined;
  baseline: { tactic: string; health: string; gateway: string } | undefined;
  labels: AxisLabels;
}

const LABEL_RE = new RegExp(LABEL_PATTERN);

/** A label: letters, digits and `_ . + -`, starting with a letter or digit. */
export const labelReader: Reader<string> = reader(`a label (letters, digits, _ . + -, starting with a letter or digit; at most ${L.maxLabelLength} characters)`, (issues, path, value) => {
  const expected = labelReader.expected;
  if (typeof value !== 'string') return issues.expected(path, expected, value);
  if (!LABEL_RE.test(value) || value.length > L.maxLabelLength) {
    const hint = value.length > L.maxLabelLength ? `it has ${value.length} characters` : /\s/.test(value) ? `use - or _ instead of spaces, e.g. ${JSON.stringify(value.trim().replace(/\s+/g, '-'))}` : undefined;
    return issues.expected(path, expected, value, { hint });
  }
  return value;
});

/** Reads `compare` (absent: every tactic, every built-in health setting, one gateway variant `default`). */
export function readCompare(issues: Issues, path: Path, value: unknown, gateway: GatewayOptions | undefined): CompareResult {
  const m = value === undefined ? undefined : Mapping.open(issues, path, value, SCENARIO_KEYS.compare, 'a mapping with tactics, health, gateway and baseline');
  if (value !== undefined && m === undefined) return { tactics: undefined, health: undefined, gatewayVariants: undefined, baseline: undefined, labels: {} };
  const tactics = readTactics(issues, [...path, 'tactics'], m?.raw('tactics'));
  const health = readHealthList(issues, [...path, 'health'], m?.raw('health'));
  const variants = readVariants(issues, [...path, 'gateway'], m?.raw('gateway'), gateway);
  const labels: AxisLabels = {};
  if (tactics.complete) labels.tactic = tactics.labels;
  if (health.complete) labels.health = health.labels;
  if (variants.complete) labels.gateway = variants.labels;
  const baseline = readBaseline(issues, [...path, 'baseline'], m?.raw('baseline'), labels, { tactic: tactics.labels[0], health: health.labels[0], gateway: variants.labels[0] });
  m?.done();
  return { tactics: tactics.items, health: health.items, gatewayVariants: variants.items, baseline, labels };
}

/** A list read entry by entry: the items when all are good, and every label that could be read. */
interface LabelledList<T> {
  items: T[] | undefined;
  labels: string[];
  /** Whether every entry gave its label (so selectors can be checked against them). */
  complete: boolean;
}

interface LabelledRead<T> {
  label: string | undefined;
  labelPath: Path;
  item: T | undefined;
}

function labelledList<T>(
  issues: Issues,
  path: Path,
  value: unknown,
  what: string,
  readEntry: (path: Path, value: unknown) => LabelledRead<T> | LabelledRead<T>[],
): LabelledList<T> {
  if (!Array.isArray(value)) return { items: issues.expected(path, what, value), labels: [], complete: false };
  if (value.length === 0) return { items: issues.expected(path, `a non-empty list (${what})`, value), labels: [], complete: false };
  if (value.length > L.maxCompareEntries) return { items: issues.expected(path, `a list of at most ${L.maxCompareEntries} entries`, value), labels: [], complete: false };
  const items: T[] = [];
  const labels: string[] = [];
  const firstAt = new Map<string, number>();
  let ok = true;
  let complete = true;
  // An entry that sweeps a value reads as several, each with its own label.
  value.flatMap((entry: unknown, i) => [readEntry([...path, i], entry)].flat().map((read) => ({ read, i }))).forEach(({ read, i }) => {
    if (read.item === undefined) ok = false;
    else items.push(read.item);
    if (read.label === undefined) {
      complete = false;
      return;
    }
    const seen = firstAt.get(read.label);
    if (seen !== undefined) {
      issues.add({
        path: read.labelPath,
        message: `duplicate label ${JSON.stringify(read.label)} (also ${formatPath([...path, seen])}): labels in a comparison list must be unique; give one of them a different name`,
        expected: 'a label not used by another entry',
        received: JSON.stringify(read.label),
      });
      ok = false;
      return;
    }
    firstAt.set(read.label, i);
    labels.push(read.label);
  });
  return { items: ok ? items : undefined, labels, complete };
}

function allTactics(): TacticSpec[] {
  return SEED_TACTIC_NAMES.map((name) => ({ name, type: TACTIC_TYPES[name], params: {} }));
}

const TACTICS_EXPECTED = `"all", or a list of tactic names (${TACTIC_NAMES.join(', ')}) and { tactic, name, params } entries`;

function readTactics(issues: Issues, path: Path, written: unknown): LabelledList<TacticSpec> {
  const value = written === undefined ? D.compare.tactics : written;
  if (value === 'all') {
    const items = allTactics();
    return { items, labels: items.map((t) => t.name), complete: true };
  }
  if (typeof value === 'string') {
    const suggestion = suggest(value, ['all']);
    issues.expected(path, TACTICS_EXPECTED, value, suggestion ? { suggestion } : { hint: `write a list, e.g. [${TACTIC_NAMES.includes(value as TacticName) ? value : 'random'}]` });
    return { items: undefined, labels: [], complete: false };
  }
  return labelledList(issues, path, value, TACTICS_EXPECTED, (p, v) => readTacticEntry(issues, p, v));
}

const tacticNameReader: Reader<TacticName> = reader(`one of ${TACTIC_NAMES.join(', ')}`, (issues, path, value) => {
  if (typeof value === 'string' && Object.hasOwn(RETIRED_TACTIC_NAMES, value)) {
    const meant = RETIRED_TACTIC_NAMES[value]!;
    return issues.expected(path, `one of ${TACTIC_NAMES.join(', ')}`, value, { hint: `${value} is retired: the gateway reads it as ${meant}; write ${meant}` });
  }
  return choiceReader(TACTIC_NAMES).read(issues, path, value);
});

/**
 * A tactic: a name, or a `{ tactic, name, params }` entry; a parameter given as a list sweeps it,
 * one tactic per value (and per combination), labelled `<name>-<value>` in the parameters' order
 * (`latency-p95`, `latency-p99`; `latency-1500-p95` when the threshold is swept as well).
 */
function readTacticEntry(issues: Issues, path: Path, value: unknown): LabelledRead<TacticSpec> | LabelledRead<TacticSpec>[] {
  if (!isRecord(value)) {
    const name = tacticNameReader.read(issues, path, value);
    return { label: name, labelPath: path, item: name === undefined ? undefined : { name, type: TACTIC_TYPES[name], params: {} } };
  }
  if (Object.hasOwn(value, 'lb_tactic')) return readGatewayTacticEntry(issues, path, value);
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.tacticEntry, 'a tactic entry');
  if (!m) return { label: undefined, labelPath: path, item: undefined };
  const tactic = m.req('tactic', tacticNameReader);
  const name = m.opt<string | undefined>('name', labelReader, tactic);
  const sweep = m.opt<ParamSweep>('params', reader('a mapping of tactic parameters', (i, p, v) => readParams(i, p, v, tactic, true)), []);
  m.done();
  const labelPath = m.has('name') ? m.at('name') : path;
  if (tactic === undefined || name === undefined || sweep === undefined) return { label: name, labelPath, item: undefined };
  return combinations(sweep).map(({ params, swept }) => {
    const label = [name, ...swept].join('-');
    return { label, labelPath, item: { name: label, type: TACTIC_TYPES[tactic], params } };
  });
}

/** Each parameter read, with every value when it is swept. */
type ParamSweep = Array<{ key: string; values: Array<number | string>; swept: boolean }>;

/** Every combination of the swept values, with the swept values in order for the label. */
function combinations(sweep: ParamSweep): Array<{ params: TacticParams; swept: Array<number | string> }> {
  let out: Array<{ params: Record<string, number | string>; swept: Array<number | string> }> = [{ params: {}, swept: [] }];
  for (const { key, values, swept } of sweep) {
    out = out.flatMap((c) => values.map((v) => ({ params: { ...c.params, [key]: v }, swept: swept ? [...c.swept, v] : c.swept })));
  }
  return out.map((c) => ({ params: c.params as TacticParams, swept: c.swept }));
}

/** A `{ name, lb_tactic: { type, params } }` entry: the gateway's own lb_tactic, pasted from a rule. */
function readGatewayTacticEntry(issues: Issues, path: Path, value: Record<string, unknown>): LabelledRead<TacticSpec> {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.gatewayTacticEntry, "a { name, lb_tactic } entry with the gateway's lb_tactic");
  if (!m) return { label: undefined, labelPath: path, item: undefined };
  const lb = m.req(
    'lb_tactic',
    reader("the gateway's lb_tactic: { type, params }", (i, p, v) => {
      const inner = Mapping.open(i, p, v, SCENARIO_KEYS.lbTactic, "the gateway's lb_tactic: { type, params }");
      if (!inner) return undefined;
      const tactic = inner.req('type', tacticNameReader);
      const sweep = inner.opt<ParamSweep>('params', reader('a mapping of tactic parameters', (i2, p2, v2) => readParams(i2, p2, v2, tactic, false)), []);
      inner.done();
      return tactic === undefined || sweep === undefined ? undefined : { tactic, params: combinations(sweep)[0]!.params };
    }),
  );
  const name = m.opt<string | undefined>('name', labelReader, lb?.tactic);
  m.done();
  const labelPath = m.has('name') ? m.at('name') : path;
  if (lb === undefined || name === undefined) return { label: name, labelPath, item: undefined };
  return { label: name, labelPath, item: { name, type: TACTIC_TYPES[lb.tactic], params: lb.params } };
}

function paramReader(name: string): Reader<number | string> {
  const type = tacticParam(name)!.type;
  const note = ' (0 means the default, as in the gateway)';
  switch (type.kind) {
    case 'choice':
      return choiceReader(type.choices);
    case 'integer':
      return integerReader({ min: 0, max: L.maxParameter }, note);
    case 'number':
      return type.below === undefined ? numberReader({ min: 0, max: L.maxParameter }, 'a number', note) : numberReader({ min: 0, max: type.below, exclusiveMax: true }, 'a number', note);
  }
}

function takesText(tactic: TacticName): string {
  const own = PARAMS_OF_TACTIC[tactic];
  return own.length === 0 ? `${tactic} takes no parameters` : `${tactic} takes ${own.join(', ')}`;
}

/** One value read as a list of one (where a sweep is not allowed). */
function single<T>(inner: Reader<T>): Reader<T[]> {
  return reader(inner.expected, (i, p, v) => {
    const x = inner.read(i, p, v);
    return x === undefined ? undefined : [x];
  });
}

/** A tactic's parameters; with `sweeps`, a parameter may be a list of values to sweep (not in the gateway's own lb_tactic). */
function readParams(issues: Issues, path: Path, value: unknown, tactic: TacticName | undefined, sweeps: boolean): ParamSweep | undefined {
  const all = [...new Set(Object.values(PARAMS_OF_TACTIC).flat())];
  const own = tactic === undefined ? all : PARAMS_OF_TACTIC[tactic];
  const m = Mapping.open(issues, path, value, own, 'a mapping of tactic parameters', (key) => {
    if (tactic === undefined) return undefined;
    const owners = TACTIC_NAMES.filter((t) => PARAMS_OF_TACTIC[t].includes(key));
    const suggestion = suggest(key, own);
    if (owners.length > 0) {
      return { message: `${key} is not a parameter of ${tactic} (it belongs to ${owners.join(' and ')}); ${takesText(tactic)}`, expected: takesText(tactic), suggestion: undefined };
    }
    return { message: `unknown parameter "${key}"${suggestion === undefined ? `; ${takesText(tactic)}` : ''}`, expected: takesText(tactic), suggestion };
  });
  if (!m) return undefined;
  const sweep: ParamSweep = [];
  let ok = true;
  for (const name of own) {
    if (!m.has(name)) {
      m.raw(name);
      continue;
    }
    const one = paramReader(name);
    const swept = sweeps && Array.isArray(m.raw(name));
    const values = m.req(name, sweeps ? sweepReader(one, L.maxSweepValues) : single(one));
    if (values === undefined) ok = false;
    else sweep.push({ key: tacticParam(name)!.key, values, swept });
  }
  m.done();
  return ok ? sweep : undefined;
}

const HEALTH_EXPECTED = `"all", or a list of built-in settings (${BUILTIN_HEALTH_NAMES.join(', ')}) and { name, consecutive_error_threshold, recovery_timeout_seconds, probe_enabled } entries`;

function builtinHealth(name: string): HealthSetting {
  const found = BUILTIN_HEALTH_SETTINGS.find((h) => h.name === name)!;
  return { name: found.name, config: found.config === null ? null : { ...found.config } };
}

function readHealthList(issues: Issues, path: Path, written: unknown): LabelledList<HealthSetting> {
  const value = written === undefined ? D.compare.health : written;
  if (value === 'all') {
    const items = BUILTIN_HEALTH_NAMES.map(builtinHealth);
    return { items, labels: items.map((h) => h.name), complete: true };
  }
  if (typeof value === 'string') {
    const suggestion = suggest(value, ['all']);
    issues.expected(path, HEALTH_EXPECTED, value, suggestion ? { suggestion } : { hint: 'write a list, e.g. [default]' });
    return { items: undefined, labels: [], complete: false };
  }
  return labelledList(issues, path, value, HEALTH_EXPECTED, (p, v) => readHealthEntry(issues, p, v));
}

/**
 * A health setting: a built-in name, or a { name, ... } mapping; a threshold or a recovery timeout
 * given as a list sweeps it, one setting per value (and per combination), labelled
 * `<name>-<value>` (`quick-30`, `quick-60`; `quick-3-30` when both are swept).
 */
function readHealthEntry(issues: Issues, path: Path, value: unknown): LabelledRead<HealthSetting> | LabelledRead<HealthSetting>[] {
  if (!isRecord(value)) {
    const name = choiceReader(BUILTIN_HEALTH_NAMES, `a built-in health setting (${BUILTIN_HEALTH_NAMES.join(', ')}) or a { name, ... } mapping`).read(issues, path, value);
    return { label: name, labelPath: path, item: name === undefined ? undefined : builtinHealth(name) };
  }
  const pasted = Object.hasOwn(value, 'health_monitor');
  const m = Mapping.open(issues, path, value, pasted ? SCENARIO_KEYS.healthMonitorEntry : SCENARIO_KEYS.healthEntry, pasted ? "a { name, health_monitor } entry with the gateway's block" : 'a health setting');
  if (!m) return { label: undefined, labelPath: path, item: undefined };
  let name = m.req('name', labelReader);
  if (name !== undefined && (BUILTIN_HEALTH_NAMES as readonly string[]).includes(name)) {
    issues.expected(m.at('name'), `a name other than the built-in settings (${BUILTIN_HEALTH_NAMES.join(', ')})`, name, { hint: `list the built-in one as - ${name}, or give yours another name` });
    name = undefined;
  }
  // The gateway's block pasted as is has the same keys, one level down (and no sweeps or hold).
  const keys = pasted ? Mapping.open(issues, m.at('health_monitor'), m.raw('health_monitor'), SCENARIO_KEYS.healthMonitorBlock, "the gateway's health_monitor block") : m;
  if (!keys) return { label: name, labelPath: m.at('name'), item: undefined };
  const values = <T>(inner: Reader<T>): Reader<T[]> => (pasted ? single(inner) : sweepReader(inner, L.maxSweepValues));
  const thresholds = keys.def('consecutive_error_threshold', values(integerReader({ min: 0, max: L.maxErrorThreshold })), D.healthEntry);
  const timeouts = keys.def('recovery_timeout_seconds', values(integerReader({ min: 0, max: L.maxRecoveryTimeoutSeconds })), D.healthEntry);
  const probeEnabled = keys.def('probe_enabled', booleanReader(), D.healthEntry);
  const rateLimitHold = pasted ? false : m.def('rate_limit_hold', booleanReader(), D.healthEntry);
  if (pasted) keys.done();
  m.done();
  if (name === undefined || thresholds === undefined || timeouts === undefined || probeEnabled === undefined || rateLimitHold === undefined) {
    return { label: name, labelPath: m.at('name'), item: undefined };
  }
  const base = name;
  return thresholds.flatMap((consecutiveErrorThreshold) =>
    timeouts.map((recoveryTimeoutSeconds) => {
      const label = [base, ...(thresholds.length > 1 ? [consecutiveErrorThreshold] : []), ...(timeouts.length > 1 ? [recoveryTimeoutSeconds] : [])].join('-');
      const config: HealthMonitorConfig = { consecutiveErrorThreshold, recoveryTimeoutSeconds, probeEnabled };
      if (rateLimitHold) config.rateLimitHold = true;
      return { label, labelPath: m.at('name'), item: { name: label, config } };
    }),
  );
}

function readVariants(issues: Issues, path: Path, value: unknown, gateway: GatewayOptions | undefined): LabelledList<GatewayVariant> {
  if (value === undefined) {
    return { items: gateway === undefined ? undefined : [{ name: 'default', options: { ...gateway, retryOn: [...gateway.retryOn] } }], labels: ['default'], complete: true };
  }
  return labelledList(issues, path, value, 'a list of gateway variants, e.g. [{ name: no-retry }, { name: failover, max_attempts: 3 }]', (p, v) => {
    const m = Mapping.open(issues, p, v, SCENARIO_KEYS.gatewayVariant, 'a gateway variant mapping with a name and gateway options to override');
    if (!m) return { label: undefined, labelPath: p, item: undefined };
    const name = m.req('name', labelReader);
    // Without valid top-level options the overrides are still checked, against the upstream defaults.
    const options = readGatewayOptions(m, gateway);
    m.done();
    return { label: name, labelPath: m.at('name'), item: name === undefined || options === undefined || gateway === undefined ? undefined : { name, options } };
  });
}

const AXIS_NOUN: Readonly<Record<Axis, string>> = { tactic: 'tactic', health: 'health setting', gateway: 'gateway variant' };

/** A label on `axis` that the scenario defines (checked only when the axis' labels are known). */
export function readAxisLabel(issues: Issues, path: Path, value: unknown, axis: Axis, labels: AxisLabels): string | undefined {
  const known = labels[axis];
  const label = labelReader.read(issues, path, value);
  if (label === undefined || known === undefined || known.includes(label)) return label;
  return issues.expected(path, `a ${AXIS_NOUN[axis]} label of this scenario (${known.join(', ')})`, value, { suggestion: suggest(label, known) });
}

/** A cell selector `{ tactic?, health?, gateway? }` whose labels exist. */
export function readSelector(issues: Issues, path: Path, value: unknown, labels: AxisLabels): CellSelector | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.selector, 'a selector mapping with tactic, health and/or gateway labels');
  if (!m) return undefined;
  const selector: CellSelector = {};
  let ok = true;
  for (const axis of AXES) {
    if (!m.has(axis)) {
      m.raw(axis);
      continue;
    }
    const label = readAxisLabel(issues, m.at(axis), m.raw(axis), axis, labels);
    if (label === undefined) ok = false;
    else selector[axis] = label;
  }
  m.done();
  return ok ? selector : undefined;
}

function readBaseline(issues: Issues, path: Path, value: unknown, labels: AxisLabels, firsts: Record<Axis, string | undefined>): CompareResult['baseline'] {
  const selector = value === undefined ? {} : readSelector(issues, path, value, labels);
  if (selector === undefined) return undefined;
  const tactic = selector.tactic ?? firsts.tactic;
  const health = selector.health ?? firsts.health;
  const gateway = selector.gateway ?? firsts.gateway;
  if (tactic === undefined || health === undefined || gateway === undefined) return undefined;
  return { tactic, health, gateway };
}
