import type { SecretsManagerClient, SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import type { StarfleetConfig } from "./config.js";

/**
 * Where log lines go: any object with `warn`, and optionally `debug` and `info` — `console`, Powertools
 * Logger and pino all fit. Lines carry the secret id, region and worker; never a secret value.
 *
 *
 * @example
 * ```ts
 * import { Logger } from "@aws-lambda-powertools/logger";
 *
 * starfleetSecrets({ workerName: "GitHubSyncWorker", logger: new Logger({ serviceName: "starfleet" }) });
 * ```
 */
export interface StarfleetLogger {
  warn(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  debug?(message: string, ...details: unknown[]): void;
}

/**
 * A Secrets Manager client class: `SecretsManagerClient` or a subclass (for tracing, say).
 *
 * @example
 * ```ts
 * import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
 * import { captureAWSv3Client } from "aws-xray-sdk-core";
 *
 * class TracedClient extends SecretsManagerClient {
 *   constructor(config: ConstructorParameters<typeof SecretsManagerClient>[0]) {
 *     super(config);
 *     captureAWSv3Client(this);
 *   }
 * }
 * starfleetSecrets({ workerName: "GitHubSyncWorker", AwsClient: TracedClient });
 * ```
 */
export type SecretsManagerClientClass = new (
  config: SecretsManagerClientConfig,
) => Pick<SecretsManagerClient, "send">;

/**
 * The loaded configuration, or a function that returns it (for configurations built at run time).
 *
 * @example
 * ```ts
 * starfleetSecrets({ workerName: "GitHubSyncWorker", config: async () => buildConfigFromParameterStore() });
 * ```
 */
export type StarfleetConfigSource = StarfleetConfig | (() => StarfleetConfig | Promise<StarfleetConfig>);

/**
 * Options shared by {@link starfleetSecrets} and {@link getSlackToken}.
 *
 * @example
 * ```ts
 * const shared: SecretsAccessOptions = { cacheExpiry: 15 * 60_000, logger };
 * starfleetSecrets({ workerName: "GitHubSyncWorker", ...shared });
 * await getSlackToken(shared);
 * ```
 */
export interface SecretsAccessOptions {
  /** The Starfleet configuration. Default: `loadStarfleetConfig()`. */
  config?: StarfleetConfigSource;
  /** The client class. Default: `SecretsManagerClient`, imported only when a fetch is needed. */
  AwsClient?: SecretsManagerClientClass;
  /**
   * Client options, merged over this library's defaults (1 s connection timeout, 3 s request timeout)
   * and under `{ region: SecretRegion }`: the region always comes from the configuration.
   */
  awsClientOptions?: Partial<SecretsManagerClientConfig>;
  /**
   * How long a fetched secret is used, in milliseconds: `-1` (default) for the container's life, `0` to
   * fetch on every invocation, a positive number as a time-to-live (each container expires at a random
   * point in the last 20% of it, so a fleet does not refresh at once).
   */
  cacheExpiry?: number;
  /** Default: warnings to `console.warn`, no debug lines. */
  logger?: StarfleetLogger;
}

/**
 * Options of {@link starfleetSecrets}.
 *
 * @example
 * ```ts
 * const options: StarfleetSecretsOptions = { workerName: "GitHubSyncWorker", cacheExpiry: 15 * 60_000 };
 * ```
 */
export interface StarfleetSecretsOptions extends SecretsAccessOptions {
  /** The worker's key in the secret. Default: env `STARFLEET_WORKER_NAME`. */
  workerName?: string;
  /**
   * When `true`, a configuration without `STARFLEET.SecretsManager`, or a secret without the worker's
   * entry, leaves `context.secrets` undefined instead of failing. Default `false`.
   */
  optional?: boolean;
  /** Do not start fetching at module init even when the configuration is at hand. Default `false`. */
  disablePrefetch?: boolean;
}

/**
 * Options of {@link getSlackToken}.
 *
 * @example
 * ```ts
 * const token = await getSlackToken({ cacheExpiry: 60 * 60_000 } satisfies SlackTokenOptions);
 * ```
 */
export type SlackTokenOptions = SecretsAccessOptions;
