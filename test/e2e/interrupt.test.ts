/**
 * An interrupted run (Ctrl-C, or a CI job cancelled) leaves no temporary file and no half-written
 * output: every output file is either the one an earlier run wrote or a complete new one.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, lbsim, ROOT, scratch } from './cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'e2e', 'tiny.yaml');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((f) => join(name, f)) : [name]));
}

/** Starts `lbsim run` and sends `signal` after `afterMs`; resolves with its exit code and signal. */
function interrupted(args: string[], signal: NodeJS.Signals, afterMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('an interrupted run', () => {
  // Wherever the signal lands (during start-up, a simulation or a write), the same must hold.
  it.each([
    ['SIGINT', 50],
    ['SIGTERM', 600],
    ['SIGINT', 1_500],
    ['SIGTERM', 3_000],
  ] as const)('%s after %i ms leaves no temporary file, and every output complete', async (signal, afterMs) => {
    const dir = scratch();
    const scenarios = Array.from({ length: 4 }, (_, i) => {
      const path = join(dir, `s${i}.yaml`);
      copyFileSync(TINY, path);
      return path;
    });
    const out = join(dir, 'out');
    // an earlier run's outputs, which must survive whole
    expect((await lbsim(['run', ...scenarios, '--out', out, '--quiet', '--format', 'json,html,md'])).code).toBe(0);
    const before = new Map(files(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const code = await interrupted(['run', ...scenarios, '--out', out, '--quiet', '--format', 'json,html,md', '--seed', '5'], signal, afterMs);
    // null: killed before lbsim installed its handlers (nothing written yet)
    expect([0, 130, 143, null]).toContain(code);
    const after = files(out);
    expect(after.filter((f) => f.includes('.lbsim-tmp-'))).toEqual([]);
    expect(after.sort()).toEqual([...before.keys()].sort());
    for (const f of after) {
      const text = readFileSync(join(out, f), 'utf8');
      if (text === before.get(f)) continue;
      // a new file, written whole
      if (f.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
      if (f.endsWith('.html')) expect(text.trimEnd().endsWith('</html>')).toBe(true);
    }
  });
});

/** A process that writes one large output the way lbsim does, telling when the write starts. */
const WRITER = `
const { stopCleanlyOnInterrupt, writeFilesAtomically } = await import(process.argv[1]);
stopCleanlyOnInterrupt();
const content = 'x'.repeat(300 * 1024 * 1024);
process.stdout.write('writing\\n');
writeFilesAtomically([{ path: process.argv[2], content }]);
// stay up, as lbsim does between scenarios, for the signal to be delivered
setTimeout(() => process.stdout.write('no signal came\\n'), 10_000);
`;

function interruptWrite(out: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, join(ROOT, 'dist', 'engine', 'cli', 'index.js'), out], { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('writing')) child.kill('SIGINT');
    });
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('a signal in the middle of a write', () => {
  it('waits for the write to finish, then leaves a complete file and no temporary file', async () => {
    const dir = scratch();
    const { code } = await interruptWrite(join(dir, 'big.txt'));
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual(['big.txt']);
    expect(statSync(join(dir, 'big.txt')).size).toBe(300 * 1024 * 1024);
  });
});
