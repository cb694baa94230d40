import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lbsim, ROOT } from './cli.js';

const CORPUS = join(ROOT, 'test', 'fixtures', 'malformed');
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => {
    const header = readFileSync(join(CORPUS, file), 'utf8');
    const path = /^# expect-path: (.*)$/m.exec(header)?.[1]?.trim() ?? '';
    return { file, path };
  });

describe('malformed scenario files through the command line', () => {
  it('the corpus has at least 30 files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  // Several processes at once: each file is its own `lbsim validate`, as a user would run it.
  it('rejects every file with exit code 2, a message naming the path, and no stack trace', async () => {
    const failures: string[] = [];
    for (let i = 0; i < cases.length; i += 6) {
      const batch = cases.slice(i, i + 6);
      const runs = await Promise.all(batch.map((c) => lbsim(['validate', join(CORPUS, c.file)])));
      runs.forEach((r, k) => {
        const { file, path } = batch[k]!;
        if (r.code !== 2) failures.push(`${file}: exit ${r.code}`);
        if (!r.stderr.includes(file)) failures.push(`${file}: message does not name the file`);
        if (path !== '' && !r.stderr.includes(`${path}:`)) failures.push(`${file}: message does not name ${path}:\n${r.stderr}`);
        if (/\n\s+at /.test(r.stderr)) failures.push(`${file}: stack trace`);
      });
    }
    expect(failures).toEqual([]);
  });
});
