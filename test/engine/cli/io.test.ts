import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../../engine/cli/io.js';

describe('writeFilesAtomically', () => {
  it('writes every file, creating directories, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    writeFilesAtomically([
      { path: join(dir, 'a', 'one.txt'), content: '1' },
      { path: join(dir, 'a', 'two.txt'), content: '2' },
    ]);
    expect(readFileSync(join(dir, 'a', 'one.txt'), 'utf8')).toBe('1');
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['one.txt', 'two.txt']);
  });

  it('when one file cannot be written, leaves the files already there untouched and cleans up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    writeFileSync(join(dir, 'results.json'), 'old results');
    mkdirSync(join(dir, 'blocked'));
    writeFileSync(join(dir, 'blocked', 'not-a-dir'), 'a file where a directory is needed');
    expect(() =>
      writeFilesAtomically([
        { path: join(dir, 'results.json'), content: 'new results' },
        { path: join(dir, 'blocked', 'not-a-dir', 'report.html'), content: '<html>' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe('old results');
    expect(readdirSync(dir).filter((f) => f.startsWith('.lbsim-tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'blocked', 'not-a-dir', 'report.html'))).toBe(false);
  });
});
