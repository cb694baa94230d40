/** Internal: reads `services` (gateway config plus provider behaviour) and their cross-service rules. */
import type { FailureStatus, Incident, ProviderModel } from '../providers/index.js';
import type { ServiceSpec } from './model.js';
import { SCENARIO_DEFAULTS as D } from './defaults.js';
import { formatPath, type Issues, type Path } from './issues.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { distributionReader } from './read-distribution.js';
import {
  booleanReader,
  choiceReader,
  durationReader,
  fractionReader,
  integerReader,
  isRecord,
  listReader,
  Mapping,
  nullable,
  numberReader,
  orKeyword,
  reader,
  type Reader,
  readList,
  stringReader,
} from './reader.js';
import { SCENARIO_KEYS } from './schema.js';
import { formatDurationMs } from './units.js';
import { AUTH_STATUSES, DOWN_STATUSES, FAILURE_STATUSES, IN_FLIGHT_MODES, INCIDENT_KINDS, OVERLOAD_STATUSES } from './vocabulary.js';

const SERVICE_EXPECTED = 'a service mapping with at least provider and model';

/**
 * Reads the service list; `runMs` (when known) bounds incidents. Checks the list as a whole:
 * unique `provider:model` ids, at least one active service, and not every active weight 0.
 */
export function readServices(issues: Issues, path: Path, value: unknown, runMs: number | undefined): ServiceSpec[] | undefined {
  const services = readList(issues, path, value, { min: 1, max: L.maxServices }, `a list of services (${SERVICE_EXPECTED})`, (p, v) => readService(issues, p, v, runMs));
  checkIds(issues, path, value);
  if (services === undefined) return undefined;
  const active = services.filter((s) => s.active);
  if (active.length === 0) {
    issues.add({ path, message: 'expected at least one active service, got none (every service has active: false)', expected: 'at least one service with active: true', received: 'no active service' });
    return undefined;
  }
  if (active.every((s) => s.weight === 0)) {
    issues.add({
      path,
      message: `expected a non-zero weight on at least one active service, got weight 0 on every active service (${active.map((s) => `${s.provider}:${s.model}`).join(', ')})`,
      expected: 'at least one active service with a non-zero weight',
      received: 'weight 0 on every active service',
    });
    return undefined;
  }
  return services;
}

/** Reports each repeated provider:model id, from the raw list so that it works even when a service has other problems. */
function checkIds(issues: Issues, path: Path, value: unknown): void {
  if (!Array.isArray(value)) return;
  const first = new Map<string, number>();
  value.forEach((raw: unknown, i) => {
    if (!isRecord(raw) || typeof raw['provider'] !== 'string' || typeof raw['model'] !== 'string') return;
    const id = `${raw['provider']}:${raw['model']}`;
    const seen = first.get(id);
    if (seen === undefined) {
      first.set(id, i);
      return;
    }
    issues.add({
      path: [...path, i],
      message: `duplicate service "${id}" (also ${formatPath([...path, seen])}): each provider:model may appear once`,
      expected: 'a provider:model not used by another service',
      received: JSON.stringify(id),
    });
  });
}

function readService(issues: Issues, path: Path, value: unknown, runMs: number | undefined): ServiceSpec | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.service, SERVICE_EXPECTED);
  if (!m) return undefined;
  const name = stringReader({ nonEmpty: true, maxLength: 200 });
  const provider = m.req('provider', name);
  const model = m.req('model', name);
  const weight = m.def('weight', integerReader({ min: -L.maxWeight, max: L.maxWeight }), D.service);
  const active = m.def('active', booleanReader(), D.service);
  const timeWindow = m.def('time_window', integerReader({ min: 0, max: L.maxTimeWindowSeconds }), D.service);
  const modelCapacity = m.opt('model_capacity', nullable(integerReader({ min: -L.maxWeight, max: L.maxWeight })), null);
  const tier = m.opt('tier', nullable(integerReader({ min: -L.maxWeight, max: L.maxWeight })), null);
  const behavior = readBehavior(m, runMs);
  m.done();
  if (provider === undefined || model === undefined || weight === undefined || active === undefined || timeWindow === undefined || modelCapacity === undefined || tier === undefined || behavior === undefined) return undefined;
  const spec: ServiceSpec = { provider, model, weight, active, timeWindow, behavior };
  if (modelCapacity !== null) spec.modelCapacity = modelCapacity;
  if (tier !== null) spec.tier = tier;
  return spec;
}

function readBehavior(m: Mapping, runMs: number | undefined): ProviderModel | undefined {
  const concurrency = m.def('concurrency', orKeyword(integerReader({ min: 1, max: L.maxConcurrency }), 'unlimited', Number.POSITIVE_INFINITY), D.service);
  const queueLimit = m.def('queue_limit', orKeyword(integerReader({ min: 0, max: L.maxQueueLimit }), 'unlimited', Number.POSITIVE_INFINITY), D.service);
  const overloadStatus = m.def<429 | 503 | 529, 'overload_status'>('overload_status', choiceReader(OVERLOAD_STATUSES), D.service);
  const ttftMs = m.def('ttft', distributionReader('duration'), D.service);
  const tokensPerSecond = m.def('speed', distributionReader('speed'), D.service);
  const rateLimits = m.block('rate_limits', reader('a mapping with rpm, tpm and retry_after', readRateLimits));
  const errorRates = m.def('errors', reader(`a mapping from status to probability, e.g. { 500: 0.01 }`, readErrorRates), D.service);
  const errorLatencyMs = m.def('error_latency', distributionReader('duration'), D.service);
  const timeoutMs = m.def('timeout', durationReader({ positive: true }), D.service);
  const incidentList = listReader(reader('an incident', (i, p, v) => readIncident(i, p, v, runMs)), { max: L.maxIncidents, what: 'a list of incidents' });
  const incidents = m.def('incidents', incidentList, D.service);
  const cache = m.block('cache', reader('a mapping with hit_rate, ttft_factor, input_price_factor and ttl', readCache));
  const load = m.block('load', reader('a mapping with decode_throughput and prefill_throughput', readLoad));
  const price = m.block('price', reader('a mapping with input and output (dollars per million tokens)', readPrice));
  const probeLatencyMs = m.def('probe_latency', durationReader(), D.service);
  const errorText = m.def('error_text', reader('a mapping from status to the text of its error body', readErrorText), D.service);
  if (
    concurrency === undefined ||
    queueLimit === undefined ||
    overloadStatus === undefined ||
    ttftMs === undefined ||
    tokensPerSecond === undefined ||
    rateLimits === undefined ||
    errorRates === undefined ||
    errorLatencyMs === undefined ||
    timeoutMs === undefined ||
    incidents === undefined ||
    cache === undefined ||
    load === undefined ||
    price === undefined ||
    probeLatencyMs === undefined ||
    errorText === undefined
  ) {
    return undefined;
  }
  return { concurrency, queueLimit, overloadStatus, ttftMs, tokensPerSecond, rateLimits, errorRates, errorLatencyMs, timeoutMs, incidents, load, cache, price, probeLatencyMs, errorText };
}

function readErrorText(issues: Issues, path: Path, value: unknown): Partial<Record<FailureStatus, string>> | undefined {
  return readByStatus(issues, path, value, 'text, e.g. { 503: "rate limit exceeded" }', stringReader({ maxLength: 500, what: 'the text of an error body' }));
}

/** A mapping from failure status to a value each `read` reads; an unknown status is named as such. */
function readByStatus<T>(issues: Issues, path: Path, value: unknown, what: string, read: Reader<T>): Partial<Record<FailureStatus, T>> | undefined {
  const statuses = FAILURE_STATUSES.join(', ');
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.errors, `a mapping from status (${statuses}) to ${what}`, (key) => ({
    message: `${JSON.stringify(key)} is not a status a provider fails with; the statuses are ${statuses}`,
    expected: `one of ${statuses}`,
    suggestion: undefined,
  }));
  if (!m) return undefined;
  const out: Partial<Record<FailureStatus, T>> = {};
  let ok = true;
  for (const status of FAILURE_STATUSES) {
    const v = m.opt<T | null>(String(status), read, null);
    if (v === undefined) ok = false;
    else if (v !== null) out[status] = v;
  }
  m.done();
  return ok ? out : undefined;
}

function readLoad(issues: Issues, path: Path, value: unknown): ProviderModel['load'] | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.load, 'a mapping with decode_throughput and prefill_throughput');
  if (!m) return undefined;
  const throughput = numberReader({ min: 0, exclusiveMin: true, max: L.maxRateLimit }, 'tokens per second');
  const decodeTokensPerSecond = m.opt('decode_throughput', throughput, Number.POSITIVE_INFINITY);
  const prefillTokensPerSecond = m.opt('prefill_throughput', throughput, Number.POSITIVE_INFINITY);
  m.done();
  if (decodeTokensPerSecond === undefined || prefillTokensPerSecond === undefined) return undefined;
  return { decodeTokensPerSecond, prefillTokensPerSecond };
}

function readRateLimits(issues: Issues, path: Path, value: unknown): ProviderModel['rateLimits'] | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.rateLimits, 'a mapping with rpm, tpm, granularity, burst, token_burst and retry_after');
  if (!m) return undefined;
  const budget = numberReader({ min: 0, exclusiveMin: true, max: L.maxRateLimit });
  const requestsPerMinute = m.opt('rpm', budget, Number.POSITIVE_INFINITY);
  const tokensPerMinute = m.opt('tpm', budget, Number.POSITIVE_INFINITY);
  const granularity = m.def('granularity', choiceReader(['minute', 'second'] as const), D.rateLimits);
  const requestBurst = m.opt('burst', budget, null);
  const tokenBurst = m.opt('token_burst', budget, null);
  const retryAfter = m.def('retry_after', orKeyword(booleanReader(), 'reset', 'reset' as const), D.rateLimits);
  const countedMaxTokens = m.opt('max_tokens', integerReader({ min: 1, max: L.maxRateLimit }), null);
  for (const [key, limit, why] of [
    ['burst', 'rpm', 'it is the size of the rpm bucket'],
    ['token_burst', 'tpm', 'it is the size of the tpm bucket'],
    ['max_tokens', 'tpm', 'it is what the token bucket counts'],
  ] as const) {
    if (m.has(key) && !m.has(limit)) issues.expected([...path, key], `no ${key} without ${limit} (${why})`, m.raw(key));
  }
  m.done();
  if (requestsPerMinute === undefined || tokensPerMinute === undefined || granularity === undefined || requestBurst === undefined || tokenBurst === undefined || retryAfter === undefined || countedMaxTokens === undefined) return undefined;
  return { requestsPerMinute, tokensPerMinute, granularity, requestBurst, tokenBurst, retryAfter: retryAfter === 'reset' ? 'reset' : retryAfter ? 'wait' : 'none', countedMaxTokens };
}

function readErrorRates(issues: Issues, path: Path, value: unknown): Partial<Record<FailureStatus, number>> | undefined {
  const rates = readByStatus(issues, path, value, 'probability, e.g. { 500: 0.01 }', fractionReader());
  if (!rates) return undefined;
  const entries = Object.entries(rates);
  const sum = entries.reduce((s, [, r]) => s + r, 0);
  if (sum > 1 + 1e-9) {
    const shown = String(Number(sum.toFixed(12)));
    issues.add({
      path,
      message: `expected error rates summing to at most 1, got ${shown} (${entries.map(([s, r]) => `${s}: ${r}`).join(' + ')})`,
      expected: 'error rates summing to at most 1',
      received: shown,
    });
    return undefined;
  }
  return rates;
}

function readCache(issues: Issues, path: Path, value: unknown): ProviderModel['cache'] | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.cache, 'a mapping with hit_rate, ttft_factor, input_price_factor and ttl');
  if (!m) return undefined;
  const hitProbability = m.def('hit_rate', fractionReader(), D.cache);
  const ttftFactor = m.def('ttft_factor', fractionReader(), D.cache);
  const inputPriceFactor = m.def('input_price_factor', fractionReader(), D.cache);
  const ttlMs = m.def('ttl', durationReader(), D.cache);
  m.done();
  if (hitProbability === undefined || ttftFactor === undefined || inputPriceFactor === undefined || ttlMs === undefined) return undefined;
  return { hitProbability, ttftFactor, inputPriceFactor, ttlMs };
}

function readPrice(issues: Issues, path: Path, value: unknown): ProviderModel['price'] | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.price, 'a mapping with input and output (dollars per million tokens)');
  if (!m) return undefined;
  const dollars = numberReader({ min: 0, max: L.maxPricePerMillion }, 'a price in dollars per million tokens');
  const inputPerMillion = m.def('input', dollars, D.price);
  const outputPerMillion = m.def('output', dollars, D.price);
  m.done();
  if (inputPerMillion === undefined || outputPerMillion === undefined) return undefined;
  return { inputPerMillion, outputPerMillion };
}

type IncidentKind = (typeof INCIDENT_KINDS)[number];

function readIncident(issues: Issues, path: Path, value: unknown, runMs: number | undefined): Incident | undefined {
  const variants = SCENARIO_KEYS.incident;
  if (!isRecord(value)) return issues.expected(path, 'an incident mapping, e.g. { kind: down, start: 2m, duration: 3m }', value);
  let kind: IncidentKind | undefined;
  if (!Object.hasOwn(value, 'kind')) {
    issues.add({ path: [...path, 'kind'], message: `expected one of ${INCIDENT_KINDS.join(', ')}, got nothing (the key is required)`, expected: `one of ${INCIDENT_KINDS.join(', ')}`, received: 'nothing' });
  } else {
    kind = choiceReader(INCIDENT_KINDS).read(issues, [...path, 'kind'], value['kind']);
  }
  const allowed = kind === undefined ? [...new Set(Object.values(variants).flat())] : variants[kind];
  const m = Mapping.open(issues, path, value, allowed, 'an incident mapping', (key) =>
    kind !== undefined && Object.values(variants).some((k) => k.includes(key)) ? { message: `"${key}" does not apply to a ${kind} incident`, expected: `the keys ${variants[kind].join(', ')}` } : undefined,
  );
  if (!m) return undefined;
  m.raw('kind');
  if (kind === undefined) {
    for (const key of allowed) m.raw(key);
    m.done();
    return undefined;
  }
  const startMs = m.req('start', durationReader());
  // auth_revoked may omit its duration: it then lasts until the end of the run.
  const untilTheEnd = runMs === undefined || startMs === undefined ? undefined : runMs - startMs;
  const durationMs = kind === 'auth_revoked' ? m.opt<number | undefined>('duration', durationReader({ positive: true }), untilTheEnd) : m.req('duration', durationReader({ positive: true }));
  if (runMs !== undefined && startMs !== undefined) {
    if (startMs >= runMs) {
      issues.expected(m.at('start'), `a start inside the run (before ${formatDurationMs(runMs)})`, m.raw('start'));
    } else if (durationMs !== undefined && m.has('duration') && startMs + durationMs > runMs) {
      issues.expected(
        m.at('duration'),
        `a duration of at most ${formatDurationMs(runMs - startMs)} (the incident starts at ${formatDurationMs(startMs)} and must end by the end of the run at ${formatDurationMs(runMs)})`,
        m.raw('duration'),
      );
    }
  }
  const factor = numberReader({ min: 0, exclusiveMin: true, max: L.maxFactor }, 'a factor');
  let result: Incident | undefined;
  const timing = startMs !== undefined && durationMs !== undefined ? { startMs, durationMs } : undefined;
  switch (kind) {
    case 'down': {
      const status = m.def('status', choiceReader(DOWN_STATUSES), D.incident.down);
      const inFlight = m.def('in_flight', choiceReader(IN_FLIGHT_MODES), D.incident.down);
      if (timing && status !== undefined && inFlight !== undefined) result = { ...timing, kind, status, inFlight };
      break;
    }
    case 'rate_limited': {
      const retryAfterMs = m.def('retry_after', nullable(durationReader()), D.incident.rate_limited);
      if (timing && retryAfterMs !== undefined) result = { ...timing, kind, retryAfterMs };
      break;
    }
    case 'auth_revoked': {
      const status = m.def('status', choiceReader(AUTH_STATUSES), D.incident.auth_revoked);
      if (timing && status !== undefined) result = { ...timing, kind, status };
      break;
    }
    case 'slow':
    case 'degraded': {
      const f = m.req('factor', factor);
      if (timing && f !== undefined) result = { ...timing, kind, factor: f };
      break;
    }
    case 'flaky':
    case 'mid_stream': {
      const errorProbability = m.req('error_rate', numberReader({ min: 0, exclusiveMin: true, max: 1 }, 'a probability'));
      const status = m.def('status', choiceReader(FAILURE_STATUSES), D.incident[kind]);
      if (timing && errorProbability !== undefined && status !== undefined) result = { ...timing, kind, errorProbability, status };
      break;
    }
    case 'stall': {
      const stallProbability = m.req('error_rate', numberReader({ min: 0, exclusiveMin: true, max: 1 }, 'a probability'));
      const pauseMs = m.req('pause', durationReader({ positive: true }));
      if (timing && stallProbability !== undefined && pauseMs !== undefined) result = { ...timing, kind, stallProbability, pauseMs };
      break;
    }
  }
  m.done();
  // An incident outside the run was reported above; its result must not be used.
  if (runMs !== undefined && result !== undefined && (result.startMs >= runMs || result.startMs + result.durationMs > runMs)) return undefined;
  return result;
}
