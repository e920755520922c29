/**
 * Python logging level names, as Starfleet's `LogLevel` accepts them.
 *
 * @example
 * ```ts
 * const level: StarfleetLogLevel = loadStarfleetConfig().STARFLEET.LogLevel; // "INFO" by default
 * ```
 */
export type StarfleetLogLevel = "CRITICAL" | "ERROR" | "WARNING" | "INFO" | "DEBUG" | "NOTSET";

/**
 * `STARFLEET.SecretsManager`: where the shared secret lives.
 *
 * @example
 * ```ts
 * const { SecretId, SecretRegion } = loadStarfleetConfig().STARFLEET.SecretsManager ?? {};
 * ```
 */
export interface StarfleetSecretsManagerConfig {
  /** The secret's name (or ARN). */
  readonly SecretId: string;
  /** The AWS region the secret lives in, e.g. `us-east-2`. */
  readonly SecretRegion: string;
  readonly [unknownKey: string]: unknown;
}

/**
 * The validated `STARFLEET` stanza, with Starfleet's defaults applied. Unknown keys are kept (Starfleet
 * allows them) and typed `unknown`.
 *
 *
 * @example
 * ```ts
 * const { DeploymentRegion, ScopeToRegions } = loadStarfleetConfig().STARFLEET;
 * ```
 */
export interface StarfleetStanza {
  readonly DeploymentRegion: string;
  readonly TemplateBucket: string;
  /** An https URL. */
  readonly FanOutQueueUrl: string;
  /** Default `StarfleetDefaultAccountIndex`. */
  readonly AccountIndex: string;
  /** Default `[]`. */
  readonly ScopeToRegions: readonly string[];
  /** Absent when Secrets Manager is not configured. */
  readonly SecretsManager?: StarfleetSecretsManagerConfig;
  /** Default `false`. `true` requires `SecretsManager`. */
  readonly SlackEnabled: boolean;
  /** Default `INFO`. */
  readonly LogLevel: StarfleetLogLevel;
  readonly ThirdPartyLoggerLevels?: Readonly<Record<string, StarfleetLogLevel>>;
  readonly [unknownKey: string]: unknown;
}

/**
 * The merged Starfleet configuration: the validated `STARFLEET` stanza plus one stanza per worker, which
 * each worker validates itself. Deep-frozen.
 *
 *
 * @example
 * ```ts
 * const config: StarfleetConfig = loadStarfleetConfig();
 * const stanza = config.GitHubSyncWorkerShip as { Enabled: boolean } | undefined;
 * ```
 */
export interface StarfleetConfig {
  readonly STARFLEET: StarfleetStanza;
  readonly [workerStanza: string]: unknown;
}

/**
 * Options of {@link loadStarfleetConfig}.
 *
 * @example
 * ```ts
 * const config = loadStarfleetConfig({ directory: "./test/configuration_files" });
 * ```
 */
export interface LoadStarfleetConfigOptions {
  /**
   * The folder holding the `*.yaml` / `*.yml` files. Default: env `STARFLEET_CONFIG_DIR`, else
   * `$LAMBDA_TASK_ROOT/configuration_files`, else `./configuration_files`.
   */
  readonly directory?: string;
}
