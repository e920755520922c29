/**
 * The CLI's expected failures. Each carries the exit status it maps to, so `runCli` prints one message
 * (never a stack trace) and exits with the documented code.
 */

/** Exit status of a run: 0 success, 1 a check or the operation failed, 2 a usage or configuration error. */
export type ExitCode = 0 | 1 | 2;

/** Options of {@link CliError}. */
export interface CliErrorOptions {
  /** A stable, machine-readable reason (`NOT_FOUND`, `CONFLICT`, ...), shown by `check --json`. */
  readonly code: string;
  /** Default 1. */
  readonly exitCode?: 1 | 2;
  /** The underlying error (an AWS SDK error, a file system error); never printed as a stack. */
  readonly cause?: unknown;
}

/**
 * A failure the CLI expects and explains. The message must never contain a secret value: it is printed
 * as is.
 *
 * @example
 * ```ts
 * throw new CliError('the secret has no entry "GitHubSyncWorker"', { code: "ENTRY_MISSING" });
 * ```
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: 1 | 2;
  readonly code: string;

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
    this.code = options.code;
  }
}

/**
 * A usage mistake (unknown option, missing argument): exit status 2, and the message points at `--help`.
 *
 * @example
 * ```ts
 * throw usageError("set needs a WORKER argument", "set");
 * ```
 */
export function usageError(message: string, command?: string): CliError {
  const help = command === undefined ? "starfleet-secrets --help" : `starfleet-secrets ${command} --help`;
  return new CliError(`${message} (see ${help})`, { exitCode: 2, code: "USAGE" });
}
