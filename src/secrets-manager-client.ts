import type {
  GetSecretValueCommandOutput,
  SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { StarfleetSecretsError, type StarfleetSecretsErrorCode } from "./errors.js";
import { parseSecretDocument, type SecretDocument } from "./secret-document.js";
import type { SecretLocation } from "./secret-location.js";
import type { SecretsManagerClientClass } from "./types/options.js";
import { isPlainObject } from "./util/is-plain-object.js";

type SecretsManagerSdk = typeof import("@aws-sdk/client-secrets-manager");
type SecretsManagerClientLike = InstanceType<SecretsManagerClientClass>;

/**
 * Per-attempt limits. The SDK's default handler has none, so a hung connection would wait until Lambda
 * kills the invocation; with these, a fault becomes a retryable error the SDK's retry strategy handles.
 *
 *
 * A `requestHandler` object in `awsClientOptions` is merged over these; a handler instance is used as it is,
 * with whatever limits it was built with.
 *
 * @example
 * ```ts
 * // A longer per-attempt timeout, keeping the connection timeout and throwOnRequestTimeout:
 * starfleetSecrets({ workerName: "GitHubSyncWorker", awsClientOptions: { requestHandler: { requestTimeout: 10_000 } } });
 * ```
 */
export const DEFAULT_CLIENT_OPTIONS = {
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
} as const satisfies Partial<SecretsManagerClientConfig>;

let sdk: Promise<SecretsManagerSdk> | undefined;

/**
 * Imported on first fetch, not at module load, so a worker without Secrets Manager configured (or a cold
 * start served from a prefetch) does not pay for loading the SDK.
 */
function loadSdk(): Promise<SecretsManagerSdk> {
  sdk ??= import("@aws-sdk/client-secrets-manager").catch((error: unknown) => {
    sdk = undefined;
    throw error;
  });
  return sdk;
}

/** A function returning the (lazily created, then reused) client for a region. */
export type ClientProvider = (region: string) => Promise<SecretsManagerClientLike>;

/**
 * The user's options over ours. A requestHandler given as options (not a handler instance) is merged over
 * our limits: replacing them would silently drop the connection timeout and throwOnRequestTimeout.
 */
function clientOptions(
  awsClientOptions: Partial<SecretsManagerClientConfig> | undefined,
  region: string,
): SecretsManagerClientConfig {
  const given = awsClientOptions?.requestHandler;
  const requestHandler = isPlainObject(given)
    ? { ...DEFAULT_CLIENT_OPTIONS.requestHandler, ...given }
    : (given ?? DEFAULT_CLIENT_OPTIONS.requestHandler);
  return { ...awsClientOptions, requestHandler, region };
}

/** Creates each region's client once, on first use. */
export function createClientProvider(
  AwsClient: SecretsManagerClientClass | undefined,
  awsClientOptions: Partial<SecretsManagerClientConfig> | undefined,
): ClientProvider {
  const clients = new Map<string, Promise<SecretsManagerClientLike>>();
  return function clientFor(region) {
    let client = clients.get(region);
    if (!client) {
      client = (
        AwsClient ? Promise.resolve(AwsClient) : loadSdk().then((loaded) => loaded.SecretsManagerClient)
      ).then((ClientClass) => new ClientClass(clientOptions(awsClientOptions, region)));
      clients.set(region, client);
      client.catch(() => clients.delete(region));
    }
    return client;
  };
}

const CODE_BY_AWS_ERROR: Readonly<Record<string, StarfleetSecretsErrorCode>> = {
  ResourceNotFoundException: "NOT_FOUND",
  AccessDeniedException: "ACCESS_DENIED",
  DecryptionFailure: "DECRYPTION_FAILED",
};

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Whether the SDK failed to parse a response (a body that is not JSON, from a proxy or a corrupted answer).
 * Such an error quotes the body in its message and keeps all of it in `$response`, and the body of a
 * GetSecretValue answer is the secret: only its name may be kept. Modeled AWS errors carry `$fault`.
 *
 * @example
 * ```ts
 * const cause = isResponseParseError(error) ? undefined : error;
 * ```
 */
export function isResponseParseError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$response" in error && !("$fault" in error);
}

/**
 * Maps an SDK failure to our error, keeping the SDK error as `cause` (it describes the call, not the value),
 * except a response parse error, which may quote the value.
 */
function toSecretsError(error: unknown, location: SecretLocation): StarfleetSecretsError {
  const name = errorName(error);
  if (isResponseParseError(error)) {
    return new StarfleetSecretsError("FETCH_FAILED", {
      ...location,
      reason: `the response could not be parsed (${name})`,
    });
  }
  const code = CODE_BY_AWS_ERROR[name] ?? "FETCH_FAILED";
  return new StarfleetSecretsError(code, { ...location, reason: name, cause: error });
}

/** Calls `GetSecretValue` once (with the SDK's own retries) and parses the result. */
export async function fetchSecretDocument(
  clientFor: ClientProvider,
  location: SecretLocation,
  signal: AbortSignal,
): Promise<SecretDocument> {
  let output: GetSecretValueCommandOutput;
  try {
    const [client, { GetSecretValueCommand }] = await Promise.all([clientFor(location.region), loadSdk()]);
    output = await client.send(new GetSecretValueCommand({ SecretId: location.secretId }), {
      abortSignal: signal,
    });
  } catch (error) {
    throw toSecretsError(error, location);
  }
  return parseSecretDocument(output, location);
}
