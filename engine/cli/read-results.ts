/** Reads results.json files the user named, refusing what is not a whole, consistent results file. */
import { resolve } from 'node:path';
import { resultsConsistencyProblems, resultsProblems, type Results } from '../run/index.js';
import { UsageError } from './errors.js';
import { exists, type Io, readText } from './io.js';

export function readResults(files: readonly string[], io: Io): Results[] {
  return files.map((file) => {
    const path = resolve(io.cwd, file);
    if (!exists(path)) throw new UsageError(`${file}: no such file`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readText(path));
    } catch (error) {
      throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const r = parsed as Partial<Results>;
    if (r.format !== 'lbsim-results') throw new UsageError(`${file}: not an lbsim results file (no "format": "lbsim-results")`);
    const problems = resultsProblems(parsed);
    if (problems.length === 0) problems.push(...resultsConsistencyProblems(parsed as Results));
    if (problems.length > 0) throw new UsageError(`${file}: not a valid results file:\n  ${problems.join('\n  ')}`);
    return parsed as Results;
  });
}
