/**
 * One error class per failure kind. Messages say what is wrong, where, and how to fix it, and never
 * carry any part of a secret value: parse failures drop the parser's error (V8 quotes its input), AWS
 * failures keep the SDK error as `cause` (SDK errors describe the request, not the secret), except when the
 * SDK could not parse the response: that error quotes the body, so only its name is kept.
 */

/**
 * One problem found in the Starfleet configuration.
 *
 * @example
 * ```ts
 * const issue: StarfleetConfigIssue = {
 *   file: "configuration_files/starfleet.yaml",
 *   path: "STARFLEET.SecretsManager.SecretRegion",
 *   message: 'must be an AWS region name; got "us-east2" (did you mean "us-east-2"?)',
 * };
 * ```
 */
export interface StarfleetConfigIssue {
  /** The YAML file the problem is in, when it belongs to one file. */
  readonly file?: string;
  /** Where in the merged document, e.g. `STARFLEET.SecretsManager.SecretRegion`; `''` for the whole file. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

function formatIssue(issue: StarfleetConfigIssue): string {
  const where = [issue.file, issue.path].filter(Boolean).join(": ");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/**
 * The Starfleet configuration could not be loaded or is invalid. `issues` lists every problem found, not
 * only the first, so one deploy fixes them all.
 *
 * @example
 * ```ts
 * try {
 *   loadStarfleetConfig();
 * } catch (error) {
 *   if (error instanceof StarfleetConfigError) {
 *     for (const issue of error.issues) console.error(issue.file, issue.path, issue.message);
 *   }
 * }
 * ```
 */
export class StarfleetConfigError extends Error {
  override readonly name = "StarfleetConfigError";
  /** Every problem found, in file then document order. */
  readonly issues: readonly StarfleetConfigIssue[];
  /** The configuration folder that was read. */
  readonly directory: string | undefined;

  constructor(issues: readonly StarfleetConfigIssue[], directory?: string) {
    const heading =
      issues.length === 1
        ? "Invalid Starfleet configuration"
        : `Invalid Starfleet configuration (${issues.length} problems)`;
    const location = directory ? ` in ${directory}` : "";
    super(`${heading}${location}:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join("\n")}`);
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    this.directory = directory;
  }
}

/**
 * The closed set of {@link StarfleetSecretsError} codes. The README's errors table explains each one and
 * its fix.
 *
 *
 * @example
 * ```ts
 * if (error instanceof StarfleetSecretsError && STARFLEET_SECRETS_ERROR_CODES.includes(error.code)) {
 *   metrics.addMetric(`secrets-${error.code}`, "Count", 1);
 * }
 * ```
 */
export const STARFLEET_SECRETS_ERROR_CODES = [
  "NOT_CONFIGURED",
  "NOT_FOUND",
  "ACCESS_DENIED",
  "DECRYPTION_FAILED",
  "NOT_JSON",
  "NOT_AN_OBJECT",
  "BINARY_SECRET",
  "WORKER_MISSING",
  "ENTRY_INVALID",
  "CREDENTIALS",
  "FETCH_FAILED",
  "SLACK_NOT_ENABLED",
  "SLACK_TOKEN_MISSING",
] as const;

/**
 * A {@link StarfleetSecretsError} code.
 *
 * @example
 * ```ts
 * const pageSomeone: ReadonlySet<StarfleetSecretsErrorCode> = new Set(["ACCESS_DENIED", "CREDENTIALS"]);
 * ```
 */
export type StarfleetSecretsErrorCode = (typeof STARFLEET_SECRETS_ERROR_CODES)[number];

/**
 * Where a secrets failure happened. Never holds secret values.
 *
 * @example
 * ```ts
 * throw new StarfleetSecretsError("WORKER_MISSING", {
 *   secretId: "Starfleet",
 *   region: "us-east-2",
 *   workerName: "GitHubSyncWorker",
 * });
 * ```
 */
export interface StarfleetSecretsErrorDetails {
  /** `STARFLEET.SecretsManager.SecretId`, when configured. */
  readonly secretId?: string;
  /** `STARFLEET.SecretsManager.SecretRegion`, when configured. */
  readonly region?: string;
  /** The worker whose entry was wanted, when a worker asked. */
  readonly workerName?: string;
  /** A short, value-free explanation specific to this failure (an SDK error name, a JSON type). */
  readonly reason?: string;
  /**
   * What to check or do, for failures whose fix depends on the cause (credentials, the network, an entry
   * name that is a near miss).
   */
  readonly hint?: string;
  /**
   * For `ENTRY_INVALID`: each problem the worker's schema found, as `path: message`, with the validator's
   * message only where it quotes no part of the entry.
   */
  readonly issues?: readonly string[];
  /** Overrides the code's own {@link StarfleetSecretsError.retryable} (an AWS client fault is not). */
  readonly retryable?: boolean;
  /** The AWS SDK error, for AWS failures only. */
  readonly cause?: unknown;
}

const CONFIGURE_YAML = [
  "STARFLEET:",
  "  SecretsManager:",
  "    SecretId: Starfleet      # the secret's name",
  "    SecretRegion: us-east-2  # the region it lives in",
].join("\n");

type MessageParts = Required<Pick<StarfleetSecretsErrorDetails, "secretId" | "region">> &
  StarfleetSecretsErrorDetails;

function secretRef({ secretId, region }: MessageParts): string {
  return `secret "${secretId}" in ${region}`;
}

/** The same, to start a sentence. */
function theSecretRef(parts: MessageParts): string {
  return `The ${secretRef(parts)}`;
}

function because({ reason }: MessageParts): string {
  return reason ? ` (${reason})` : "";
}

function withHint({ hint }: MessageParts): string {
  return hint ? ` ${hint}` : "";
}

const describe: Record<StarfleetSecretsErrorCode, (parts: MessageParts) => string> = {
  NOT_CONFIGURED: (parts) =>
    `${parts.workerName ? `Worker "${parts.workerName}" needs secrets, but ` : ""}` +
    `Starfleet's Secrets Manager is not configured: STARFLEET.SecretsManager is missing from the configuration. ` +
    `Add it to a file in configuration_files:\n\n${CONFIGURE_YAML}\n`,
  NOT_FOUND: (parts) =>
    `Secrets Manager has no ${secretRef(parts)}${because(parts)}. Check STARFLEET.SecretsManager.SecretId and ` +
    `SecretRegion, or create the secret with the value {"STARFLEET": {}} (\`starfleet-secrets init\`).`,
  ACCESS_DENIED: (parts) =>
    `Access denied reading ${secretRef(parts)}${because(parts)}. Grant the Lambda function's role ` +
    `secretsmanager:GetSecretValue on arn:aws:secretsmanager:${parts.region}:ACCOUNT:secret:${parts.secretId}-?????? ` +
    `(\`starfleet-secrets policy\` prints the policy).`,
  DECRYPTION_FAILED: (parts) =>
    `Secrets Manager could not decrypt ${secretRef(parts)} with its KMS key${because(parts)}. Grant the Lambda ` +
    `function's role kms:Decrypt on the secret's customer-managed key, and check that the key is enabled.`,
  NOT_JSON: (parts) =>
    `The value of ${secretRef(parts)} is not valid JSON${because(parts)}. Starfleet needs a JSON object such as ` +
    `{"STARFLEET": {}, "WorkerName": ...}; fix the value (\`starfleet-secrets check\` validates it).`,
  NOT_AN_OBJECT: (parts) =>
    `The value of ${secretRef(parts)} is JSON but not an object${because(parts)}. Starfleet needs a JSON object ` +
    `with a "STARFLEET" entry and one entry per worker.`,
  BINARY_SECRET: (parts) =>
    `${theSecretRef(parts)} holds a binary value (SecretBinary) and no SecretString. Starfleet ` +
    `needs the secret stored as a JSON string.`,
  WORKER_MISSING: (parts) =>
    `${theSecretRef(parts)} has no entry for worker "${parts.workerName}"${parts.hint ? `; ${parts.hint}` : ""}. Add a ` +
    `"${parts.workerName}" key to the secret's JSON (\`starfleet-secrets set ${parts.workerName} ...\`), or check ` +
    `the workerName option / STARFLEET_WORKER_NAME.`,
  ENTRY_INVALID: (parts) =>
    `The entry "${parts.workerName}" of ${secretRef(parts)} does not match the worker's schema` +
    `${because(parts)}. Fix the entry (\`starfleet-secrets set ${parts.workerName} ...\`; \`starfleet-secrets show ` +
    `${parts.workerName}\` shows its shape without values) or the schema.` +
    (parts.issues ?? []).map((issue) => `\n  - ${issue}`).join(""),
  CREDENTIALS: (parts) =>
    `Could not read ${secretRef(parts)}: ${parts.reason ?? "no usable AWS credentials"}.${withHint(parts)}`,
  FETCH_FAILED: (parts) => `Could not fetch ${secretRef(parts)}${because(parts)}.${withHint(parts)}`,
  SLACK_NOT_ENABLED: () =>
    "Slack is not enabled: set STARFLEET.SlackEnabled: true (with STARFLEET.SecretsManager configured) to use " +
    "Starfleet's Slack alerts.",
  SLACK_TOKEN_MISSING: (parts) =>
    `${theSecretRef(parts)} has no Slack token${because(parts)}. Set STARFLEET.SlackToken in the ` +
    `secret to the bot token (\`starfleet-secrets set STARFLEET SlackToken --stdin\`).`,
};

// Where trying again later can succeed with nobody acting; a person must fix everything else.
const RETRYABLE: ReadonlySet<StarfleetSecretsErrorCode> = new Set(["FETCH_FAILED"]);

/**
 * Reading the shared Starfleet secret failed. `code` says which way (see
 * {@link STARFLEET_SECRETS_ERROR_CODES}); `secretId`, `region` and `workerName` say where.
 *
 * @example
 * ```ts
 * import { StarfleetSecretsError } from "middy-starfleet-secrets";
 *
 * try {
 *   await getSlackToken();
 * } catch (error) {
 *   if (error instanceof StarfleetSecretsError && error.code === "SLACK_NOT_ENABLED") return;
 *   throw error;
 * }
 * ```
 */
export class StarfleetSecretsError extends Error {
  override readonly name = "StarfleetSecretsError";
  readonly code: StarfleetSecretsErrorCode;
  readonly secretId: string | undefined;
  readonly region: string | undefined;
  readonly workerName: string | undefined;
  /**
   * Whether trying again later can succeed (throttling, a server or network fault, a timeout, the Lambda
   * deadline), or a person must act first: a worker behind SQS retries the first and dead-letters the rest.
   */
  readonly retryable: boolean;

  constructor(code: StarfleetSecretsErrorCode, details: StarfleetSecretsErrorDetails = {}) {
    const parts: MessageParts = {
      ...details,
      secretId: details.secretId ?? "(not configured)",
      region: details.region ?? "(not configured)",
    };
    super(
      `[${code}] ${describe[code](parts)}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.secretId = details.secretId;
    this.region = details.region;
    this.workerName = details.workerName;
    this.retryable = details.retryable ?? RETRYABLE.has(code);
  }
}

/** The code a log line gives for a failed fetch: ours, or `FETCH_FAILED` for anything else thrown. */
export function errorCodeOf(error: unknown): StarfleetSecretsErrorCode {
  return error instanceof StarfleetSecretsError ? error.code : "FETCH_FAILED";
}
