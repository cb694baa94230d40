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

/** Bad command-line input (an option, a missing file). Stable code: USAGE. Exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
