import { describe, expect, it } from 'vitest';
import { validateScenarioText, type ScenarioIssue } from '../../../engine/scenario/index.js';
import { minimalDoc, parse, yamlText } from './helpers.js';

function issues(text: string): ScenarioIssue[] {
  const result = validateScenarioText(text, { sourceName: 'y.yaml' });
  if (result.ok) throw new Error('expected problems');
  return result.issues;
}

const HEAD = 'name: y\nduration: 10m\nworkload:\n  arrivals: { process: poisson, rate: 20/s }\n';

describe('YAML problems', () => {
  it('a syntax error is reported at the root path with its line and column', () => {
    const [issue, ...rest] = issues(`${HEAD}services:\n  - { provider: a, model: b\n  - { provider: c, model: d }\n`);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: '', line: 7, column: 3 });
    expect(issue!.message).toMatch(/^YAML syntax error: .+ \([A-Z_]+\)$/);
    expect(issue!.message).not.toContain('\n');
  });

  it('reports every syntax error, and nothing about content it could not read', () => {
    const found = issues('name: [a\nduration: 10m\nworkload: {\n');
    expect(found.length).toBeGreaterThanOrEqual(1);
    for (const issue of found) {
      expect(issue.path).toBe('');
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.message).toMatch(/^YAML syntax error/);
    }
  });

  it('tabs used as indentation', () => {
    expect(issues('name: y\nworkload:\n\tarrivals: 1\n')[0]).toMatchObject({ path: '', line: 3, column: 1 });
  });

  it('several documents in one file', () => {
    expect(issues(`${yamlText(minimalDoc())}---\nname: two\n`)[0]!.message).toContain('more than one YAML document');
  });

  it('a duplicate key is reported at its path, naming the first one', () => {
    const found = issues(`${HEAD}services:\n  - provider: a\n    model: b\n    weight: 1\n    weight: 2\n`);
    expect(found).toEqual([{ path: 'services[0].weight', message: 'duplicate key "weight" (first at line 8): each key may appear once', line: 9, column: 5 }]);
  });

  it('a duplicate key at the root, next to other problems', () => {
    const found = issues(`${HEAD}name: again\nservices: []\n`);
    expect(found.map((i) => i.path)).toEqual(['name', 'services']);
  });

  it('an alias bomb is refused after 100 alias expansions, without expanding it', () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = process.hrtime.bigint();
    const found = issues(`${levels.join('\n')}\n`);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
    expect(found).toEqual([
      {
        path: '',
        message: 'YAML aliases expand too far (more than 100 alias expansions): this looks like an alias bomb ("billion laughs"); use fewer aliases',
        expected: 'at most 100 alias expansions',
        received: 'more',
      },
    ]);
  });

  it('an alias to an undefined anchor', () => {
    const found = issues(`${HEAD}services:\n  - *svc\n`);
    expect(found[0]).toMatchObject({ path: 'services[0]', line: 6, column: 5 });
    expect(found[0]!.message).toBe('unknown alias *svc: no anchor &svc is defined before it');
  });

  it('a recursive alias', () => {
    const found = issues(`${HEAD}services: &s [{ provider: a, model: b }, *s]\n`);
    expect(found[0]).toMatchObject({ path: 'services[1]' });
    expect(found[0]!.message).toContain('recursive');
  });

  it('tags other than the core ones', () => {
    const found = issues(`${HEAD}description: !!binary aGVsbG8=\nquestion: !custom x\nservices: [{ provider: a, model: b }]\n`);
    expect(found.map((i) => [i.path, i.message])).toEqual([
      ['description', 'unsupported YAML tag !!binary: scenario files use plain YAML values'],
      ['question', 'unsupported YAML tag !custom: scenario files use plain YAML values'],
    ]);
  });

  it('keys that are collections, or empty', () => {
    const found = issues(`${HEAD}services: [{ provider: a, model: b }]\n? [x, y]\n: 1\n`);
    expect(found[0]!.message).toBe('mapping keys must be plain words or numbers, not lists, mappings or aliases');
    expect(issues(`${HEAD}services: [{ provider: a, model: b }]\n"": 1\n`)[0]!.message).toBe('a mapping key is empty');
  });

  it('an empty file, a file of comments, and a top level that is not a mapping', () => {
    for (const text of ['', '# only a comment\n', '---\n']) expect(issues(text)[0]!.message).toBe('the file has no content; expected a scenario: a mapping with at least name, duration, workload and services');
    expect(issues('- a\n- b\n')[0]!.message).toBe('expected a scenario: a mapping with at least name, duration, workload and services, got a list of 2 items');
    expect(issues('just text')[0]!.message).toContain('got "just text"');
  });

  it('deep nesting is refused, not a stack overflow', () => {
    const deep = `${HEAD}services: [{ provider: a, model: b }]\ndescription: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const found = issues(deep);
    expect(found[0]!.message).toMatch(/nests more than 64 levels deep|nests too deeply/);
  });

  it('nesting thousands deep (flow, block or compact) gets the depth limit with its place, not "Maximum call stack size exceeded"', () => {
    const flow = issues(`${HEAD}description: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`);
    expect(flow).toEqual([expect.objectContaining({ message: 'the YAML nests more than 64 levels deep', line: 5 })]);
    const block = issues(`${HEAD}extra:\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`);
    expect(block[0]).toMatchObject({ message: 'the YAML nests more than 64 levels deep', line: 69 });
    const compact = issues(`${HEAD}extra:\n  ${'- '.repeat(5_000)}x\n`);
    expect(compact[0]!.message).toBe('the YAML nests more than 64 levels deep');
    // brackets in strings and comments are not nesting
    expect(parse(`${yamlText(minimalDoc())}description: "${'['.repeat(500)}" # ${'{'.repeat(500)}\n`).description).toBe('['.repeat(500));
  });

  it('a file over the size limit is refused before parsing', () => {
    const found = issues(`description: "${'x'.repeat(10_000_001)}"\n`);
    expect(found[0]!.message).toMatch(/^the file has \d+ characters; a scenario file may have at most 10000000$/);
  });
});

describe('YAML features that work', () => {
  it('anchors, aliases and merge keys', () => {
    const text = `${HEAD}services:
  - &base { provider: a, model: m1, weight: 2, ttft: 300ms, incidents: [{ kind: slow, start: 1m, duration: 1m, factor: 2 }] }
  - { <<: *base, model: m2 }
  - <<: *base
    model: m3
    weight: 5
`;
    const s = parse(text);
    expect(s.services.map((x) => [x.model, x.weight, x.behavior.ttftMs])).toEqual([
      ['m1', 2, { kind: 'constant', value: 300 }],
      ['m2', 2, { kind: 'constant', value: 300 }],
      ['m3', 5, { kind: 'constant', value: 300 }],
    ]);
    expect(s.services[2]!.behavior.incidents).toHaveLength(1);
  });

  it('locates a problem in merged content where it is written', () => {
    const text = `${HEAD}defaults: &d { provider: a, timout: 1s }\nservices:\n  - { <<: *d, model: m }\n`;
    const found = issues(text);
    expect(found.map((i) => [i.path, i.line])).toEqual([
      ['defaults', 5],
      ['services[0].timout', 5],
    ]);
  });

  it('flow and block styles, quoted keys, JSON', () => {
    const text = `{"name": "j", "duration": "1m", "workload": {"arrivals": {"process": "poisson", "rate": "1/s"}}, "services": [{"provider": "a", "model": "b", "errors": {"500": 0.1}}]}`;
    expect(parse(text).services[0]!.behavior.errorRates).toEqual({ 500: 0.1 });
  });

  it('YAML 1.2 booleans: yes is a string', () => {
    const found = issues(`${HEAD}services: [{ provider: a, model: b, active: yes }]\n`);
    expect(found[0]!.message).toBe('expected true or false, got "yes"; write true or false without quotes');
  });

  it('a key named like an object property is an ordinary (unknown) key', () => {
    const found = issues(`${HEAD}services: [{ provider: a, model: b }]\n__proto__: { polluted: true }\nconstructor: 1\n`);
    expect(found.map((i) => i.path)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
