import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lbsim, ROOT, scratch } from './cli.js';

const DIR = join(ROOT, 'scenarios', 'scripts');
const SCRIPTS = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => join(DIR, f));

describe('lbsim script', () => {
  it(`passes every scripted scenario of the library (${SCRIPTS.length}), each checking something`, async () => {
    expect(SCRIPTS.length).toBeGreaterThanOrEqual(12);
    const r = await lbsim(['script', ...SCRIPTS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(SCRIPTS.length);
    for (const line of lines) expect(line).toMatch(/^[\w-]+ \(v0\.\d+\.\d+(?:-preview)?\): (\d+) of \1 checked steps passed$/);
    for (const line of lines) expect(line).not.toMatch(/: 0 of 0 /);
  });

  it('exits 1 when a check fails, naming the step and what differed', async () => {
    const dir = scratch();
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, 'name: wrong\ntactic: tier\nservices:\n  - { provider: a, faults: { steps: [{ status: 503 }], on_exhaust: loop } }\n  - { provider: b, tier: 1 }\nprogram:\n  - { request: {}, expect: { status: 503, path: [a] } }\n');
    const r = await lbsim(['script', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wrong (v0.260819.0): 0 of 1 checked steps passed');
    expect(r.stderr).toContain('FAIL wrong.yaml: program[0]: status: expected 503, got 200');
    expect(r.stderr).toContain('FAIL wrong.yaml: program[0]: path: expected a, got a → b');
  });

  it('refuses a bad script with exit 2, every problem with its line, and runs none', async () => {
    const dir = scratch();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'name: bad\nversion: v0.26041.1000-preview\nservices:\n  - { provider: a, faults: { steps: [{ status: 299 }] } }\nprogram:\n  - { request: {}, expect: { path: [z], breaker: { a: open } } }\n  - { advance: 5s, repeat: 2 }\n',
    );
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'name: good\nservices: [{ provider: a }]\nprogram: [{ request: {}, expect: { status: 200 } }]\n');
    const r = await lbsim(['script', good, bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:4:\d+: services\[0\]\.faults\.steps\[0\]\.status: expected one of 200, 401/);
    expect(r.stderr).toMatch(/bad\.yaml:6:\d+: program\[0\]\.expect\.path\[0\]: expected one of the script's providers \(a\), got "z"/);
    expect(r.stderr).toMatch(/program\[0\]\.expect\.breaker: the seed's gateway has no circuit breaker/);
    expect(r.stderr).toMatch(/program\[1\]\.repeat: an advance step takes nothing else/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await lbsim(['script', join(dir, 'missing.yaml')], { cwd: dir })).stderr).toContain('cannot read the script file');
  });
});
