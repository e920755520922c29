/**
 * Which secret a command works on: the Starfleet configuration's `STARFLEET.SecretsManager`, with
 * `--secret-id` and `--region` overriding it.
 */
import { explainAwsRegionName } from "../config/aws-regions.js";
import { type ConfigFolder, findConfigFolder } from "../config/config-folder.js";
import { loadConfigFolder } from "../config/load-config.js";
import { StarfleetConfigError } from "../errors.js";
import type { StarfleetConfig } from "../types/config.js";
import { CliError, usageError } from "./cli-error.js";

/** The options every command takes. */
export interface GlobalOptions {
  readonly config?: string;
  readonly secretId?: string;
  readonly region?: string;
}

/** The secret a command works on, and what the configuration says about it. */
export interface SecretTarget {
  readonly secretId: string;
  readonly region: string;
  /** `STARFLEET.SlackEnabled`: the secret then needs `STARFLEET.SlackToken`. */
  readonly slackEnabled: boolean;
  /** The configuration folder that was read. */
  readonly configDirectory: string;
}

function loadConfig(folder: ConfigFolder): StarfleetConfig {
  try {
    return loadConfigFolder(folder);
  } catch (error) {
    if (!(error instanceof StarfleetConfigError)) throw error;
    throw new CliError(
      `${error.message}\n(starfleet-secrets read ${folder.directory}, from ${folder.origin}; choose the folder ` +
        "with --config DIR or STARFLEET_CONFIG_DIR.)",
      { exitCode: 2, code: "CONFIG", cause: error },
    );
  }
}

/**
 * Loads and validates the configuration and names the secret.
 *
 * @throws {CliError} with exit status 2: an invalid configuration (every issue listed), no
 * `STARFLEET.SecretsManager` and no `--secret-id`/`--region`, or an invalid `--region`.
 */
export function resolveTarget(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): SecretTarget {
  const regionProblem = options.region === undefined ? undefined : explainAwsRegionName(options.region);
  if (regionProblem !== undefined) throw usageError(`--region: ${regionProblem}`);
  const folder = findConfigFolder(
    options.config === undefined ? undefined : { directory: options.config, origin: "--config" },
    env,
    cwd,
  );
  const config = loadConfig(folder);
  const configured = config.STARFLEET.SecretsManager;
  const secretId = options.secretId ?? configured?.SecretId;
  const region = options.region ?? configured?.SecretRegion;
  if (secretId === undefined || region === undefined) {
    throw new CliError(
      `STARFLEET.SecretsManager is not configured in ${folder.directory}. Add it to a configuration file:\n\n` +
        "STARFLEET:\n  SecretsManager:\n    SecretId: Starfleet\n    SecretRegion: us-east-2\n\n" +
        "or pass both --secret-id and --region.",
      { exitCode: 2, code: "NOT_CONFIGURED" },
    );
  }
  return {
    secretId,
    region,
    slackEnabled: config.STARFLEET.SlackEnabled,
    configDirectory: folder.directory,
  };
}
