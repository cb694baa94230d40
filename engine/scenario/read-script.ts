/**
 * Scripted scenarios, the way upstream tests its own balancer: services whose answers are status
 * sequences, a program of requests and clock advances, and expectations per request (final
 * status, the exact attempt path, attempts that must or must not appear, the session's pin, breaker
 * and health states after it). Read with the scenario format's readers, so every problem names
 * its path, line and column.
 */
import type { HealthMonitorConfig } from '../balancer/index.js';
import { GATEWAY_VERSIONS, type GatewayVersion, type TacticSpec } from '../gateway/index.js';
import { type Issues, type Path } from './issues.js';
import { labelReader } from './read-compare.js';
import { booleanReader, choiceReader, durationReader, integerReader, isRecord, listReader, Mapping, reader, type Reader, stringReader } from './reader.js';
import { TACTIC_NAMES, TACTIC_TYPES, type TacticName } from './vocabulary.js';

/** What a scripted service answers: a success, an HTTP error, or no answer. */
export const SCRIPT_STATUSES = [200, 401, 403, 408, 429, 500, 502, 503, 504, 529, 'timeout', 'connection_error'] as const;
export type ScriptStatus = (typeof SCRIPT_STATUSES)[number];

/** A service's answers in order, each `repeat` times; then `loop` (start again), `clamp` (keep the last) or `fail` (the script fails). */
export interface ScriptFaults {
  steps: Array<{ status: ScriptStatus; repeat: number }>;
  onExhaust: 'loop' | 'clamp' | 'fail';
}

export interface ScriptService {
  /** The provider name: how the script refers to the service. */
  name: string;
  weight: number;
  active: boolean;
  tier: number;
  faults: ScriptFaults;
}

/** What to check after a request (every field optional). */
export interface RequestCheck {
  /** The client's final status (`no_service`: nothing could be selected). */
  status?: ScriptStatus | 'no_service';
  /** Every attempt's service, in order. */
  path?: string[];
  includes?: string[];
  excludes?: string[];
  /** The session's pin after the request (null: none). */
  pinned?: string | null;
  breaker?: Record<string, 'closed' | 'open' | 'half_open'>;
  health?: Record<string, 'healthy' | 'unhealthy'>;
}

export type ScriptStep = { kind: 'advance'; ms: number; path: Path } | { kind: 'request'; session: string | null; streaming: boolean; repeat: number; expect: RequestCheck | null; path: Path };

export interface Script {
  name: string;
  description: string;
  version: GatewayVersion;
  tactic: TacticSpec;
  /** null: no health monitor. */
  health: HealthMonitorConfig | null;
  sessionAffinityMs: number;
  nonStreamSuccessCounts: boolean;
  services: ScriptService[];
  program: ScriptStep[];
}

const statusReader = choiceReader<ScriptStatus>(SCRIPT_STATUSES);
const nameReader = stringReader({ nonEmpty: true, maxLength: 200, what: 'a provider name' });

function faultsReader(): Reader<ScriptFaults> {
  return reader('{ steps: [{ status, repeat }], on_exhaust: loop | clamp | fail }', (issues, path, value) => {
    const m = Mapping.open(issues, path, value, ['steps', 'on_exhaust'], 'a faults mapping: { steps, on_exhaust }');
    if (!m) return undefined;
    const steps = m.req(
      'steps',
      listReader(
        reader('a step { status, repeat }', (i, p, v) => {
          const s = Mapping.open(i, p, v, ['status', 'repeat'], 'a step { status, repeat }');
          if (!s) return undefined;
          const status = s.req('status', statusReader);
          const repeat = s.opt('repeat', integerReader({ min: 1, max: 1_000_000 }), 1);
          s.done();
          return status === undefined || repeat === undefined ? undefined : { status, repeat };
        }),
        { min: 1, max: 1_000 },
      ),
    );
    const onExhaust = m.opt('on_exhaust', choiceReader(['loop', 'clamp', 'fail'] as const), 'clamp');
    m.done();
    return steps === undefined || onExhaust === undefined ? undefined : { steps, onExhaust };
  });
}

function serviceReader(): Reader<ScriptService> {
  return reader('a service { provider, weight, active, tier, faults }', (issues, path, value) => {
    const m = Mapping.open(issues, path, value, ['provider', 'weight', 'active', 'tier', 'faults'], 'a service { provider, weight, active, tier, faults }');
    if (!m) return undefined;
    const name = m.req('provider', nameReader);
    const weight = m.opt('weight', integerReader({ min: -1_000_000, max: 1_000_000 }), 1);
    const active = m.opt('active', booleanReader(), true);
    const tier = m.opt('tier', integerReader({ min: -1_000_000, max: 1_000_000 }), 0);
    const faults = m.opt('faults', faultsReader(), { steps: [{ status: 200, repeat: 1 }], onExhaust: 'clamp' });
    m.done();
    return name === undefined || weight === undefined || active === undefined || tier === undefined || faults === undefined ? undefined : { name, weight, active, tier, faults };
  });
}

/** A provider name the script defines. */
function serviceNameReader(names: readonly string[]): Reader<string> {
  return reader(`one of the script's providers (${names.join(', ')})`, (issues, path, value) => choiceReader(names, `one of the script's providers (${names.join(', ')})`).read(issues, path, value));
}

function checkReader(names: readonly string[], version: GatewayVersion): Reader<RequestCheck> {
  return reader('a mapping of checks', (issues, path, value) => {
    const m = Mapping.open(issues, path, value, ['status', 'path', 'includes', 'excludes', 'pinned', 'breaker', 'health'], 'a mapping of checks: status, path, includes, excludes, pinned, breaker, health');
    if (!m) return undefined;
    const service = serviceNameReader(names);
    const list = listReader(service, { max: 100 });
    const states = <T extends string>(choices: readonly T[]): Reader<Record<string, T>> =>
      reader(`a mapping of provider to ${choices.join(' | ')}`, (i, p, v) => {
        if (!isRecord(v)) return i.expected(p, `a mapping of provider to ${choices.join(' | ')}`, v);
        const out: Record<string, T> = {};
        let ok = true;
        for (const [k, state] of Object.entries(v)) {
          const n = service.read(i, [...p, k], k);
          const s = choiceReader(choices).read(i, [...p, k], state);
          if (n === undefined || s === undefined) ok = false;
          else out[n] = s;
        }
        return ok ? out : undefined;
      });
    const check: RequestCheck = {};
    const status = m.opt('status', choiceReader<ScriptStatus | 'no_service'>([...SCRIPT_STATUSES, 'no_service']), undefined);
    const steps = m.opt('path', list, undefined);
    const includes = m.opt('includes', list, undefined);
    const excludes = m.opt('excludes', list, undefined);
    const pinned = m.has('pinned') && m.raw('pinned') === null ? null : m.opt('pinned', service, undefined);
    if (m.has('breaker') && version !== 'v0.260819.0') issues.add({ path: m.at('breaker'), message: 'the seed\'s gateway has no circuit breaker: breaker checks need version v0.260819.0', expected: 'no breaker checks at this version' });
    const breaker = m.opt('breaker', states(['closed', 'open', 'half_open'] as const), undefined);
    const health = m.opt('health', states(['healthy', 'unhealthy'] as const), undefined);
    m.done();
    if (status !== undefined) check.status = status;
    if (steps !== undefined) check.path = steps;
    if (includes !== undefined) check.includes = includes;
    if (excludes !== undefined) check.excludes = excludes;
    if (pinned !== undefined) check.pinned = pinned;
    if (breaker !== undefined) check.breaker = breaker;
    if (health !== undefined) check.health = health;
    return check;
  });
}

function readProgram(issues: Issues, path: Path, value: unknown, names: readonly string[], version: GatewayVersion): ScriptStep[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return issues.expected(path, 'a non-empty list of steps: { advance: 30s } or { request: {...}, expect: {...} }', value);
  const steps: ScriptStep[] = [];
  let ok = true;
  value.forEach((entry, i) => {
    const p = [...path, i];
    const m = Mapping.open(issues, p, entry, ['advance', 'request', 'repeat', 'expect'], 'a step: { advance } or { request, repeat, expect }');
    if (!m) return void (ok = false);
    if (m.has('advance')) {
      const ms = m.req('advance', durationReader());
      for (const key of ['request', 'repeat', 'expect']) {
        if (m.has(key)) issues.add({ path: m.at(key), message: 'an advance step takes nothing else', expected: 'only advance' });
        m.raw(key);
      }
      m.done();
      if (ms === undefined) ok = false;
      else steps.push({ kind: 'advance', ms, path: p });
      return;
    }
    const request = m.req(
      'request',
      reader('a request { session, streaming }', (iss, rp, v) => {
        const r = Mapping.open(iss, rp, v ?? {}, ['session', 'streaming'], 'a request { session, streaming }');
        if (!r) return undefined;
        const session = r.opt<string | null>('session', stringReader({ nonEmpty: true, maxLength: 200, what: 'a session id' }), null);
        const streaming = r.opt('streaming', booleanReader(), true);
        r.done();
        return session === undefined || streaming === undefined ? undefined : { session, streaming };
      }),
    );
    const repeat = m.opt('repeat', integerReader({ min: 1, max: 100_000 }), 1);
    const expect = m.opt<RequestCheck | null>('expect', checkReader(names, version), null);
    m.done();
    if (request === undefined || repeat === undefined || expect === undefined) return void (ok = false);
    steps.push({ kind: 'request', ...request, repeat, expect, path: p });
  });
  return ok ? steps : undefined;
}

/** Reads a script document. */
export function readScript(issues: Issues, document: unknown): Script | undefined {
  const keys = ['name', 'description', 'version', 'tactic', 'within_tier_tactic', 'health', 'session_affinity', 'non_stream_success_counts', 'services', 'program'];
  const m = Mapping.open(issues, [], document, keys, 'a script: a mapping with name, services and program');
  if (!m) return undefined;
  const name = m.req('name', labelReader);
  const description = m.opt('description', stringReader({ maxLength: 4_000 }), '');
  const version = m.opt('version', choiceReader<GatewayVersion>(GATEWAY_VERSIONS), 'v0.260819.0');
  const tactic = m.opt<TacticName>('tactic', choiceReader(TACTIC_NAMES), 'random');
  const within = m.opt('within_tier_tactic', choiceReader(['random', 'speed_based', 'capacity_based'] as const), 'random');
  const health = m.opt(
    'health',
    reader('unconfigured, none, or { recovery_timeout_seconds, probe_enabled, consecutive_error_threshold }', (i, p, v) => {
      if (v === 'none') return null;
      if (v === 'unconfigured') return { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false };
      const h = Mapping.open(i, p, v, ['consecutive_error_threshold', 'recovery_timeout_seconds', 'probe_enabled'], 'unconfigured, none, or a health_monitor block');
      if (!h) return undefined;
      const threshold = h.opt('consecutive_error_threshold', integerReader({ min: 0, max: 1_000_000 }), 3);
      const timeout = h.opt('recovery_timeout_seconds', integerReader({ min: 0, max: 604_800 }), 300);
      const probe = h.opt('probe_enabled', booleanReader(), false);
      h.done();
      return threshold === undefined || timeout === undefined || probe === undefined ? undefined : { consecutiveErrorThreshold: threshold, recoveryTimeoutSeconds: timeout, probeEnabled: probe };
    }),
    { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false },
  );
  const sessionAffinityMs = m.opt('session_affinity', durationReader(), 0);
  const nonStreamSuccessCounts = m.opt('non_stream_success_counts', booleanReader(), false);
  const services = m.req('services', listReader(serviceReader(), { min: 1, max: 100 }));
  // The names that could be read, so that the program is checked even when a service has a problem.
  const raw = m.value['services'];
  const names = services?.map((s) => s.name) ?? (Array.isArray(raw) ? raw.flatMap((x: unknown) => (isRecord(x) && typeof x['provider'] === 'string' ? [x['provider']] : [])) : []);
  if (new Set(names).size !== names.length) issues.add({ path: m.at('services'), message: 'two services share a provider name: a script names services by provider', expected: 'distinct provider names' });
  const programValue = m.raw('program');
  const program = version === undefined ? undefined : readProgram(issues, m.at('program'), programValue, names, version);
  m.done();
  if ([name, description, version, tactic, within, health, sessionAffinityMs, nonStreamSuccessCounts, services, program].some((x) => x === undefined)) return undefined;
  return {
    name: name!,
    description: description!,
    version: version!,
    tactic: { name: tactic!, type: TACTIC_TYPES[tactic!], params: tactic === 'tier' ? { withinTierTactic: within! } : {} },
    health: health!,
    sessionAffinityMs: sessionAffinityMs!,
    nonStreamSuccessCounts: nonStreamSuccessCounts!,
    services: services!,
    program: program!,
  };
}
