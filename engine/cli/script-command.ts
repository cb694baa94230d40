/** `lbsim script <files...>`: scripted scenarios, step by step, against the real balancer of their version. */
import { relative, resolve } from 'node:path';
import { runScript } from '../run/index.js';
import { parseScript, ScenarioError } from '../scenario/index.js';
import { ExitCode } from './errors.js';
import { type Io, readText } from './io.js';

/** Runs each script; exit 1 when a check fails, 2 (thrown ScenarioError) when a file is not a valid script. */
export function scriptCommand(files: readonly string[], options: { quiet?: boolean }, io: Io): number {
  // Every file is read and checked before any runs: a bad file is exit 2 with nothing run.
  const scripts = files.map((file) => {
    const path = resolve(io.cwd, file);
    const name = relative(io.cwd, path) || path;
    let text: string;
    try {
      text = readText(path);
    } catch (error) {
      throw new ScenarioError(name, [{ path: '', message: `cannot read the script file: ${error instanceof Error ? error.message : String(error)}` }]);
    }
    return { path, script: parseScript(text, name) };
  });
  let code: number = ExitCode.Ok;
  for (const { path, script } of scripts) {
    const steps = runScript(script);
    const failed = steps.filter((s) => !s.passed);
    const line = `${script.name} (${script.version}): ${steps.length - failed.length} of ${steps.length} checked steps passed`;
    if (failed.length > 0) {
      code = ExitCode.ExpectationFailed;
      io.err(`${line}`);
      for (const s of failed) for (const p of s.problems) io.err(`  FAIL ${relative(io.cwd, path)}: ${s.at}: ${p}`);
    } else if (!options.quiet) io.out(line);
  }
  return code;
}
