import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../engine/metrics/index.js';
import { scenarioJsonSchema, scenarioJsonSchemaText, validateScenarioText } from '../../../engine/scenario/index.js';
import { SCENARIO_KEYS } from '../../../engine/scenario/schema.js';
import { TACTIC_PARAMS } from '../../../engine/scenario/vocabulary.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'scenarios', 'scenario.schema.json');
const FORMAT = readFileSync(join(ROOT, 'scenarios', 'FORMAT.md'), 'utf8');

function isList(keys: readonly string[] | Readonly<Record<string, readonly string[]>>): keys is readonly string[] {
  return Array.isArray(keys);
}

/** Every property name anywhere in a JSON Schema. */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, into);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value)) into.add(name);
      propertyNames(value, into);
    }
  }
  return into;
}

describe('scenarios/scenario.schema.json', () => {
  it('is exactly what scenarioJsonSchema() generates (regenerate with npm run schema)', async () => {
    // Compares the text exactly; `vitest --update` (npm run schema) rewrites the file instead.
    await expect(scenarioJsonSchemaText()).toMatchFileSnapshot(SCHEMA_FILE);
  });

  it('is a draft 2020-12 schema of a strict mapping with the required keys', () => {
    const schema = scenarioJsonSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['title']).toBe('lbsim scenario');
    expect(schema['type']).toBe('object');
    expect(schema['additionalProperties']).toBe(false);
    expect(schema['required']).toEqual(['name', 'duration', 'workload', 'services']);
  });

  it('describes durations and rates with the patterns the loader reads', () => {
    const defs = scenarioJsonSchema()['$defs'] as Record<string, { anyOf: { pattern?: string }[] }>;
    const pattern = (id: string) => new RegExp(defs[id]!.anyOf.find((s) => s.pattern !== undefined)!.pattern!);
    for (const ok of ['250ms', '1.5s', '90s', '5m', '2h']) expect(pattern('Duration').test(ok), ok).toBe(true);
    for (const bad of ['400', '5d', '1h30m', '-1s', '5 s']) expect(pattern('Duration').test(bad), bad).toBe(false);
    for (const ok of ['20/s', '600/min', '36000/h', '0.5/s']) expect(pattern('Rate').test(ok), ok).toBe(true);
    for (const bad of ['20', '20/m', '-1/s']) expect(pattern('Rate').test(bad), bad).toBe(false);
  });

  it('names the loader keys (the loader takes its keys from the same schema)', () => {
    const names = propertyNames(scenarioJsonSchema());
    const loaderKeys = Object.values(SCENARIO_KEYS).flatMap((keys): readonly string[] => (isList(keys) ? keys : Object.values(keys).flat()));
    const statuses = new Set(SCENARIO_KEYS.errors);
    for (const key of loaderKeys) if (!statuses.has(key)) expect(names, key).toContain(key);
    for (const param of TACTIC_PARAMS) expect(names).toContain(param.name);
  });
});

describe('scenarios/FORMAT.md', () => {
  it('describes every key of the schema', () => {
    const missing = [...propertyNames(scenarioJsonSchema())].filter((name) => !FORMAT.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('lists every metric of the registry', () => {
    const missing = METRICS.map((m) => m.name).filter((name) => !FORMAT.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('has examples that are valid scenarios', () => {
    const examples = [...FORMAT.matchAll(/```yaml\n(# example: [^\n]+\n[\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const trace = '{"timestamp": 0, "input_tokens": 100, "output_tokens": 20}\n';
    for (const text of examples) {
      const result = validateScenarioText(text, { sourceName: text.split('\n')[0]!, readFile: () => trace });
      expect(result.ok ? [] : result.issues, text.split('\n')[0]).toEqual([]);
    }
  });

  it('shows the full example as the full.yaml fixture', () => {
    const full = /```yaml\n# example: full\n([\s\S]*?)```/.exec(FORMAT)![1]!;
    const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'valid', 'full.yaml'), 'utf8');
    expect(fixture.slice(fixture.indexOf('\n') + 1)).toBe(full);
  });
});
