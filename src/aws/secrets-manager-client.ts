import type {
  GetSecretValueCommandOutput,
  SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { StarfleetSecretsError, type StarfleetSecretsErrorCode } from "../errors.js";
import type { SecretLocation } from "../secret-location.js";
import { parseSecretDocument, type SecretDocument } from "../store/secret-document.js";
import type { SecretRequest } from "../store/secret-store.js";
import type { SecretsManagerClientClass } from "../types/options.js";
import { definedOnly } from "../util/defined-only.js";
import { isPlainObject } from "../util/is-plain-object.js";
import { type AwsFailureKind, classifyAwsFailure } from "./aws-failure.js";
import { endpointOf, recordEndpoint } from "./endpoint.js";
import { loadSecretsManagerSdk } from "./sdk.js";

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

/** A function returning the (lazily created, then reused) client for a region. */
export interface ClientProvider {
  (region: string): Promise<SecretsManagerClientLike>;
  /** Where the region's client sends its requests (`host:port`), once it has built one. */
  endpointFor(region: string): string | undefined;
}

/**
 * The user's options over ours. A requestHandler given as options (not a handler instance) is merged over
 * our limits: replacing them would silently drop the connection timeout and throwOnRequestTimeout.
 */
export function secretsManagerClientOptions(
  awsClientOptions: Partial<SecretsManagerClientConfig> | undefined,
  region: string,
): SecretsManagerClientConfig {
  const given = awsClientOptions?.requestHandler;
  const requestHandler = isPlainObject(given)
    ? { ...DEFAULT_CLIENT_OPTIONS.requestHandler, ...definedOnly(given) }
    : (given ?? DEFAULT_CLIENT_OPTIONS.requestHandler);
  return { ...awsClientOptions, requestHandler, region };
}

/** Creates each region's client once, on first use. */
export function createClientProvider(
  AwsClient: SecretsManagerClientClass | undefined,
  awsClientOptions: Partial<SecretsManagerClientConfig> | undefined,
): ClientProvider {
  const clients = new Map<string, Promise<SecretsManagerClientLike>>();
  const created = new Map<string, SecretsManagerClientLike>();
  function clientFor(region: string): Promise<SecretsManagerClientLike> {
    let client = clients.get(region);
    if (!client) {
      client = (
        AwsClient
          ? Promise.resolve(AwsClient)
          : loadSecretsManagerSdk().then((loaded) => loaded.SecretsManagerClient)
      ).then((ClientClass) => {
        const made = recordEndpoint(new ClientClass(secretsManagerClientOptions(awsClientOptions, region)));
        created.set(region, made);
        return made;
      });
      clients.set(region, client);
      client.catch(() => clients.delete(region));
    }
    return client;
  }
  return Object.assign(clientFor, {
    endpointFor(region: string) {
      const client = created.get(region);
      return client && endpointOf(client);
    },
  });
}

const CODE_BY_FAILURE: Partial<Record<AwsFailureKind, StarfleetSecretsErrorCode>> = {
  NOT_FOUND: "NOT_FOUND",
  ACCESS_DENIED: "ACCESS_DENIED",
  DECRYPTION_FAILED: "DECRYPTION_FAILED",
  CREDENTIALS: "CREDENTIALS",
};

function toSecretsError(error: unknown, location: SecretLocation, endpoint?: string): StarfleetSecretsError {
  const { kind, reason, hint, retryable, error: cause } = classifyAwsFailure(error, endpoint);
  const details = { ...location, reason, retryable, ...(hint ? { hint } : {}) };
  return new StarfleetSecretsError(CODE_BY_FAILURE[kind] ?? "FETCH_FAILED", { ...details, cause });
}

/** Calls `GetSecretValue` once (with the SDK's own retries) and parses the result. */
async function fetchSecretDocument(
  clientFor: ClientProvider,
  location: SecretLocation,
  signal: AbortSignal,
): Promise<SecretDocument> {
  let output: GetSecretValueCommandOutput;
  try {
    const [client, { GetSecretValueCommand }] = await Promise.all([
      clientFor(location.region),
      loadSecretsManagerSdk(),
    ]);
    output = await client.send(new GetSecretValueCommand({ SecretId: location.secretId }), {
      abortSignal: signal,
    });
  } catch (error) {
    throw toSecretsError(error, location, clientFor.endpointFor(location.region));
  }
  return parseSecretDocument(output, location);
}

/** How the store fetches the secret at `location`, and where those requests go. */
export function secretFetcher(
  clientFor: ClientProvider,
  location: SecretLocation,
): Pick<SecretRequest, "fetch" | "endpoint"> {
  return {
    fetch: (signal) => fetchSecretDocument(clientFor, location, signal),
    endpoint: () => clientFor.endpointFor(location.region),
  };
}
