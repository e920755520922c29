/**
 * The CLI's expected failures. Each carries the exit status it maps to, so `runCli` prints one message
 * (never a stack trace) and exits with the documented code.
 */

/** Exit status of a run: 0 success, 1 a check or the operation failed, 2 a usage or configuration error. */
export type ExitCode = 0 | 1 | 2;

/**
 * Every code a {@link CliError} may carry, with what it means. `check --json` publishes these codes, so the
 * set is closed: scripts can rely on it, and the README lists it.
 */
export const CLI_ERROR_CODES = {
  USAGE: "the command line is wrong: an unknown option, a missing argument",
  CONFIG: "the Starfleet configuration is invalid",
  NOT_CONFIGURED: "no STARFLEET.SecretsManager in the configuration, and no --secret-id/--region",
  ARN_NOT_FOUND: "init was given a secret ARN that does not exist (it creates secrets by name)",
  SDK_MISSING: "@aws-sdk/client-secrets-manager is not installed",
  NO_CREDENTIALS: "the AWS SDK found no credentials, or AWS refused them as expired or unknown",
  NOT_FOUND: "the secret does not exist in that region",
  ACCESS_DENIED: "the AWS identity may not make the call",
  DECRYPTION_FAILED: "Secrets Manager could not decrypt the secret with its KMS key",
  AWS_ERROR: "any other failure of an AWS call",
  NO_VERSION_ID: "GetSecretValue returned no version id, so an edit cannot be checked against it",
  CONFLICT:
    "the secret changed under the edit (set, unset: at every attempt; put, rollback: once); nothing was written",
  FILE: "--from-file, --seed or --persist could not be read, or --persist could not be written",
  NOT_TEXT: "--from-file, --seed or --stdin is not UTF-8 text",
  EMPTY_VALUE: "--from-file, --seed or --stdin gave nothing",
  TOO_LARGE:
    "the new secret, or a value from --from-file, --seed or --stdin, would be over Secrets Manager's 65,536 bytes",
  TOO_DEEP: "the secret is nested deeper than the tool handles (256 levels); workers can still read it",
  INVALID_RESULT: "the edit would leave a secret Starfleet cannot use; nothing was written",
  ENTRY_MISSING: "show was asked for an entry the secret does not have",
  ENTRY_NOT_AN_OBJECT: "a KEY was named inside an entry that is not an object",
  NOTHING_TO_REMOVE: "unset named something the secret does not have",
  VERSION_NOT_FOUND:
    "rollback has no version to go to: none is labelled AWSPREVIOUS, or --to names one the secret does not have",
  INVALID_VALUE:
    "put was given something that is not a JSON object (with the line and column of the first error)",
  CANCELLED: "the question before a destructive command was not answered yes, or Ctrl-C; nothing was written",
  INVALID_SEED: 'local was given a --seed that is not a JSON object with a "STARFLEET" object',
  INVALID_STATE: "local was given a --persist file that starfleet-secrets local did not write",
  PORT_UNAVAILABLE: "local could not listen on the port: another program has it, or it needs privileges",
} as const;

/** A {@link CliError}'s code. */
export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

/** Options of {@link CliError}. */
export interface CliErrorOptions {
  /** A stable, machine-readable reason from {@link CLI_ERROR_CODES}, shown by `check --json`. */
  readonly code: CliErrorCode;
  /** Default 1. */
  readonly exitCode?: 1 | 2;
  /** The underlying error (an AWS SDK error, a file system error); never printed as a stack. */
  readonly cause?: unknown;
}

/**
 * A failure the CLI expects and explains. The message must never contain a secret value: it is printed
 * as is.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: 1 | 2;
  readonly code: CliErrorCode;

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
    this.code = options.code;
  }
}

/**
 * A usage mistake (unknown option, missing argument): exit status 2, and the message points at `--help`.
 */
export function usageError(message: string, command?: string): CliError {
  const help = command === undefined ? "starfleet-secrets --help" : `starfleet-secrets ${command} --help`;
  return new CliError(`${message} (see ${help})`, { exitCode: 2, code: "USAGE" });
}
