import { errorCode, ExitCode, exitCodeOf } from './errors.js';
import type { Io } from './io.js';

/** The environment variables the command line reads (LBSIM_DEBUG). */
export type Environment = Readonly<Record<string, string | undefined>>;

// Node's errno codes (EACCES, ENOTDIR, ...): those in the exit-code table are unwritable outputs.
const FILE_SYSTEM_CODE = /^E[A-Z]+$/;

/**
 * Prints an error and returns its exit code, which comes from the error's stable code alone
 * (EXIT_CODE_OF_ERROR). An internal error prints no stack trace unless LBSIM_DEBUG is set.
 */
export function reportError(error: unknown, io: Io, env: Environment): number {
  const exit = exitCodeOf(error);
  const code = errorCode(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (exit === ExitCode.Internal) {
    io.err(`lbsim: internal error: ${message}`);
    if (env['LBSIM_DEBUG']) io.err(detailOf(error));
    else io.err('(set LBSIM_DEBUG=1 for details, and please report it)');
    return exit;
  }
  if (code.startsWith('commander.')) return exit; // commander has printed its message
  if (FILE_SYSTEM_CODE.test(code)) {
    const path = (error as NodeJS.ErrnoException).path ?? 'an output file';
    io.err(`lbsim: cannot write ${path}: ${code} (${message.split(',')[0]}); choose another --out directory`);
  } else if (code === 'SCENARIO_INVALID') {
    io.err(message); // its heading names the file
  } else {
    io.err(`lbsim: ${message}`);
  }
  return exit;
}

/** What LBSIM_DEBUG shows: a worker's stack (a RunError's detail) or the error's own. */
function detailOf(error: unknown): string {
  const detail = (error as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string' && detail !== '') return detail;
  return (error instanceof Error ? error.stack : undefined) ?? String(error);
}
