/**
 * `lbsim import`: a scenario from the gateway's own configuration. It reads the gateway's
 * config.json (`rules`, `health_monitor`) or its JSONL export (`{"type":"rule", ...}` lines) and
 * writes a scenario whose baseline is what the rule runs today, with every other tactic and
 * health setting to compare against it.
 */
import { parse as parseYaml, stringify } from 'yaml';
import { parseTacticType, tacticTypeToString } from '../balancer/index.js';
import { SEED_TACTIC_NAMES, TACTIC_PARAMS } from '../scenario/index.js';

/** A gateway configuration that cannot be imported. Stable code: IMPORT_INVALID (exit code 2). */
export class ImportError extends Error {
  readonly code = 'IMPORT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

interface GatewayRule {
  uuid?: string;
  request_model?: string;
  services?: Array<Record<string, unknown>>;
  lb_tactic?: { type?: unknown; params?: Record<string, unknown> } | null;
  active?: boolean;
}

interface GatewayConfig {
  rules: GatewayRule[];
  healthMonitor: Record<string, unknown> | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The line and column of a JSON.parse error's position, when its message gives one. */
function position(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** Reads config.json (an object with `rules`) or a JSONL export (lines with `"type": "rule"`; others are skipped). */
export function readGatewayConfig(text: string, name: string): GatewayConfig {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ImportError(`${name}: not valid JSON${position(text, error as Error)} (${(error as Error).message})`);
    }
    if (!isRecord(value) || !Array.isArray(value['rules'])) throw new ImportError(`${name}: expected the gateway's config.json, an object with "rules" (a list)`);
    return { rules: value['rules'] as GatewayRule[], healthMonitor: isRecord(value['health_monitor']) ? value['health_monitor'] : null };
  }
  const rules: GatewayRule[] = [];
  let healthMonitor: Record<string, unknown> | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ImportError(`${name}: line ${i + 1}: not valid JSON${position(line, error as Error).replace(' at line 1,', ' at')} (${(error as Error).message})`);
    }
    if (!isRecord(value)) throw new ImportError(`${name}: line ${i + 1}: expected a JSON object`);
    if (value['type'] === 'rule') rules.push(value as GatewayRule);
    if (value['type'] === 'health_monitor') healthMonitor = value;
  });
  return { rules, healthMonitor };
}

/** The rule named by `wanted` (its request_model or uuid), or the only one. */
function pickRule(config: GatewayConfig, name: string, wanted: string | undefined): GatewayRule {
  const label = (r: GatewayRule): string => `${r.request_model ?? '(no request_model)'} (${r.uuid ?? 'no uuid'})`;
  if (config.rules.length === 0) throw new ImportError(`${name}: the configuration has no rules`);
  if (wanted === undefined) {
    if (config.rules.length === 1) return config.rules[0]!;
    throw new ImportError(`${name} has ${config.rules.length} rules: choose one with --rule <request_model or uuid>: ${config.rules.map(label).join(', ')}`);
  }
  const rule = config.rules.find((r) => r.request_model === wanted || r.uuid === wanted);
  if (!rule) throw new ImportError(`${name}: no rule ${JSON.stringify(wanted)}; the rules are ${config.rules.map(label).join(', ')}`);
  return rule;
}

/** The rule's lb_tactic as upstream runs it: its type (unknown or missing: adaptive) and its params. */
function tacticOf(rule: GatewayRule, warnings: string[]): { tactic: string; params: Record<string, unknown> } {
  const raw = rule.lb_tactic?.type;
  // As upstream reads it: a string through parseTacticType (unknown: adaptive); an integer as is,
  // where 0, 2 and unknown values run adaptive; null or missing runs adaptive.
  let tactic: string;
  if (typeof raw === 'string') tactic = tacticTypeToString(parseTacticType(raw));
  else if (typeof raw === 'number' && [1, 3, 4, 5, 6, 7].includes(raw)) tactic = tacticTypeToString(raw);
  else tactic = 'adaptive';
  if (raw === undefined || raw === null) warnings.push('the rule has no lb_tactic: upstream runs adaptive (while it displays token_based), so it is imported as adaptive');
  else if (String(raw) !== tactic && !(typeof raw === 'number' && tactic !== 'adaptive')) warnings.push(`lb_tactic type ${JSON.stringify(raw)} runs as ${tactic} upstream, so it is imported as ${tactic}`);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule.lb_tactic?.params ?? {})) {
    if (TACTIC_PARAMS.some((p) => p.name === key)) params[key] = value;
    else warnings.push(`lb_tactic param ${JSON.stringify(key)} is not one lbsim knows: left out`);
  }
  return { tactic, params };
}

export interface ImportOptions {
  rule?: string | undefined;
  /** A services: block from `lbsim calibrate`, matched by provider and model. */
  servicesYaml?: string | undefined;
}

/** The scenario, as commented YAML, for the chosen rule of a gateway configuration; with the warnings it prints. */
export function importScenario(text: string, name: string, options: ImportOptions = {}): { yaml: string; warnings: string[] } {
  const config = readGatewayConfig(text, name);
  const rule = pickRule(config, name, options.rule);
  const warnings: string[] = [];
  const ruleName = rule.request_model ?? rule.uuid ?? 'rule';
  if (!Array.isArray(rule.services) || rule.services.length === 0) throw new ImportError(`${name}: rule ${ruleName} has no services`);
  const fitted = options.servicesYaml === undefined ? [] : (((parseYaml(options.servicesYaml) as { services?: Array<Record<string, unknown>> } | null)?.services ?? []) as Array<Record<string, unknown>>);
  let placeholders = 0;
  const services = rule.services.map((s, k) => {
    for (const key of ['provider', 'model']) if (typeof s[key] !== 'string' || s[key] === '') throw new ImportError(`${name}: rule ${ruleName}, services[${k}]: ${key} is missing`);
    const config: Record<string, unknown> = { provider: s['provider'], model: s['model'] };
    for (const key of ['weight', 'active', 'time_window', 'model_capacity']) if (s[key] !== undefined) config[key] = s[key];
    const behaviour = fitted.find((f) => f['provider'] === s['provider'] && f['model'] === s['model']);
    if (behaviour) return { ...behaviour, ...config };
    placeholders++;
    return config;
  });
  if (placeholders > 0) warnings.push(`${placeholders} service(s) have no fitted behaviour (run lbsim calibrate on your request log and pass --services): they use lbsim's default provider, a placeholder`);
  const { tactic, params } = tacticOf(rule, warnings);
  const hm = config.healthMonitor;
  const today = hm
    ? {
        name: 'today',
        consecutive_error_threshold: Number(hm['consecutive_error_threshold'] ?? 0),
        recovery_timeout_seconds: Number(hm['recovery_timeout_seconds'] ?? 0),
        probe_enabled: hm['probe_enabled'] === true,
      }
    : null;
  const doc = {
    name: ruleName,
    description: `Imported from ${name}: rule ${ruleName}${rule.uuid ? ` (${rule.uuid})` : ''}, as it runs today (lb_tactic ${tactic}, ${today ? 'its health_monitor block' : 'no health_monitor block'}), against every other tactic and health setting.`,
    question: `Which tactic and health setting should rule ${ruleName} use?`,
    seed: 1,
    duration: '10m',
    warmup: '30s',
    workload: { arrivals: { process: 'poisson', rate: '10/s' } },
    services,
    compare: {
      tactics: [{ tactic, name: 'today', params }, ...SEED_TACTIC_NAMES],
      health: today ? [today, 'unconfigured', 'default', 'none'] : ['unconfigured', 'default', 'none'],
      baseline: { tactic: 'today', health: today ? 'today' : 'unconfigured' },
    },
  };
  const header = [
    `# Imported by lbsim import from ${name}, rule ${ruleName}.`,
    '# The baseline cell (tactic today, health today or unconfigured) is what the rule runs now.',
    '# PLACEHOLDER: the workload below is not your traffic; set arrivals, input_tokens and output_tokens (or a trace).',
    ...warnings.map((w) => `# note: ${w}`),
  ];
  return { yaml: `${header.join('\n')}\n${stringify(doc, { flowCollectionPadding: true })}`, warnings };
}
