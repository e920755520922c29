/**
 * The Secrets Manager client a command uses, and how AWS failures are explained. The SDK is the package's
 * peer dependency, imported when a command first needs it so `--help` works (and is fast) without it.
 */
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { classifyAwsFailure } from "../aws/aws-failure.js";
import { endpointOf, recordEndpoint } from "../aws/endpoint.js";
import { loadSecretsManagerSdk, type SecretsManagerSdk } from "../aws/sdk.js";
import { secretsManagerClientOptions } from "../aws/secrets-manager-client.js";
import { CliError, type CliErrorCode } from "./cli-error.js";
import type { SecretTarget } from "./target.js";

/** A client for the target's region, and a way to call it that explains failures. */
export interface AwsSession {
  readonly sdk: SecretsManagerSdk;
  readonly client: SecretsManagerClient;
  readonly target: SecretTarget;
  /**
   * Runs one API call, which passes `abortSignal` to the SDK's `send`; an SDK failure becomes an
   * {@link AwsCallError} naming the operation and the secret, with the SDK error as `cause`. A call not
   * answered in full within {@link CALL_LIMIT_MS} is aborted.
   */
  call<T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T>;
  /** Closes the client's connections, so the process can exit at once. */
  close(): void;
}

/** A failed AWS call: a {@link CliError} that also names the SDK error, for callers that expect some. */
export class AwsCallError extends CliError {
  readonly awsError: string;

  constructor(message: string, options: ConstructorParameters<typeof CliError>[1] & { awsError: string }) {
    super(message, options);
    this.awsError = options.awsError;
  }
}

/** Whether `error` is the failure of an AWS call that AWS answered with `awsError`. */
export function isAwsError(error: unknown, awsError: string): boolean {
  return error instanceof AwsCallError && error.awsError === awsError;
}

// SDK messages describe the request (the action, the caller, the resource), never the secret's value.
function sdkMessage(error: unknown): string {
  const message = error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : "";
  return message.length > 500 ? `${message.slice(0, 500)}...` : message;
}

/** What to do about credentials the SDK could not find or AWS refused, when `--profile` named where they are. */
function profileHint(profile: string): string {
  return (
    `Check that profile "${profile}" (--profile) is defined, with credentials or a way to get them, in ` +
    "~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name); " +
    `run \`aws sso login --profile ${profile}\` when its SSO session has expired.`
  );
}

/**
 * Explains an SDK failure of `operation` on the target's secret; `endpoint` is where the client sent it, and
 * `profile` the `--profile` given. What the failure means comes from {@link classifyAwsFailure}; only the
 * wording is the CLI's.
 */
export function awsFailure(
  operation: string,
  target: SecretTarget,
  error: unknown,
  endpoint?: string,
  profile?: string,
): AwsCallError {
  const { kind, name, error: cause, reason, hint } = classifyAwsFailure(error, endpoint);
  const where = `secret "${target.secretId}" in ${target.region}`;
  const message = sdkMessage(cause);
  const detail = message ? `: ${message}` : "";
  const fail = (text: string, code: CliErrorCode) =>
    new AwsCallError(text, cause === undefined ? { code, awsError: name } : { code, awsError: name, cause });
  switch (kind) {
    case "NOT_FOUND":
      return fail(
        `Secrets Manager has no ${where} (${operation}: ${name}). Check --secret-id and --region (or ` +
          "STARFLEET.SecretsManager in the configuration), or create the secret with `starfleet-secrets init`.",
        "NOT_FOUND",
      );
    case "ACCESS_DENIED":
      return fail(
        `Access denied: ${operation} on ${where}${detail}. Your AWS identity needs secretsmanager:${operation} ` +
          "on the secret.",
        "ACCESS_DENIED",
      );
    case "DECRYPTION_FAILED":
      return fail(
        `Secrets Manager could not decrypt ${where} (${operation})${detail}. Your AWS identity needs ` +
          "kms:Decrypt on the secret's KMS key, and the key must be enabled.",
        "DECRYPTION_FAILED",
      );
    case "CREDENTIALS":
      return fail(
        `${operation} on ${where}: ${reason}${detail}. ${profile === undefined ? hint : profileHint(profile)}`,
        "NO_CREDENTIALS",
      );
    case "UNREACHABLE":
      // The library's hint names its own options and Lambda's VPC; an operator has flags and a workstation.
      return fail(
        `${operation} failed for ${where}: ${reason}${detail}. Check that the endpoint is right (--endpoint-url, ` +
          "AWS_ENDPOINT_URL_SECRETS_MANAGER; unset both for AWS itself) and reachable from this machine.",
        "AWS_ERROR",
      );
    case "UNREADABLE_RESPONSE":
      return fail(`${operation} failed for ${where}: ${reason}. ${hint}`, "AWS_ERROR");
    default:
      return fail(
        `${operation} failed for ${where}: ${reason}${detail}.${hint ? ` ${hint}` : ""}`,
        "AWS_ERROR",
      );
  }
}

async function loadSdk(): Promise<SecretsManagerSdk> {
  try {
    return await loadSecretsManagerSdk();
  } catch (error) {
    throw new CliError(
      "starfleet-secrets needs the AWS SDK's Secrets Manager client: npm install @aws-sdk/client-secrets-manager",
      { code: "SDK_MISSING", cause: error },
    );
  }
}
/**
 * The longest one AWS call may take, the SDK's retries included (three attempts at the 1 s connection and
 * 3 s request timeouts take about 10 s). Those timeouts end when the headers arrive: a body that stops
 * half-way is timed by nothing else, and the command would wait for it for ever.
 */
export const CALL_LIMIT_MS = 15_000;

/** A call aborted at {@link CALL_LIMIT_MS}; nothing of what arrived is kept, as it may hold the secret. */
function unansweredCall(operation: string, target: SecretTarget, endpoint: string | undefined): AwsCallError {
  return new AwsCallError(
    `${operation} on secret "${target.secretId}" in ${target.region} got no complete answer within ` +
      `${CALL_LIMIT_MS / 1000} s${endpoint ? ` from ${endpoint}` : ""}, so it was abandoned. This is usually ` +
      "temporary; if it persists, check the network path to Secrets Manager (a proxy, --endpoint-url).",
    { code: "AWS_ERROR", awsError: "TimeoutError" },
  );
}

function ignore(): void {}

const SILENT_LOGGER = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };

/** `--profile` and `--endpoint-url`: what the AWS CLI's options of those names mean. */
export interface ConnectionOptions {
  /** The profile of ~/.aws/config and ~/.aws/credentials to take credentials from, as `AWS_PROFILE`. */
  readonly profile?: string | undefined;
  /** Where requests go, as `AWS_ENDPOINT_URL_SECRETS_MANAGER` (which it overrides). */
  readonly endpointUrl?: string | undefined;
}

/**
 * Opens a client for the target's region, with the standard credential chain and endpoint settings
 * (`AWS_PROFILE` and `AWS_ENDPOINT_URL_SECRETS_MANAGER` included, `--profile` and `--endpoint-url` over them)
 * and the middleware's per-request timeouts. The region is always the target's, never the profile's.
 */
export async function openAwsSession(
  target: SecretTarget,
  connection: ConnectionOptions = {},
): Promise<AwsSession> {
  const sdk = await loadSdk();
  const given = {
    // The SDK warns on the console when a profile and AWS_ACCESS_KEY_ID are both set, unless given a logger
    // (its default logger drops everything else too): --profile wins, as in the AWS CLI, and the CLI says so.
    ...(connection.profile === undefined ? {} : { profile: connection.profile, logger: SILENT_LOGGER }),
    ...(connection.endpointUrl === undefined ? {} : { endpoint: connection.endpointUrl }),
  };
  const client = recordEndpoint(
    new sdk.SecretsManagerClient(secretsManagerClientOptions(given, target.region)),
  );
  return {
    sdk,
    client,
    target,
    async call(operation, run) {
      const abortSignal = AbortSignal.timeout(CALL_LIMIT_MS);
      try {
        return await run(abortSignal);
      } catch (error) {
        if (abortSignal.aborted) throw unansweredCall(operation, target, endpointOf(client));
        throw awsFailure(operation, target, error, endpointOf(client), connection.profile);
      }
    },
    close() {
      client.destroy();
    },
  };
}
