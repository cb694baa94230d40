/** Exit codes the command line promises. */
export const ExitCode = {
  Ok: 0,
  /** An `expect` assertion or a golden check failed: a regression. */
  ExpectationFailed: 1,
  /** The input is wrong: a scenario, an option, a file. */
  BadInput: 2,
  /** lbsim itself failed. */
  Internal: 3,
} as const;

/** One of the exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad command-line input (an option, a missing file). Stable code: USAGE. Exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The exit code of each stable error code. An error with any other code, or none, is an internal
 * error (3): only the codes listed here are promised to mean bad input.
 */
export const EXIT_CODE_OF_ERROR: Readonly<Record<string, ExitCodeValue>> = Object.freeze({
  // commander's own: help and version end normally (it has printed them); the rest are bad options.
  'commander.helpDisplayed': ExitCode.Ok,
  'commander.help': ExitCode.Ok,
  'commander.version': ExitCode.Ok,
  'commander.error': ExitCode.BadInput,
  'commander.unknownOption': ExitCode.BadInput,
  'commander.unknownCommand': ExitCode.BadInput,
  'commander.missingArgument': ExitCode.BadInput,
  'commander.optionMissingArgument': ExitCode.BadInput,
  'commander.missingMandatoryOptionValue': ExitCode.BadInput,
  'commander.invalidArgument': ExitCode.BadInput,
  'commander.excessArguments': ExitCode.BadInput,
  'commander.conflictingOption': ExitCode.BadInput,
  // lbsim's own (ScenarioError, UsageError, UnknownCellError, MergeError, SimulationLimitError;
  // a RunError carries the code of the error that stopped the simulation).
  SCENARIO_INVALID: ExitCode.BadInput,
  USAGE: ExitCode.BadInput,
  UNKNOWN_CELL: ExitCode.BadInput,
  MERGE_MISMATCH: ExitCode.BadInput,
  SIM_LIMIT: ExitCode.BadInput,
  REQUEST_LOG_ROW: ExitCode.BadInput,
  IMPORT_INVALID: ExitCode.BadInput,
  // The file system's, when an output file cannot be written: the --out location is unusable.
  EACCES: ExitCode.BadInput,
  EPERM: ExitCode.BadInput,
  ENOTDIR: ExitCode.BadInput,
  EISDIR: ExitCode.BadInput,
  EROFS: ExitCode.BadInput,
  ENOSPC: ExitCode.BadInput,
  EEXIST: ExitCode.BadInput,
});

/** The stable code of an error (its `code` string), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The exit code an error maps to through EXIT_CODE_OF_ERROR (3 for an unknown code or none). */
export function exitCodeOf(error: unknown): ExitCodeValue {
  const code = errorCode(error);
  return code !== undefined && Object.hasOwn(EXIT_CODE_OF_ERROR, code) ? EXIT_CODE_OF_ERROR[code]! : ExitCode.Internal;
}
