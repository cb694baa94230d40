import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, ScenarioError, scenarioFileSchema } from '../../../engine/scenario/index.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const MALFORMED = join(FIXTURES, 'malformed');
const VALID = join(FIXTURES, 'valid');

const fs = { readFile: (path: string) => readFileSync(path, 'utf8') };

/** The `# expect-...:` header lines of a corpus file. */
function header(text: string): { path: string; text: string | undefined; line: number | undefined } {
  const field = (name: string): string | undefined => new RegExp(`^# expect-${name}:(.*)$`, 'm').exec(text)?.[1]?.trim();
  const path = field('path');
  if (path === undefined) throw new Error('a corpus file must start with "# expect-path: <path>"');
  const line = field('line');
  return { path, text: field('text'), line: line === undefined ? undefined : Number(line) };
}

const malformed = readdirSync(MALFORMED)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('malformed corpus', () => {
  it('has at least 35 files, each starting with its expect-path line', () => {
    expect(malformed.length).toBeGreaterThanOrEqual(35);
    for (const file of malformed) expect(readFileSync(join(MALFORMED, file), 'utf8'), file).toMatch(/^# expect-path:/);
  });

  it.each(malformed)('%s is refused with an issue at the expected path', (file) => {
    const path = join(MALFORMED, file);
    const expected = header(readFileSync(path, 'utf8'));
    let error: unknown;
    try {
      loadScenarioFile(path, fs);
    } catch (e) {
      error = e;
    }
    expect(error, `${file} parsed without error`).toBeInstanceOf(ScenarioError);
    const { issues, code, message } = error as ScenarioError;
    expect(code).toBe('SCENARIO_INVALID');
    const atPath = issues.filter((i) => i.path === expected.path);
    expect(atPath, `no issue at ${JSON.stringify(expected.path)}; got:\n${message}`).not.toHaveLength(0);
    if (expected.text !== undefined) {
      expect(
        atPath.some((i) => i.message.includes(expected.text!)),
        `no issue at ${JSON.stringify(expected.path)} says ${JSON.stringify(expected.text)}; got:\n${message}`,
      ).toBe(true);
    }
    if (expected.line !== undefined) expect(atPath.map((i) => i.line)).toContain(expected.line);
    if (expected.path === '' && /syntax/i.test(atPath[0]!.message)) {
      expect(atPath[0]!.line).toBeGreaterThan(0);
      expect(atPath[0]!.column).toBeGreaterThan(0);
    }
    expect(message.startsWith(`invalid scenario ${path} (`)).toBe(true);
    expect(message).not.toMatch(/\n\s+at /);
  });
});

const valid = readdirSync(VALID)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('valid fixtures', () => {
  it('include a trace replay', () => {
    expect(valid).toEqual(expect.arrayContaining(['minimal.yaml', 'gateway-json.yaml', 'full.yaml', 'trace-replay.yaml', 'trace-csv.yaml', 'trace-azure.yaml', 'trace-burstgpt.yaml', 'trace-mooncake.yaml']));
  });

  it.each(valid)('%s loads', (file) => {
    const scenario = loadScenarioFile(join(VALID, file), fs);
    expect(scenario.services.length).toBeGreaterThan(0);
  });

  it.each(valid)('%s matches the schema behind scenario.schema.json', (file) => {
    const data: unknown = parseYaml(readFileSync(join(VALID, file), 'utf8'), { merge: true });
    const result = scenarioFileSchema.safeParse(data);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('the trace replay reads the trace next to it', () => {
    const scenario = loadScenarioFile(join(VALID, 'trace-replay.yaml'), fs);
    expect(scenario.workload.arrivals).toEqual({
      kind: 'trace',
      rows: [
        { timestampMs: 0, inputTokens: 800, outputTokens: 200, session: 0 },
        { timestampMs: 500, inputTokens: 1200, outputTokens: 90, session: -1 },
        { timestampMs: 1250, inputTokens: 300, outputTokens: 40, session: 1 },
        { timestampMs: 2000, inputTokens: 950, outputTokens: 310, session: 0 },
      ],
    });
    const csv = loadScenarioFile(join(VALID, 'trace-csv.yaml'), fs);
    expect(csv.workload.arrivals).toMatchObject({ kind: 'trace', rows: [{ timestampMs: 0, session: 0 }, { timestampMs: 250, session: -1 }, { timestampMs: 1500, session: 1 }] });
  });

  it('the name keeps its characters', () => {
    expect(loadScenarioFile(join(VALID, 'gateway-json.yaml'), fs).name).toBe('copied <from> the gateway & "quoted"');
  });
});

describe('the schema and the loader agree on shape', () => {
  const shapeErrors = ['wrong-type-name', 'unknown-root-key', 'unknown-service-key', 'duration-without-unit', 'unknown-tactic', 'param-wrong-tactic', 'bad-status-error-key', 'bad-overload-status', 'empty-services', 'huge-replications'];

  it.each(shapeErrors)('%s is refused by the schema too', (name) => {
    const data: unknown = parseYaml(readFileSync(join(MALFORMED, `${name}.yaml`), 'utf8'), { merge: true });
    expect(scenarioFileSchema.safeParse(data).success).toBe(false);
  });
});
