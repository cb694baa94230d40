import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../engine/index.js';
import { unsupported, withReplications } from '../helpers/supported.js';
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
  it.each(files.map((f) => [f.split('/').pop()!, f] as const))(
    '%s: every expect block holds, its golden summary is unchanged, and its recommendation is supported at every replication count up to the one it runs',
    async (_, file) => {
      const out = scratch();
      const r = await lbsim(['run', file, '--workers', '1', '--format', 'json', '--check-golden', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/golden: unchanged/);
      expect(r.stdout).not.toMatch(/FAIL/);
      expectSupported(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results);
    },
  );
});

/** The run's recommendation, and that of every shorter fixed run (the first k replications of each cell), is one the evidence supports. */
function expectSupported(results: Results): void {
  expect(unsupported(results), 'the run itself').toBeNull();
  const least = Math.min(...results.cells.map((c) => c.replications.length));
  for (let k = 1; k <= least; k++) expect(unsupported(withReplications(results, k)), `${k} replication(s)`).toBeNull();
  // The check can fail: recommending the worst cell that served every replication, when it is clearly worse, is caught.
  const rec = results.recommendation!;
  const of = (c: Results['cells'][number]): { mean: number; ci95: number } => c.aggregate[rec.goal.optimize]!;
  const sign = results.metricInfo[rec.goal.optimize]!.better === 'higher' ? 1 : -1;
  const served = results.cells.filter((c) => c.replications.every((r) => r.metrics.successes > 0) && !rec.excluded.some((e) => e.cell === c.id));
  const ordered = [...served].sort((a, b) => sign * (of(b).mean - of(a).mean));
  const [best, worst] = [ordered[0], ordered.at(-1)];
  if (best && worst && of(best).ci95 + of(worst).ci95 < Math.abs(of(best).mean - of(worst).mean) / 2) {
    expect(unsupported({ ...results, recommendation: { ...rec, cell: worst.id } }), `recommending ${worst.id}`).not.toBeNull();
  }
}

// The coverage of every count a user can ask for, and of auto: minutes of runs, so behind LBSIM_SLOW=1.
describe.skipIf(process.env['LBSIM_SLOW'] !== '1')('the library at every replication count (LBSIM_SLOW=1)', () => {
  it.each(files.map((f) => [f.split('/').pop()!, f] as const))('%s: supported at 1 to 30 replications and with auto', async (_, file) => {
    for (const count of ['30', 'auto']) {
      const out = scratch();
      const r = await lbsim(['run', file, '--replications', count, '--workers', '2', '--quiet', '--format', 'json', '--out', out]);
      expect([0, 1], r.stderr).toContain(r.code); // 1: an expectation written for the file's own count may not hold at another
      expectSupported(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results);
    }
  });
});
