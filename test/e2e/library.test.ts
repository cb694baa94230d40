import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lbsim, ROOT, scratch } from './cli.js';

const LIBRARY = join(ROOT, 'scenarios');
const files = readdirSync(LIBRARY).filter((f) => f.endsWith('.yaml')).map((f) => join(LIBRARY, f));

describe('the built-in scenario library', () => {
  it('has at least 12 scenarios and a default, each asking its question and asserting something', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
    expect(files.map((f) => f.split('/').pop())).toContain('default.yaml');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toMatch(/^question: \S/m);
      expect(text, file).toMatch(/^description: \S/m);
      expect(text, file).toMatch(/^expect:\n {2}- /m);
    }
  });

  it('validates', async () => {
    const r = await lbsim(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  // One scenario per test, each light: a slow or busy machine makes them slower, never wrong.
  it.each(files.map((f) => [f.split('/').pop()!, f] as const))('%s: every expect block holds and its golden summary is unchanged', async (_, file) => {
    const r = await lbsim(['run', file, '--workers', '1', '--format', 'json', '--check-golden', '--out', scratch()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/golden: unchanged/);
    expect(r.stdout).not.toMatch(/FAIL/);
  });
});
