/**
 * The recommendation as the change to make: the gateway configuration of the recommended cell,
 * in the gateway's own field names, with what differs from the baseline (today's configuration)
 * and what the change buys and costs against it.
 */
import type { HealthMonitorConfig, TacticParams } from '../balancer/index.js';
import { UPSTREAM_GATEWAY_OPTIONS } from '../gateway/index.js';
import { TACTIC_PARAMS, tacticNameOf } from '../scenario/index.js';
import { cellId } from './matrix.js';
import { recommend } from './recommendation.js';
import type { CellResult, Results } from './results.js';

/** A health_monitor block in the gateway's field names. */
export interface HealthMonitorBlock {
  /** The seed's only: v0.260819.0's block has no error threshold. */
  consecutive_error_threshold?: number;
  recovery_timeout_seconds: number;
  probe_enabled: boolean;
}

/** recommended-config.json: the gateway's format, with what lbsim says about it under `lbsim`. */
export interface RecommendedConfig {
  lbsim: {
    scenario: string;
    /** The recommendation's sentence (its goal and probability), or why there is none. */
    statement: string;
    /** The cell whose configuration this file holds: the recommended one, or the best the gateway can be configured to run. */
    cell: string | null;
    /** The results' recommended cell (differs from `cell` when the gateway cannot be configured to run it). */
    recommended: string | null;
    baseline: string;
    /** What this configuration cannot say, or says only approximately: read before applying it. */
    warnings: string[];
  };
  /** The rule's change: its lb_tactic (fill in the rule's uuid). Empty when nothing is recommended. */
  rules: Array<{ uuid: string | null; lb_tactic: { type: string; params: Record<string, unknown> } }>;
  /** The health_monitor block to set; null: remove the block (the gateway then runs unconfigured). Absent when nothing is recommended. */
  health_monitor?: HealthMonitorBlock | null;
}

const UNCONFIGURED: HealthMonitorConfig = { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false };

function sameHealth(a: HealthMonitorConfig, b: HealthMonitorConfig): boolean {
  return a.consecutiveErrorThreshold === b.consecutiveErrorThreshold && a.recoveryTimeoutSeconds === b.recoveryTimeoutSeconds && a.probeEnabled === b.probeEnabled && !a.rateLimitHold === !b.rateLimitHold;
}

/** The gateway's params object of a tactic (its JSON names). */
function paramsJson(params: TacticParams): Record<string, unknown> {
  return Object.fromEntries(TACTIC_PARAMS.filter((p) => (params as Record<string, unknown>)[p.key] !== undefined).map((p) => [p.name, (params as Record<string, unknown>)[p.key]]));
}

/** The gateway configuration of a cell, what it cannot express (`cannot`), and what to know before applying it (`notes`: an upgrade). */
function configOf(results: Results, cell: CellResult): { lbTactic: { type: string; params: Record<string, unknown> }; health: HealthMonitorBlock | null; cannot: string[]; notes: string[] } {
  const s = results.scenario;
  const tactic = s.tactics.find((t) => t.name === cell.tactic)!;
  const health = s.health.find((h) => h.name === cell.health)!;
  const gateway = s.gatewayVariants.find((g) => g.name === cell.gateway)!;
  const warnings: string[] = [];
  const notes: string[] = [];
  const later = gateway.options.version !== UPSTREAM_GATEWAY_OPTIONS.version;
  let block: HealthMonitorBlock | null = null;
  if (health.config === null) {
    warnings.push(`health setting ${health.name} runs no monitor at all, which the gateway cannot be configured to do; the nearest is to remove the health_monitor block (threshold 0: in effect no filtering)`);
  } else if (!sameHealth(health.config, UNCONFIGURED)) {
    // v0.260819.0's block has no error threshold (its breaker took that over).
    block = later
      ? { recovery_timeout_seconds: health.config.recoveryTimeoutSeconds, probe_enabled: health.config.probeEnabled }
      : { consecutive_error_threshold: health.config.consecutiveErrorThreshold, recovery_timeout_seconds: health.config.recoveryTimeoutSeconds, probe_enabled: health.config.probeEnabled };
    if (health.config.rateLimitHold) warnings.push(`health setting ${health.name} holds a rate-limited service (rate_limit_hold, the behaviour of v0.260414.2000), which this version cannot be configured to do`);
  }
  // A later version is configured by upgrading, and session affinity is that version's rule flag; neither is an unconfigurable option.
  const configurable = new Set<string>(['version', 'sessionAffinityMs']);
  // promotionHoldMs and breakerRecoverySuccesses are hard-coded upstream: a changed value is an unconfigurable option, below.
  if (later) {
    notes.push(`gateway variant ${gateway.name} runs tingly-box ${gateway.options.version}: apply this after upgrading the gateway${gateway.options.sessionAffinityMs > 0 ? `, with the rule's flags.session_affinity at ${gateway.options.sessionAffinityMs / 1000} s` : ''}`);
  }
  const changed = (Object.keys(UPSTREAM_GATEWAY_OPTIONS) as Array<keyof typeof UPSTREAM_GATEWAY_OPTIONS>).filter((key) => {
    if (configurable.has(key)) return false;
    const mine = key === 'requestTimeoutMs' ? (gateway.options.requestTimeoutMs ?? Number.POSITIVE_INFINITY) : gateway.options[key];
    return JSON.stringify(mine) !== JSON.stringify(UPSTREAM_GATEWAY_OPTIONS[key]);
  });
  if (changed.length > 0) warnings.push(`gateway variant ${gateway.name} needs options the gateway cannot be configured with at this version (${changed.join(', ')}): its results are of a changed gateway, not of this configuration`);
  return { lbTactic: { type: tacticNameOf(tactic.type), params: paramsJson(tactic.params) }, health: block, cannot: warnings, notes };
}

/**
 * The cell whose configuration to write: the recommended one, or, when the gateway cannot be
 * configured to run it, the cell the same selection procedure picks among the cells it can run
 * (with its own statement), so that the file always holds a configuration the gateway runs.
 */
function chosenCell(results: Results, recommended: CellResult, warnings: string[]): CellResult {
  const rec = results.recommendation!;
  const { cannot, notes } = configOf(results, recommended);
  if (cannot.length === 0) {
    warnings.push(...notes);
    return recommended;
  }
  warnings.push(...cannot);
  const configurable = results.cells.filter((c) => configOf(results, c).cannot.length === 0);
  const alternative = configurable.length > 0 ? recommend(configurable, rec.goal, rec.replications) : null;
  const cell = alternative?.cell ? configurable.find((c) => c.id === alternative.cell) : undefined;
  if (!cell) {
    const why = alternative ? alternative.undecidedReason ?? 'undecided' : 'no cell can be configured';
    warnings.push(`no cell the gateway can be configured to run could be selected instead (${why}): this file holds the recommended cell's nearest configuration`);
    return recommended;
  }
  warnings.push(`so this file holds the best cell the gateway can be configured to run, ${cell.id}, selected by the same procedure among those ${configurable.length} cells alone: ${alternative!.statement}`);
  warnings.push(...configOf(results, cell).notes);
  return cell;
}

/** recommended-config.json of complete results. */
export function recommendedConfig(results: Results): RecommendedConfig {
  const { tactic, health, gateway } = results.scenario.baseline;
  const baseline = cellId(tactic, health, gateway);
  const rec = results.recommendation;
  const recommended = rec?.cell ? results.cells.find((c) => c.id === rec.cell) : undefined;
  const lbsim = { scenario: results.name, statement: rec?.statement ?? 'no recommendation in these results (a shard?)', cell: null as string | null, recommended: recommended?.id ?? null, baseline, warnings: [] as string[] };
  if (!recommended) return { lbsim, rules: [] };
  const cell = chosenCell(results, recommended, lbsim.warnings);
  const config = configOf(results, cell);
  lbsim.cell = cell.id;
  lbsim.warnings.push("the scenario names no rule: put your rule's uuid in rules[0].uuid");
  return { lbsim, rules: [{ uuid: null, lb_tactic: config.lbTactic }], health_monitor: config.health };
}

/** One setting of the change: what the gateway runs today and what the recommendation sets. */
export interface SettingChange {
  field: 'lb_tactic' | 'health_monitor';
  today: string;
  recommended: string;
  /** The change in words: "random -> latency_based", "keep no block", "remove the block (today ...)". */
  text: string;
}

/** The recommended configuration against the baseline's, setting by setting; null when nothing is recommended. */
export function configChange(results: Results): { config: RecommendedConfig; cell: CellResult; baseline: CellResult; settings: SettingChange[] } | null {
  const config = recommendedConfig(results);
  const cell = results.cells.find((c) => c.id === config.lbsim.cell);
  const baseline = results.cells.find((c) => c.id === config.lbsim.baseline);
  if (!cell || !baseline) return null;
  const today = configOf(results, baseline);
  const tacticText = (t: { type: string; params: Record<string, unknown> }): string => `${t.type}${Object.keys(t.params).length > 0 ? ` ${JSON.stringify(t.params)}` : ''}`;
  const [was, next] = [tacticText(today.lbTactic), tacticText(config.rules[0]!.lb_tactic)];
  const block = (h: HealthMonitorBlock | null): string => (h === null ? 'no block' : JSON.stringify(h));
  const health = config.health_monitor ?? null;
  const [wasHealth, nextHealth] = [block(today.health), block(health)];
  const healthText =
    nextHealth === wasHealth ? `keep ${nextHealth}` : health === null ? `remove the block (today ${wasHealth})` : today.health === null ? `add ${nextHealth} (today there is none)` : `${wasHealth} -> ${nextHealth}`;
  return {
    config,
    cell,
    baseline,
    settings: [
      { field: 'lb_tactic', today: was, recommended: next, text: next === was ? `keep ${next}` : `${was} -> ${next}` },
      { field: 'health_monitor', today: wasHealth, recommended: nextHealth, text: healthText },
    ],
  };
}

/** The change against the baseline, in words, and what it buys and costs there (paired over the same seeds). */
export function configChangeLines(results: Results): string[] {
  const change = configChange(results);
  if (!change) return [];
  const { cell, baseline: base } = change;
  const lines = change.settings.map((s) => `${s.field}: ${s.text}`);
  if (cell.id !== base.id) {
    const paired = results.comparisons?.paired[cell.id];
    const effect = (metric: string, label: string, unit: (x: number) => string): string | null => {
      const d = paired?.[metric];
      if (!d || !Number.isFinite(d.mean)) return null;
      return `${label} ${d.mean >= 0 ? '+' : ''}${unit(d.mean)} (95% CI ${unit(d.mean - d.ci95)} to ${unit(d.mean + d.ci95)})`;
    };
    const pp = (x: number): string => `${(x * 100).toFixed(2)} pp`;
    const msText = (x: number): string => `${x.toFixed(0)} ms`;
    const dollars = (x: number): string => `${x < 0 ? '-' : ''}$${Math.abs(x).toFixed(3)}`;
    const effects = [effect('success_rate', 'success', pp), effect('latency_p95_ms', 'p95', msText), effect('cost_per_1k_success', 'cost per 1k successes', dollars)].filter((e) => e !== null);
    if (effects.length > 0) lines.push(`against today's config: ${effects.join('; ')}`);
  }
  const share = (c: CellResult, id: string): string => `${((c.shares[id]?.mean ?? 0) * 100).toFixed(0)}%`;
  lines.push(`traffic share: ${Object.keys(cell.shares).map((id) => `${id} ${share(base, id)} -> ${share(cell, id)}`).join(', ')}`);
  for (const w of change.config.lbsim.warnings) lines.push(`warning: ${w}`);
  return lines;
}
