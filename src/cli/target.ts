/**
 * Which secret a command works on: the Starfleet configuration's `STARFLEET.SecretsManager`, with
 * `--secret-id` and `--region` overriding it. With both given, the configuration is optional: a folder that
 * is not there only means the rules that need it (Slack) are skipped.
 */
import { existsSync } from "node:fs";
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
  /** `--profile`: the AWS profile for credentials, as `AWS_PROFILE`. */
  readonly profile?: string;
  /** `--endpoint-url`: where to send Secrets Manager requests, as `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly endpointUrl?: string;
}

/** The secret a command works on, and what the configuration says about it. */
export interface SecretTarget {
  readonly secretId: string;
  readonly region: string;
  /**
   * `STARFLEET.SlackEnabled`: the secret then needs `STARFLEET.SlackToken`. Undefined without a configuration:
   * the Slack rules are skipped.
   */
  readonly slackEnabled: boolean | undefined;
  /** The configuration folder that was read; undefined when there was none to read. */
  readonly configDirectory: string | undefined;
}

// The loader's own advice names its API; the message below names the CLI's flags.
const WITHOUT_A_FOLDER = "starfleet-secrets works without one when given both --secret-id and --region.";

function loadConfig(folder: ConfigFolder): StarfleetConfig {
  try {
    return loadConfigFolder({ ...folder, howToChoose: WITHOUT_A_FOLDER });
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
 * Loads and validates the configuration and names the secret. With both `--secret-id` and `--region`, a
 * configuration folder found by default (`$LAMBDA_TASK_ROOT/configuration_files`, `./configuration_files`)
 * may be absent; one named with `--config` or `STARFLEET_CONFIG_DIR` must be there.
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
  const named = options.config !== undefined || Boolean(env.STARFLEET_CONFIG_DIR);
  if (
    options.secretId !== undefined &&
    options.region !== undefined &&
    !named &&
    !existsSync(folder.directory)
  ) {
    return {
      secretId: options.secretId,
      region: options.region,
      slackEnabled: undefined,
      configDirectory: undefined,
    };
  }
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

/**
 * What a command that checks the secret's shape says when it had no configuration: the Slack rules were
 * skipped. Empty with a configuration.
 */
export function skippedRulesNote(target: SecretTarget): string {
  return target.configDirectory === undefined
    ? "Note: no Starfleet configuration was read (--secret-id and --region given, no configuration folder), " +
        "so the Slack token rule (STARFLEET.SlackEnabled) was not checked.\n"
    : "";
}
