import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareOutputDirectory, writeFilesAtomically } from '../../../engine/cli/output.js';

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

describe('writeFilesAtomically never writes through what someone else put there', () => {
  it('a link planted at an output path is replaced by the output, its target left alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'results.json'), 'file');
    writeFilesAtomically([{ path: join(dir, 'results.json'), content: 'new results' }]);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'results.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'results.json'), 'utf8')).toBe('new results');
  });

  it('temporary files have unpredictable names and are created exclusively: links named like the old ones are never followed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    for (let i = 0; i < 4; i++) symlinkSync(victim, join(dir, `.lbsim-tmp-${process.pid}-${i}`), 'file');
    writeFilesAtomically([{ path: join(dir, 'a.txt'), content: 'a' }, { path: join(dir, 'b.txt'), content: 'b' }]);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((f) => f.startsWith('.lbsim-tmp-')).length).toBe(4); // only the planted links
  });
});

describe('prepareOutputDirectory', () => {
  it('creates missing levels one at a time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    prepareOutputDirectory(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
  });

  it('refuses a dangling symbolic link, saying where it points', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    symlinkSync(join(dir, 'gone'), join(dir, 'out'), 'dir');
    expect(() => prepareOutputDirectory(join(dir, 'out'))).toThrow(/is a symbolic link to .*gone, which does not exist/);
    expect(() => prepareOutputDirectory(join(dir, 'out', 'deeper'))).toThrow(/symbolic link/);
  });

  it('refuses a file where the directory should be, or above it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    writeFileSync(join(dir, 'f'), 'x');
    expect(() => prepareOutputDirectory(join(dir, 'f'))).toThrow(/is a file, not a directory/);
    expect(() => prepareOutputDirectory(join(dir, 'f', 'g'))).toThrow(/is a file, so no directory can be made under it/);
  });

  it.runIf(existsSync('/proc/self'))('refuses virtual file systems such as /proc (Node\'s recursive mkdir never returns there)', () => {
    expect(() => prepareOutputDirectory('/proc/lbsim-out')).toThrow(/procfs, a virtual file system/);
    expect(() => prepareOutputDirectory('/proc/self/lbsim-out/x')).toThrow(/procfs/);
  });

  it('errors are bad input (exit 2) naming the option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbsim-io-'));
    writeFileSync(join(dir, 'f'), 'x');
    expect(() => prepareOutputDirectory(join(dir, 'f'))).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(/^--out /) }));
  });
});
