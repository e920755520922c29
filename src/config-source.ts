import { loadStarfleetConfig } from "./config/load-config.js";
import { StarfleetSecretsError } from "./errors.js";
import type { SecretLocation } from "./secret-location.js";
import type { StarfleetConfig } from "./types/config.js";
import type { StarfleetConfigSource } from "./types/options.js";

/** Resolves a `config` option: the default loader, a loaded configuration, or a (possibly async) function. */
export function resolveConfig(
  source: StarfleetConfigSource | undefined,
): StarfleetConfig | Promise<StarfleetConfig> {
  if (source === undefined) return loadStarfleetConfig();
  return typeof source === "function" ? source() : source;
}

/**
 * The configuration when it can be had at factory time without side effects, for prefetching. A default
 * configuration that fails to load is left for the first invocation to report, so the factory never throws
 * for it.
 */
export function configAtFactory(source: StarfleetConfigSource | undefined): StarfleetConfig | undefined {
  if (typeof source === "function") return undefined;
  if (source !== undefined) return source;
  try {
    return loadStarfleetConfig();
  } catch {
    return undefined;
  }
}

/** Where the shared secret lives, or `undefined` when Secrets Manager is not configured. */
export function secretLocationOf(config: StarfleetConfig, workerName?: string): SecretLocation | undefined {
  const secretsManager = config.STARFLEET.SecretsManager;
  if (!secretsManager) return undefined;
  const location = { secretId: secretsManager.SecretId, region: secretsManager.SecretRegion };
  return workerName === undefined ? location : { ...location, workerName };
}

/** The location, or the NOT_CONFIGURED error that shows the YAML to add. */
export function requireSecretLocation(config: StarfleetConfig, workerName?: string): SecretLocation {
  const location = secretLocationOf(config, workerName);
  if (!location)
    throw new StarfleetSecretsError("NOT_CONFIGURED", workerName === undefined ? {} : { workerName });
  return location;
}
