/**
 * Command-line overrides of a scenario's own settings. They change the scenario document before it
 * is validated, so every rule of the format (the longest duration, the bucket count, non-empty
 * lists, ...) holds for an overridden run too, and a problem names the option that caused it.
 */
import { BUILTIN_HEALTH_NAMES, formatDurationMs, parseDurationText, suggest, TACTIC_NAMES } from '../scenario/index.js';
import type { CellSelector, Scenario, ScenarioEdit, ValueOrigin } from '../scenario/index.js';
import { UsageError } from './errors.js';

/** Command-line overrides of a scenario's own settings, as typed on the command line. */
export interface Overrides {
  /** `--seed`: a whole number. */
  seed?: string | undefined;
  /** `--replications`: a whole number. */
  replications?: string | undefined;
  /** `--tactics`: comma-separated tactic labels of the scenario or tactic names (added with default parameters). */
  tactics?: string | undefined;
  /** `--health`: comma-separated health-setting labels of the scenario or built-in names. */
  health?: string | undefined;
  /** `--gateway`: comma-separated gateway-variant labels of the scenario. */
  gateway?: string | undefined;
  /** `--duration`: a duration with a unit, e.g. `5m`; incidents are cut at the new end. */
  duration?: string | undefined;
}

const OPTION_NAMES: Readonly<Record<keyof Overrides, string>> = { seed: '--seed', replications: '--replications', tactics: '--tactics', health: '--health', gateway: '--gateway', duration: '--duration' };

/** Whether any override is given. */
export function hasOverrides(o: Overrides): boolean {
  return Object.values(o).some((value) => value !== undefined);
}

/** The overrides as typed: `--seed 9 --duration 20s`. */
export function overridesText(o: Overrides): string {
  return (Object.keys(OPTION_NAMES) as (keyof Overrides)[])
    .filter((key) => o[key] !== undefined)
    .map((key) => `${OPTION_NAMES[key]} ${/^[\w.,/:+-]+$/.test(o[key]!) ? o[key]! : JSON.stringify(o[key])}`)
    .join(' ');
}

/**
 * Loads a scenario with the overrides applied. `load(edit)` reads and validates the file, changed
 * by `edit` when one is given. The file as written must be valid first (its labels, baseline and
 * expectations are what the overrides are resolved against); the overridden document is then
 * validated in full. Cells that are left out drop the expectations that name them (their texts in
 * `skipped`), and the baseline moves to the first remaining label of an axis that lost it.
 */
export function loadWithOverrides(load: (edit?: ScenarioEdit) => Scenario, o: Overrides): { scenario: Scenario; skipped: string[] } {
  const written = load();
  if (!hasOverrides(o)) return { scenario: written, skipped: [] };
  for (const key of ['seed', 'replications'] as const) checkDecimal(OPTION_NAMES[key], o[key]);
  const tacticLabels = written.tactics.map((t) => t.name);
  const healthLabels = written.health.map((h) => h.name);
  const tactics = o.tactics === undefined ? undefined : selectLabels('--tactics', o.tactics, 'tactic', tacticLabels, TACTIC_NAMES);
  const health = o.health === undefined ? undefined : selectLabels('--health', o.health, 'health setting', healthLabels, BUILTIN_HEALTH_NAMES);
  const gatewayLabels = written.gatewayVariants.map((g) => g.name);
  const gateway = o.gateway === undefined ? undefined : selectLabels('--gateway', o.gateway, 'gateway variant', gatewayLabels, []);
  const keptTactics = new Set(tactics ?? tacticLabels);
  const keptHealth = new Set(health ?? healthLabels);
  const keptGateway = new Set(gateway ?? gatewayLabels);
  const runs = (sel: CellSelector): boolean =>
    (sel.tactic === undefined || keptTactics.has(sel.tactic)) && (sel.health === undefined || keptHealth.has(sel.health)) && (sel.gateway === undefined || keptGateway.has(sel.gateway));
  const dropped = new Set(written.expect.flatMap((e, i) => (runs(e.where) && (e.kind === 'bound' || runs(e.than)) ? [] : [i])));
  const baseline = {
    tactic: keptTactics.has(written.baseline.tactic) ? written.baseline.tactic : tactics![0]!,
    health: keptHealth.has(written.baseline.health) ? written.baseline.health : health![0]!,
    gateway: keptGateway.has(written.baseline.gateway) ? written.baseline.gateway : gateway![0]!,
  };

  const edit: ScenarioEdit = {
    description: overridesText(o),
    apply(document) {
      const doc = structuredClone(document) as Record<string, unknown>;
      const origins: ValueOrigin[] = [];
      const set = (key: keyof Overrides, path: readonly string[], value: unknown): void => {
        let node = doc;
        for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
        node[path[path.length - 1]!] = value;
        origins.push({ path, origin: OPTION_NAMES[key] });
      };
      if (o.seed !== undefined) set('seed', ['seed'], optionNumber(o.seed));
      if (o.replications !== undefined) {
        set('replications', ['replications'], optionNumber(o.replications));
        // a fixed count replaces an auto run's settings, which only belong next to auto
        if (o.replications.trim() !== 'auto') for (const key of ['first_stage_replications', 'max_replications']) delete doc[key];
      }
      if (o.duration !== undefined) {
        set('duration', ['duration'], o.duration);
        cutIncidents(doc, o.duration);
      }
      if (tactics !== undefined || health !== undefined || gateway !== undefined) {
        const compare = (doc['compare'] ?? {}) as Record<string, unknown>;
        if (tactics !== undefined) set('tactics', ['compare', 'tactics'], tactics.map((label) => entryOf(compare['tactics'], tacticLabels, label)));
        if (health !== undefined) set('health', ['compare', 'health'], health.map((label) => entryOf(compare['health'], healthLabels, label)));
        // Without compare.gateway the only variant is the scenario's own gateway: nothing to select.
        if (gateway !== undefined && Array.isArray(compare['gateway'])) set('gateway', ['compare', 'gateway'], gateway.map((label) => entryOf(compare['gateway'], gatewayLabels, label)));
        // Written out, so that a baseline the file left to "the first label" stays where it was.
        (doc['compare'] as Record<string, unknown>)['baseline'] = baseline;
        if (Array.isArray(doc['expect'])) doc['expect'] = doc['expect'].filter((_, i) => !dropped.has(i));
      }
      return { document: doc, origins };
    },
  };
  return { scenario: load(edit), skipped: written.expect.filter((_, i) => dropped.has(i)).map((e) => e.text) };
}

/**
 * The labels an option names, in its order: each a label of the scenario or a built-in name.
 * Empty names (`a,,b`, a trailing comma) are ignored; none at all is an error.
 */
function selectLabels(option: string, text: string, noun: string, labels: readonly string[], builtins: readonly string[]): string[] {
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const known = `a ${noun} label of the scenario (${labels.join(', ')})${builtins.length > 0 ? ` or a built-in name (${builtins.join(', ')})` : ''}`;
  if (names.length === 0) throw new UsageError(`${option}: expected a comma-separated list, each ${known}; got ${JSON.stringify(text)}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (!labels.includes(name) && !builtins.includes(name)) {
      const near = suggest(name, [...labels, ...builtins]);
      throw new UsageError(`${option}: unknown ${noun} ${JSON.stringify(name)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}: expected ${known}`);
    }
    if (seen.has(name)) throw new UsageError(`${option}: ${JSON.stringify(name)} is named twice in ${JSON.stringify(text)}`);
    seen.add(name);
  }
  return names;
}

/** The document entry of a label: the file's own entry when it has one, else the built-in name. */
function entryOf(written: unknown, labels: readonly string[], label: string): unknown {
  const at = labels.indexOf(label);
  // `all` (or no list) stands for the built-in names themselves; a list's entries are in label order.
  return at >= 0 && Array.isArray(written) ? written[at] : label;
}

/**
 * `--seed` and `--replications` take decimal digits only: `0x10` or `1e3` would be read as numbers
 * by JavaScript, and a seed typed in hex by mistake would silently run another experiment. (In a
 * scenario file, YAML's own integer forms such as 0x10 are YAML, and mean what YAML says.)
 */
function checkDecimal(option: string, text: string | undefined): void {
  if (text === undefined || /^\s*-?\d+(\.\d+)?\s*$/.test(text)) return;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return; // not a number at all: the scenario rules say what is expected
  const hint = Number.isSafeInteger(n) ? ` (did you mean ${n}?)` : '';
  throw new UsageError(`${option} takes a whole number in decimal digits, got ${JSON.stringify(text)}${hint}`);
}

/** An option's text as the value a file would hold: a number when it reads as one (so `1.5` is "not whole", not "not a number"). */
function optionNumber(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/** A duration value of the document in ms; undefined when it is not one (validation reports it). */
function durationOf(value: unknown): number | undefined {
  if (value === 0) return 0;
  if (typeof value !== 'string') return undefined;
  const parsed = parseDurationText(value);
  return parsed.ok ? parsed.ms : undefined;
}

/** Cuts incidents at the new end of the run and drops those that would start after it. */
function cutIncidents(doc: Record<string, unknown>, durationText: string): void {
  const endMs = durationOf(durationText);
  if (endMs === undefined || !Array.isArray(doc['services'])) return;
  for (const service of doc['services'] as unknown[]) {
    if (typeof service !== 'object' || service === null || !Array.isArray((service as Record<string, unknown>)['incidents'])) continue;
    const s = service as Record<string, unknown>;
    s['incidents'] = (s['incidents'] as unknown[]).flatMap((incident) => {
      if (typeof incident !== 'object' || incident === null) return [incident];
      const i = incident as Record<string, unknown>;
      const startMs = durationOf(i['start']);
      if (startMs === undefined) return [incident];
      if (startMs >= endMs) return [];
      const durationMs = durationOf(i['duration']);
      return durationMs !== undefined && startMs + durationMs > endMs ? [{ ...i, duration: formatDurationMs(endMs - startMs) }] : [incident];
    });
  }
}
