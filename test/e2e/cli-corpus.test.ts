/**
 * The malformed corpus of the command line: bad options (test/fixtures/cli/bad-options.json) and
 * results files tampered with in every way that matters, each with its exit code and the place its
 * message must name. No stack trace, nothing written.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lbsim, ROOT, scratch } from './cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'e2e', 'tiny.yaml');
interface Case {
  args: string[];
  code: number;
  names: string;
}
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'cli', 'bad-options.json'), 'utf8')) as Case[];

describe('bad command-line options', () => {
  const dir = scratch();
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling'), 'dir');
  writeFileSync(join(dir, 'a-file'), 'not a directory');
  const substitute = (arg: string): string => ({ TINY, DANGLING: join(dir, 'dangling'), A_FILE: join(dir, 'a-file') })[arg] ?? arg;

  it.each(CASES.map((c) => [c.args.join(' '), c] as const))('%s', async (_, c) => {
    const r = await lbsim(c.args.map(substitute), { cwd: dir });
    expect(r.code).toBe(c.code);
    expect(r.stderr).toContain(c.names);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'dangling']);
  });
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('results files that do not hold together', () => {
  let whole: string;
  let shards: string[];
  const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
  const save = (value: Json, name: string): string => {
    const dir = scratch();
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  beforeAll(async () => {
    const out = scratch();
    expect((await lbsim(['run', TINY, '--out', out, '--format', 'json', '--quiet'])).code).toBe(0);
    whole = join(out, 'results.json');
    shards = [];
    for (const i of [1, 2]) {
      const dir = scratch();
      expect((await lbsim(['run', TINY, '--out', dir, '--format', 'json', '--quiet', '--shard', `${i}/2`])).code).toBe(0);
      shards.push(join(dir, 'results.json'));
    }
    const three = scratch();
    expect((await lbsim(['run', TINY, '--out', three, '--format', 'json', '--quiet', '--shard', '1/3'])).code).toBe(0);
    shards.push(join(three, 'results.json'));
    mkdirSync(join(three, 'unused'), { recursive: true });
  });

  it.each([
    ['a cell count that is not the matrix', (r: Json) => ((r.run.cellCount = 5), r), 'run.cellCount: 5, but the scenario'],
    ['a renamed cell', (r: Json) => ((r.cells[0].id = 'fastest|default|default'), r), 'cells[0].id'],
    ['a cell missing', (r: Json) => (r.cells.pop(), r), 'cells: not the cells of a full run; missing'],
    ['replications that do not match the run', (r: Json) => (r.cells[0].replications.pop(), r), 'cells[0].replications: 1, but run.replications is 2'],
    ['a format from another lbsim', (r: Json) => ((r.version = 1), r), 'results format 1 was written by another lbsim'],
    ['no format', (r: Json) => (delete r.format, r), 'not an lbsim results file'],
  ] as const)('report refuses %s, naming the field', async (_, tamper, names) => {
    const r = await lbsim(['report', save(tamper(read(whole)), 'tampered'), '--format', 'md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(names);
  });

  it('merge refuses a shard edited to claim 1/3 beside a real 2/2, naming the file and the field', async () => {
    const claim = read(shards[0]!);
    claim.run.shard = { index: 1, count: 3 };
    const r = await lbsim(['merge', save(claim, 'claims-1-of-3'), shards[1]!, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/claims-1-of-3\.json: not a valid results file:\s+cells: not the cells of shard 1\/3/);
  });

  it('merge refuses shards of different shard counts and says which field differs', async () => {
    const r = await lbsim(['merge', shards[2]!, shards[1]!, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/come from different runs: run\.shard\.count differs \(2 against 3\)/);
  });

  it('merge refuses shards with different replication counts, naming the field', async () => {
    const out = scratch();
    expect((await lbsim(['run', TINY, '--out', out, '--format', 'json', '--quiet', '--shard', '2/2', '--replications', '3'])).code).toBe(0);
    const r = await lbsim(['merge', shards[0]!, join(out, 'results.json'), '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/come from different runs: scenario\.replications differs \(3 against 2\)/);
  });

  it('merge refuses a missing shard, a shard given twice, and a full run', async () => {
    expect((await lbsim(['merge', shards[0]!, '--out', scratch()])).stderr).toMatch(/shard 2\/2 missing/);
    expect((await lbsim(['merge', shards[0]!, shards[0]!, '--out', scratch()])).stderr).toMatch(/are both shard 1\/2/);
    expect((await lbsim(['merge', whole, '--out', scratch()])).stderr).toMatch(/not a shard's results/);
  });

  it('merges the real shards', async () => {
    const out = scratch();
    expect((await lbsim(['merge', shards[0]!, shards[1]!, '--out', out, '--format', 'json'])).code).toBe(0);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });
});
