/**
 * The Secrets Manager client a command uses, and how AWS failures are explained. The SDK is the package's
 * peer dependency, imported when a command first needs it so `--help` works (and is fast) without it.
 */
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { DEFAULT_CLIENT_OPTIONS, isResponseParseError } from "../secrets-manager-client.js";
import { CliError } from "./cli-error.js";
import type { SecretTarget } from "./target.js";

/** The AWS SDK's Secrets Manager module. */
export type SecretsManagerSdk = typeof import("@aws-sdk/client-secrets-manager");

/** A client for the target's region, and a way to call it that explains failures. */
export interface AwsSession {
  readonly sdk: SecretsManagerSdk;
  readonly client: SecretsManagerClient;
  readonly target: SecretTarget;
  /**
   * Runs one API call; an SDK failure becomes a {@link CliError} naming the operation and the secret,
   * with the SDK error as `cause`.
   */
  call<T>(operation: string, run: () => Promise<T>): Promise<T>;
  /** Closes the client's connections, so the process can exit at once. */
  close(): void;
}

/** The name of an SDK error (`ResourceNotFoundException`, ...), or what was thrown when it is not an error. */
export function awsErrorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

// SDK messages describe the request (the action, the caller, the resource), never the secret's value.
function sdkMessage(error: unknown): string {
  const message = error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : "";
  return message.length > 500 ? `${message.slice(0, 500)}...` : message;
}

/** Explains an SDK failure of `operation` on the target's secret. */
export function awsFailure(operation: string, target: SecretTarget, error: unknown): CliError {
  const name = awsErrorName(error);
  const where = `secret "${target.secretId}" in ${target.region}`;
  if (isResponseParseError(error)) {
    return new CliError(
      `${operation} failed for ${where}: the response could not be parsed (${name}); its text is not shown, ` +
        "as it may hold the secret. Try again; if it persists, check any proxy between you and Secrets Manager.",
      { code: "AWS_ERROR" },
    );
  }
  const message = sdkMessage(error);
  const detail = message ? `: ${message}` : "";
  switch (name) {
    case "ResourceNotFoundException":
      return new CliError(
        `Secrets Manager has no ${where} (${operation}: ${name}). Check --secret-id and --region (or ` +
          "STARFLEET.SecretsManager in the configuration), or create the secret with `starfleet-secrets init`.",
        { code: "NOT_FOUND", cause: error },
      );
    case "AccessDeniedException":
      return new CliError(
        `Access denied: ${operation} on ${where}${detail}. Your AWS identity needs secretsmanager:${operation} ` +
          "on the secret.",
        { code: "ACCESS_DENIED", cause: error },
      );
    case "DecryptionFailure":
      return new CliError(
        `Secrets Manager could not decrypt ${where} (${operation})${detail}. Your AWS identity needs ` +
          "kms:Decrypt on the secret's KMS key, and the key must be enabled.",
        { code: "DECRYPTION_FAILED", cause: error },
      );
    case "CredentialsProviderError":
      return new CliError(
        `No AWS credentials found${detail}. Configure them as for the AWS CLI: AWS_PROFILE, \`aws sso login\`, ` +
          "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        { code: "NO_CREDENTIALS", cause: error },
      );
    default:
      return new CliError(`${operation} failed for ${where}: ${name}${detail}.`, {
        code: "AWS_ERROR",
        cause: error,
      });
  }
}

async function loadSdk(): Promise<SecretsManagerSdk> {
  try {
    return await import("@aws-sdk/client-secrets-manager");
  } catch (error) {
    throw new CliError(
      "starfleet-secrets needs the AWS SDK's Secrets Manager client: npm install @aws-sdk/client-secrets-manager",
      { code: "SDK_MISSING", cause: error },
    );
  }
}

/**
 * Opens a client for the target's region, with the standard credential chain and endpoint settings
 * (`AWS_ENDPOINT_URL_SECRETS_MANAGER` included) and the middleware's per-request timeouts.
 */
export async function openAwsSession(target: SecretTarget): Promise<AwsSession> {
  const sdk = await loadSdk();
  const client = new sdk.SecretsManagerClient({ ...DEFAULT_CLIENT_OPTIONS, region: target.region });
  return {
    sdk,
    client,
    target,
    async call(operation, run) {
      try {
        return await run();
      } catch (error) {
        throw awsFailure(operation, target, error);
      }
    },
    close() {
      client.destroy();
    },
  };
}
