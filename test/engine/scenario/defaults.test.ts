import { describe, expect, it } from 'vitest';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import { SCENARIO_DEFAULTS, scenarioJsonSchema } from '../../../engine/scenario/index.js';
import { docWith, minimalDoc, parse } from './helpers.js';

type Json = Record<string, unknown>;
type PathSegment = string | number;

/**
 * Documents that between them contain every mapping of the format that has defaulted keys (each
 * with only its required keys): the walk below finds every default of the schema in them.
 */
const DOCUMENTS: Record<string, Json> = {
  'every block, written empty': {
    name: 'defaults',
    duration: '10m',
    workload: { arrivals: { process: 'diurnal', rate: '5/s', amplitude: 0.5, period: '2m' } },
    limits: {},
    gateway: {},
    goal: {},
    services: [
      {
        provider: 'a',
        model: 'm',
        rate_limits: {},
        cache: {},
        price: {},
        incidents: [
          { kind: 'down', start: '1m', duration: '1m' },
          { kind: 'rate_limited', start: '2m', duration: '1m' },
          { kind: 'auth_revoked', start: '3m', duration: '1m' },
          { kind: 'flaky', start: '4m', duration: '1m', error_rate: 0.1 },
          { kind: 'mid_stream', start: '5m', duration: '1m', error_rate: 0.1 },
        ],
      },
    ],
    compare: { health: ['default', { name: 'mine' }, { name: 'pasted', health_monitor: {} }] },
    expect: [
      { metric: 'success_rate', where: { health: 'mine' }, better_than: { health: 'default' } },
      { metric: 'success_rate', where: { health: 'mine' }, no_worse_than: { health: 'default' } },
    ],
  },
  'the minimal scenario with an empty compare': { ...minimalDoc(), compare: {} },
};

/** Follows a local `$ref`. */
function resolve(root: Json, schema: Json): Json {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, step) => (node as Json)[step], root);
  return resolve(root, target as Json);
}

/** The alternatives of a schema (itself, or the branches of its anyOf / oneOf), resolved. */
function alternatives(root: Json, schema: Json): Json[] {
  const s = resolve(root, schema);
  const branches = (s['anyOf'] ?? s['oneOf']) as Json[] | undefined;
  return branches === undefined ? [s] : branches.flatMap((b) => alternatives(root, b));
}

/** The object schema that describes `value`: one that has every key of it, and whose `const` properties (kind, dist, process) match. */
function objectSchemaOf(root: Json, schema: Json, value: Json): Json | undefined {
  return alternatives(root, schema).find((s) => {
    if (s['type'] !== 'object') return false;
    const properties = (s['properties'] ?? {}) as Record<string, Json>;
    return Object.keys(value).every((key) => key in properties) && Object.entries(properties).every(([key, p]) => !('const' in p) || value[key] === p['const']);
  });
}

interface FoundDefault {
  path: PathSegment[];
  value: unknown;
  /** The schema node that carries the default (to check that every one of them was found). */
  node: Json;
}

/** Every key that `value` leaves out and the schema gives a default, with that default. */
function missingDefaults(root: Json, schema: Json, value: unknown, path: PathSegment[] = []): FoundDefault[] {
  if (Array.isArray(value)) {
    const list = alternatives(root, schema).find((s) => s['type'] === 'array');
    return list === undefined ? [] : value.flatMap((item, i) => missingDefaults(root, list['items'] as Json, item, [...path, i]));
  }
  if (typeof value !== 'object' || value === null) return [];
  const object = objectSchemaOf(root, schema, value as Json);
  if (object === undefined) return [];
  return Object.entries((object['properties'] ?? {}) as Record<string, Json>).flatMap(([key, property]) => {
    if (Object.hasOwn(value, key)) return missingDefaults(root, property, (value as Json)[key], [...path, key]);
    return 'default' in property ? [{ path: [...path, key], value: property['default'], node: property }] : [];
  });
}

/** Every schema node with a default, anywhere in the schema. */
function nodesWithDefaults(schema: unknown, into: Json[] = []): Json[] {
  if (Array.isArray(schema)) for (const item of schema) nodesWithDefaults(item, into);
  else if (typeof schema === 'object' && schema !== null) {
    if ('default' in schema) into.push(schema as Json);
    for (const value of Object.values(schema)) nodesWithDefaults(value, into);
  }
  return into;
}

function withValue(doc: Json, path: readonly PathSegment[], value: unknown): Json {
  const copy = structuredClone(doc);
  let node = copy as Record<PathSegment, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<PathSegment, unknown>;
  node[path[path.length - 1]!] = structuredClone(value);
  return copy;
}

describe('defaults: the JSON Schema and the loader agree', () => {
  const schema = scenarioJsonSchema();
  const found = Object.entries(DOCUMENTS).flatMap(([name, doc]) => missingDefaults(schema, schema, doc).map((d) => ({ ...d, name, doc })));

  it('the documents reach every default of the schema', () => {
    const reached = new Set(found.map((d) => d.node));
    const missed = nodesWithDefaults(schema).filter((node) => !reached.has(node));
    expect(missed).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(60);
  });

  it.each(found.map((d) => [`${d.name}: ${d.path.join('.')} = ${JSON.stringify(d.value)}`, d] as const))('writing the schema default gives the same scenario as leaving it out: %s', (_, d) => {
    expect(parse(withValue(d.doc, d.path, d.value))).toEqual(parse(d.doc));
  });
});

describe('defaults the schema only describes', () => {
  const base = parse(minimalDoc());

  it('ttft and speed default to the distributions of the table, which their descriptions name', () => {
    const explicit = parse(docWith({ 'services[0].ttft': SCENARIO_DEFAULTS.service.ttft, 'services[0].speed': SCENARIO_DEFAULTS.service.speed }));
    expect(explicit).toEqual(base);
    const service = ((scenarioJsonSchema()['$defs'] as Json)['Service'] as Json)['properties'] as Record<string, Json>;
    expect(service['ttft']!['description']).toContain('default lognormal median 500ms p99 2s');
    expect(service['speed']!['description']).toContain('default normal mean 60 sd 10 min 1');
  });

  it("a normal's min defaults to 1 token/s for speeds and to 0 otherwise", () => {
    const speed = (min?: number) => parse(docWith({ 'services[0].speed': { dist: 'normal', mean: 50, sd: 20, ...(min === undefined ? {} : { min }) } })).services[0]!.behavior.tokensPerSecond;
    expect(speed()).toEqual(speed(SCENARIO_DEFAULTS.normal.speed.min));
    expect(speed()).toMatchObject({ min: 1 });
    const ttft = parse(docWith({ 'services[0].ttft': { dist: 'normal', mean: '1s', sd: '100ms' } })).services[0]!.behavior.ttftMs;
    expect(ttft).toMatchObject({ min: 0 });
  });

  it('the gateway defaults are the upstream options, and the health-setting defaults the package default', () => {
    expect(parse(minimalDoc()).gateway).toEqual(UPSTREAM_GATEWAY_OPTIONS);
    expect(SCENARIO_DEFAULTS.healthEntry).toEqual({ consecutive_error_threshold: 3, recovery_timeout_seconds: 300, probe_enabled: true, rate_limit_hold: false });
  });
});
