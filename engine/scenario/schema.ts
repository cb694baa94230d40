/**
 * The scenario file format as a zod schema: the source of scenarios/scenario.schema.json (editor
 * completion and checks) and of the keys the loader accepts. The loader does its own checking, so
 * that every message can name the path, the expectation and the value; this schema describes the
 * shape, and the loader's rules go further (cross-field rules, labels, known metrics). Defaults come
 * from SCENARIO_DEFAULTS, which the loader reads too.
 */
import { z } from 'zod';
import { distributionText, SCENARIO_DEFAULTS as D } from './defaults.js';
import { SCENARIO_LIMITS as L } from './limits.js';
import { gatewayShape } from './schema-gateway.js';
import { duration, fraction, label, literals, rate, sweepable, variantList } from './schema-primitives.js';
import {
  ARRIVAL_PROCESSES,
  AUTH_STATUSES,
  BUILTIN_HEALTH_NAMES,
  DISTRIBUTION_KINDS,
  DOWN_STATUSES,
  FAILURE_STATUSES,
  IN_FLIGHT_MODES,
  INCIDENT_KINDS,
  OVERLOAD_STATUSES,
  PARAMS_OF_TACTIC,
  TACTIC_NAMES,
  TACTIC_PARAMS,
  TRACE_FORMATS,
  type TacticName,
} from './vocabulary.js';

export { LABEL_PATTERN } from './schema-primitives.js';

/** Distribution objects of one quantity (values written with `value`). */
function distributions(value: z.ZodType, id: string, description: string) {
  const variants = {
    constant: z.strictObject({ dist: z.literal('constant'), value }),
    uniform: z.strictObject({ dist: z.literal('uniform'), min: value, max: value }),
    normal: z.strictObject({ dist: z.literal('normal'), mean: value, sd: value, min: value.optional() }),
    lognormal: z.strictObject({ dist: z.literal('lognormal'), median: value, p99: value.describe('99th percentile, greater than the median') }),
    exponential: z.strictObject({ dist: z.literal('exponential'), mean: value }),
    empirical: z.strictObject({ dist: z.literal('empirical'), values: z.array(value).min(1).max(L.maxEmpiricalValues) }),
  } satisfies Record<(typeof DISTRIBUTION_KINDS)[number], z.ZodObject>;
  const schema = z.union([value, z.discriminatedUnion('dist', variantList(variants))]).meta({ id, description });
  return { schema, variants };
}

const durationDist = distributions(duration, 'DurationDistribution', 'A duration (constant), or { dist: constant | uniform | normal | lognormal | exponential | empirical, ... } with durations as values.');
const tokenDist = distributions(z.number().min(0).max(L.maxTokens), 'TokenDistribution', `Tokens per request: a number (constant), or { dist: ..., ... } with numbers as values (at most ${L.maxTokens}).`);
const speedDist = distributions(
  z.number().min(0).max(L.maxTokensPerSecond),
  'SpeedDistribution',
  `Output tokens per second: a number > 0 (constant), or { dist: ..., ... } with numbers as values; a normal is clamped at min (default ${D.normal.speed.min}).`,
);

const arrivalVariants = {
  constant: z.strictObject({ process: z.literal('constant'), rate: rate.describe('Evenly spaced arrivals at this rate.') }),
  poisson: z.strictObject({ process: z.literal('poisson'), rate: rate.describe('Mean arrival rate.') }),
  bursty: z.strictObject({
    process: z.literal('bursty'),
    on_rate: rate.describe('Poisson rate during a burst.'),
    off_rate: rate.describe('Poisson rate between bursts.'),
    on: duration.describe('Length of a burst (> 0).'),
    off: duration.describe('Time between bursts.'),
  }),
  diurnal: z.strictObject({
    process: z.literal('diurnal'),
    rate: rate.describe('Mean rate.'),
    amplitude: fraction.describe('Relative swing of the rate, 0..1.'),
    period: duration.describe('Length of one cycle (> 0).'),
    phase: z.number().min(-100).max(100).default(D.diurnal.phase).describe('Phase in radians.'),
  }),
  ramp: z.strictObject({ process: z.literal('ramp'), from: rate.describe('Rate at the start of the run.'), to: rate.describe('Rate at the end of the run.') }),
  trace: z.strictObject({
    process: z.literal('trace'),
    file: z.string().min(1).describe('Trace file, relative to the scenario file (rows: timestamp, input_tokens, output_tokens, optional session).'),
    format: z
      .enum(TRACE_FORMATS)
      .optional()
      .describe("lbsim's jsonl or csv (by default from the file extension: .jsonl, .ndjson, .csv), or a public trace: azure (the Azure LLM inference trace CSV), burstgpt (BurstGPT's CSV), mooncake (Mooncake's JSON Lines)."),
  }),
} satisfies Record<(typeof ARRIVAL_PROCESSES)[number], z.ZodObject>;

const arrivals = z.discriminatedUnion('process', variantList(arrivalVariants)).meta({ id: 'Arrivals', description: 'How requests arrive.' });

const workload = z.strictObject({
  arrivals,
  input_tokens: tokenDist.schema.default(D.workload.input_tokens),
  output_tokens: tokenDist.schema.default(D.workload.output_tokens),
  streaming: fraction.default(D.workload.streaming).describe('Fraction of requests that stream.'),
  sessions: z.int().min(0).max(L.maxSessions).default(D.workload.sessions).describe('Concurrent sessions requests are spread over (0: none); prompt caches hit within a session.'),
});

const statusKey = z.enum(FAILURE_STATUSES.map(String) as [string, ...string[]]);

const incidentBase = {
  start: duration.describe('When it starts, from the start of the run.'),
  duration: duration.describe('How long it lasts (> 0); start + duration must lie inside the run.'),
};
const incidentVariants = {
  down: z.strictObject({
    kind: z.literal('down'),
    ...incidentBase,
    status: literals(DOWN_STATUSES).default(D.incident.down.status),
    in_flight: z.enum(IN_FLIGHT_MODES).default(D.incident.down.in_flight).describe('What happens to the requests the provider holds when the outage starts: cut (they fail; a stream breaks with the tokens sent so far) or finish (they are served).'),
  }),
  rate_limited: z.strictObject({ kind: z.literal('rate_limited'), ...incidentBase, retry_after: z.union([duration, z.null()]).default(D.incident.rate_limited.retry_after).describe('Retry-After sent with each 429, or null for none.') }),
  auth_revoked: z.strictObject({
    kind: z.literal('auth_revoked'),
    start: incidentBase.start,
    duration: duration.optional().describe('How long it lasts; until the end of the run when omitted.'),
    status: literals(AUTH_STATUSES).default(D.incident.auth_revoked.status),
  }),
  slow: z.strictObject({ kind: z.literal('slow'), ...incidentBase, factor: z.number().gt(0).max(L.maxFactor).describe('Multiplies TTFT and generation time.') }),
  flaky: z.strictObject({
    kind: z.literal('flaky'),
    ...incidentBase,
    error_rate: z.number().gt(0).max(1).describe('Probability that a request fails.'),
    status: literals(FAILURE_STATUSES).default(D.incident.flaky.status),
  }),
  degraded: z.strictObject({ kind: z.literal('degraded'), ...incidentBase, factor: z.number().gt(0).max(L.maxFactor).describe('Multiplies token speed (< 1 is slower).') }),
  mid_stream: z.strictObject({
    kind: z.literal('mid_stream'),
    ...incidentBase,
    error_rate: z.number().gt(0).max(1).describe('Probability that a request breaks partway through its generation.'),
    status: literals(FAILURE_STATUSES).default(D.incident.mid_stream.status).describe('What a non-streamed request that breaks gets (a stream just breaks).'),
  }),
  stall: z.strictObject({
    kind: z.literal('stall'),
    ...incidentBase,
    error_rate: z.number().gt(0).max(1).describe('Probability that a request starting to generate during the incident stalls.'),
    pause: duration.describe('How long a stalled stream pauses partway through its generation (> 0).'),
  }),
} satisfies Record<(typeof INCIDENT_KINDS)[number], z.ZodObject>;

const incident = z.discriminatedUnion('kind', variantList(incidentVariants)).meta({ id: 'Incident', description: 'A scheduled change in a provider behaviour.' });

const rateLimits = z.strictObject({
  rpm: z.number().gt(0).max(L.maxRateLimit).optional().describe('Requests per minute (none when omitted).'),
  tpm: z.number().gt(0).max(L.maxRateLimit).optional().describe('Tokens per minute (none when omitted).'),
  granularity: z
    .enum(['minute', 'second'])
    .default(D.rateLimits.granularity)
    .describe("How much of the limit the bucket holds: a minute's (bursts of up to rpm at once) or a second's (rpm / 60, as OpenAI documents its limits may be enforced)."),
  burst: z.number().gt(0).max(L.maxRateLimit).optional().describe('The request bucket size, overriding granularity (needs rpm).'),
  token_burst: z.number().gt(0).max(L.maxRateLimit).optional().describe('The token bucket size, overriding granularity (needs tpm).'),
  max_tokens: z.int().min(1).max(L.maxRateLimit).optional().describe('The max_tokens the client sends, counted against tpm at admission instead of the output (needs tpm).'),
  retry_after: z
    .union([z.boolean(), z.literal('reset')])
    .default(D.rateLimits.retry_after)
    .describe('What a 429 says: true, a Retry-After of the wait until the request fits; reset, the wait until the buckets are full again; false, nothing.'),
});

const cache = z.strictObject({
  hit_rate: fraction.default(D.cache.hit_rate).describe('Probability of a prompt-cache hit (within a session, while warm).'),
  ttft_factor: fraction.default(D.cache.ttft_factor).describe('TTFT multiplier on a hit.'),
  input_price_factor: fraction.default(D.cache.input_price_factor).describe('Input price multiplier on a hit.'),
  ttl: duration.default(D.cache.ttl).describe('How long a session stays warm.'),
});

const throughput = z.number().gt(0).max(L.maxRateLimit).optional();
const load = z.strictObject({
  decode_throughput: throughput.describe('Output tokens per second the provider generates across all its streams: a stream starting with n served gets at most 1/n of it (none when omitted).'),
  prefill_throughput: throughput.describe('Input tokens per second the provider reads prompts at, one after another: TTFT grows by the wait for the prompts ahead (none when omitted).'),
});

const price = z.strictObject({
  input: z.number().min(0).max(L.maxPricePerMillion).default(D.price.input).describe('Dollars per million input tokens.'),
  output: z.number().min(0).max(L.maxPricePerMillion).default(D.price.output).describe('Dollars per million output tokens.'),
});

const service = z
  .strictObject({
    provider: z.string().min(1).describe('Provider name or UUID (the gateway config).'),
    model: z.string().min(1).describe('Model name (the gateway config).'),
    weight: z.int().min(-L.maxWeight).max(L.maxWeight).default(D.service.weight).describe('Weight for weighted tactics (negative allowed, as upstream).'),
    active: z.boolean().default(D.service.active),
    time_window: z.int().min(0).max(L.maxTimeWindowSeconds).default(D.service.time_window).describe('Statistics window in seconds.'),
    model_capacity: z.union([z.int().min(-L.maxWeight).max(L.maxWeight), z.null()]).optional().describe('Seats for capacity_based.'),
    tier: z.int().min(-L.maxWeight).max(L.maxWeight).optional().describe('v0.260819.0: the tier (lower is tried first by the tier tactic and by session pins; default 0).'),
    concurrency: z.union([z.int().min(1).max(L.maxConcurrency), z.literal('unlimited')]).default(D.service.concurrency).describe('Requests served at once.'),
    queue_limit: z.union([z.int().min(0).max(L.maxQueueLimit), z.literal('unlimited')]).default(D.service.queue_limit).describe('Requests that may wait for a slot.'),
    overload_status: literals(OVERLOAD_STATUSES).default(D.service.overload_status).describe('Status for a request that finds the queue full.'),
    ttft: durationDist.schema.optional().describe(`Time to first token; default ${distributionText(D.service.ttft)}.`),
    speed: speedDist.schema.optional().describe(`Tokens per second; default ${distributionText(D.service.speed)}.`),
    rate_limits: rateLimits.optional(),
    errors: z.partialRecord(statusKey, fraction).default(D.service.errors).describe('Background probability of each failure status; the sum is at most 1.'),
    error_text: z.partialRecord(statusKey, z.string().max(500)).default(D.service.error_text).describe('The body text each failure status carries; upstream reads it ("rate limit" in a 503 makes it a rate limit).'),
    error_latency: durationDist.schema.default(D.service.error_latency).describe('How long a failed request takes.'),
    timeout: duration.default(D.service.timeout).describe('How long a timed-out request takes (408s and timeout outages).'),
    incidents: z.array(incident).max(L.maxIncidents).default([...D.service.incidents]),
    cache: cache.optional(),
    load: load.optional().describe('Load-dependent speed and TTFT, as a batched inference server behaves.'),
    price: price.optional(),
    probe_latency: duration.default(D.service.probe_latency).describe('How long a health probe takes.'),
  })
  .meta({ id: 'Service', description: 'A service in the gateway vocabulary (provider, model, weight, active, time_window, model_capacity) and the synthetic provider behind it.' });

const gateway = z.strictObject(gatewayShape).meta({ id: 'Gateway', description: 'Gateway options around the balancer; the defaults reproduce the upstream gateway.' });

const tacticEntryVariants = Object.fromEntries(
  TACTIC_NAMES.map((name) => [
    name,
    z.strictObject({
      tactic: z.literal(name),
      name: label.optional().describe('Label in results (default: the tactic name).'),
      params: z.strictObject(Object.fromEntries(PARAMS_OF_TACTIC[name].map((p) => [p, sweepable(paramSchema(p)).optional()]))).optional(),
    }),
  ]),
) as unknown as Record<TacticName, z.ZodObject>;

function paramSchema(name: string): z.ZodType {
  const info = TACTIC_PARAMS.find((p) => p.name === name)!;
  const type = info.type;
  const schema = type.kind === 'choice' ? z.enum(type.choices as [string, ...string[]]) : type.kind === 'integer' ? z.int().min(0).max(L.maxParameter) : type.below !== undefined ? z.number().min(0).lt(type.below) : z.number().min(0).max(L.maxParameter);
  return schema.describe(`${info.description}; 0 means the default`);
}

/** The gateway's own lb_tactic object, as a rule holds it. */
const lbTactic = z.strictObject({
  type: z.enum(TACTIC_NAMES),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional().describe("The tactic's parameters, in the gateway's names."),
});
const gatewayTacticEntry = z.strictObject({ name: label.optional().describe('Label in results (default: the tactic name).'), lb_tactic: lbTactic });

const tacticEntry = z.union([z.enum(TACTIC_NAMES), z.discriminatedUnion('tactic', variantList(tacticEntryVariants)), gatewayTacticEntry]);

const healthMonitorBlock = z.strictObject({
  consecutive_error_threshold: z.int().min(0).max(L.maxErrorThreshold).default(D.healthEntry.consecutive_error_threshold),
  recovery_timeout_seconds: z.int().min(0).max(L.maxRecoveryTimeoutSeconds).default(D.healthEntry.recovery_timeout_seconds),
  probe_enabled: z.boolean().default(D.healthEntry.probe_enabled),
});

const healthEntry = z.union([
  z.enum(BUILTIN_HEALTH_NAMES),
  z.strictObject({
    name: label,
    consecutive_error_threshold: sweepable(z.int().min(0).max(L.maxErrorThreshold)).default(D.healthEntry.consecutive_error_threshold),
    recovery_timeout_seconds: sweepable(z.int().min(0).max(L.maxRecoveryTimeoutSeconds)).default(D.healthEntry.recovery_timeout_seconds),
    probe_enabled: z.boolean().default(D.healthEntry.probe_enabled),
    rate_limit_hold: z.boolean().default(D.healthEntry.rate_limit_hold).describe('Hold a rate-limited service out for the recovery timeout, as v0.260414.2000 does (not the seed).'),
  }),
  z.strictObject({ name: label, health_monitor: healthMonitorBlock.describe("The gateway's own health_monitor block, pasted as is.") }),
]);

const gatewayVariant = z.strictObject({ name: label, ...Object.fromEntries(Object.entries(gatewayShape).map(([k, v]) => [k, v.removeDefault().optional()])) });

const selector = z.strictObject({ tactic: label.optional(), health: label.optional(), gateway: label.optional() }).meta({ id: 'Selector', description: 'Picks cells by tactic, health setting and gateway variant labels; an omitted axis matches every value.' });

const compare = z.strictObject({
  tactics: z.union([z.literal('all'), z.array(tacticEntry).min(1).max(L.maxCompareEntries)]).default(D.compare.tactics).describe('all (the six tactics with default parameters), or a list of tactic names and { tactic, name, params } entries.'),
  health: z.union([z.literal('all'), z.array(healthEntry).min(1).max(L.maxCompareEntries)]).default(D.compare.health).describe('Health settings: all (unconfigured, default, none), or a list of built-in names and { name, ... } settings.'),
  gateway: z.array(gatewayVariant).min(1).max(L.maxCompareEntries).optional().describe('Gateway variants (overrides on top of the gateway block); default one variant named default.'),
  baseline: selector.optional().describe('The reference cell; default the first label of each list.'),
});

const number = z.number().min(-L.maxParameter).max(L.maxParameter);
const expectBound = z.strictObject({ metric: z.string(), where: selector.optional(), at_least: number.optional(), at_most: number.optional() });
const expectBetter = z.strictObject({ metric: z.string(), where: selector.optional(), better_than: selector, margin: z.number().min(0).max(L.maxParameter).default(D.expectation.margin) });
const expectNoWorse = z.strictObject({ metric: z.string(), where: selector.optional(), no_worse_than: selector, margin: z.number().min(0).max(L.maxParameter).default(D.expectation.margin) });
const expectation = z.union([expectBound, expectBetter, expectNoWorse]).meta({ id: 'Expectation', description: 'An assertion on the mean of a metric: bounds (at_least, at_most) or a comparison (better_than, no_worse_than).' });

const limits = z.strictObject({
  max_events: z.int().min(1).max(L.maxEvents).default(D.limits.max_events).describe('Most simulation events per run.'),
  max_simulated_time: duration.optional().describe('Longest simulated time per run, drain included (default 20 x duration + 1h; at most 3600h).'),
});

const goal = z
  .strictObject({
    optimize: z.string().default(D.goal.optimize).describe('The metric to optimise (its direction comes from the metric table).'),
    constraints: z
      .array(z.string().regex(/^\s*\S+\s*(>=|<=)\s*-?[0-9.]+(e-?[0-9]+)?\s*$/))
      .max(L.maxConstraints)
      .default([...D.goal.constraints])
      .describe('Conditions a recommended cell must meet, e.g. "success_rate >= 0.99", "cost_per_1k_success <= 5", "share:<provider:model> <= 0.5".'),
    tie_breakers: z.array(z.string()).max(L.maxTieBreakers).default([...D.goal.tie_breakers]).describe('Metrics that decide, in order, among cells as good as the best on the ones before.'),
    indifference: z
      .record(z.string(), z.union([z.number().min(0), z.string().regex(/^[0-9.]+%$/)]))
      .optional()
      .describe('The smallest difference that matters, per goal metric: in its unit (0.002 for 0.2 points of success rate) or a percentage of the best value ("5%"). Default 0.002 for rates, 5% otherwise.'),
    confidence: z.number().gt(0.5).max(0.999).default(D.goal.confidence).describe('Probability that the recommendation statement holds.'),
  })
  .meta({ id: 'Goal', description: 'What the recommendation looks for; without it, the default goal.' });

/** The whole file. */
export const scenarioFileSchema = z
  .strictObject({
    name: z.string().min(1).max(L.maxNameLength).describe('Name of the scenario (any characters).'),
    description: z.string().max(L.maxTextLength).default(D.root.description),
    question: z.string().max(L.maxTextLength).default(D.root.question).describe('The question the scenario answers, for reports.'),
    seed: z.int().min(0).max(L.maxSeed).default(D.root.seed),
    duration: duration.describe('Arrivals stop after this (> 0, at most 168h).'),
    warmup: duration.default(D.root.warmup).describe('Requests arriving before this are left out of the metrics; shorter than the duration.'),
    replications: z
      .union([z.int().min(1).max(L.maxReplications), z.literal('auto')])
      .default(D.root.replications)
      .describe('Replications per cell, or auto: a first stage, then the contending cells run to what the selection needs (at most max_replications).'),
    first_stage_replications: z.int().min(2).max(L.maxReplications).default(D.root.first_stage_replications).describe('With replications: auto, the first stage of every cell.'),
    max_replications: z.int().min(2).max(L.maxReplications).default(D.root.max_replications).describe('With replications: auto, the most replications a cell gets.'),
    goal: goal.optional(),
    bucket: duration.optional().describe('Width of time-series buckets (> 0); default duration / 60 rounded up to a whole second, at least 1s.'),
    limits: limits.optional(),
    workload,
    services: z.array(service).min(1).max(L.maxServices),
    gateway: gateway.optional(),
    compare: compare.optional(),
    expect: z.array(expectation).max(L.maxExpectations).default([...D.root.expect]),
  })
  .meta({ title: 'lbsim scenario', description: 'A load-balancer simulation scenario (see scenarios/FORMAT.md).' });

function keysOf(schema: z.ZodObject): readonly string[] {
  return Object.keys(schema.shape);
}

function keysByVariant<K extends string>(variants: Record<K, z.ZodObject>): Readonly<Record<K, readonly string[]>> {
  return Object.fromEntries(Object.entries<z.ZodObject>(variants).map(([k, v]) => [k, keysOf(v)])) as Record<K, readonly string[]>;
}

function union(...lists: (readonly string[])[]): readonly string[] {
  return [...new Set(lists.flat())];
}

/** The keys each mapping of the format accepts, read from the schema so the two cannot disagree. */
export const SCENARIO_KEYS = {
  root: keysOf(scenarioFileSchema),
  limits: keysOf(limits),
  workload: keysOf(workload),
  arrivals: keysByVariant(arrivalVariants),
  durationDistribution: keysByVariant(durationDist.variants),
  numberDistribution: keysByVariant(tokenDist.variants),
  service: keysOf(service),
  rateLimits: keysOf(rateLimits),
  errors: FAILURE_STATUSES.map(String),
  incident: keysByVariant(incidentVariants),
  cache: keysOf(cache),
  load: keysOf(load),
  price: keysOf(price),
  gateway: keysOf(gateway),
  compare: keysOf(compare),
  tacticEntry: keysOf(tacticEntryVariants.random),
  gatewayTacticEntry: keysOf(gatewayTacticEntry),
  lbTactic: keysOf(lbTactic),
  healthMonitorEntry: ['name', 'health_monitor'],
  healthMonitorBlock: keysOf(healthMonitorBlock),
  healthEntry: ['name', 'consecutive_error_threshold', 'recovery_timeout_seconds', 'probe_enabled', 'rate_limit_hold'],
  gatewayVariant: keysOf(gatewayVariant),
  selector: keysOf(selector),
  expectation: union(keysOf(expectBound), keysOf(expectBetter), keysOf(expectNoWorse)),
  goal: keysOf(goal),
} as const;

/** The JSON Schema (draft 2020-12) of scenario files, as written to scenarios/scenario.schema.json. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** scenarioJsonSchema() as the exact text of scenarios/scenario.schema.json (2-space indent, final newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
