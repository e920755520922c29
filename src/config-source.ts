import { loadStarfleetConfig } from "./config/load-config.js";
import { isYamlMapping, validateStarfleetConfig } from "./config/validate-config.js";
import { StarfleetConfigError, StarfleetSecretsError } from "./errors.js";
import type { SecretLocation } from "./secret-location.js";
import type { StarfleetConfig } from "./types/config.js";
import type { StarfleetConfigSource } from "./types/options.js";
import { deepFreeze } from "./util/deep-freeze.js";
import { describeValue, YAML_WORDS } from "./util/describe-value.js";
import { isPromise } from "./util/is-promise.js";

// Each configuration object is validated once; the validated, frozen result (defaults applied) is reused.
const validatedConfigs = new WeakMap<object, StarfleetConfig>();

/**
 * Validates a configuration the user built or changed (a function's result, say) by the loader's rules, so
 * a hand-made configuration with a bad SecretRegion fails as clearly as a bad YAML file would.
 */
function validated(config: unknown): StarfleetConfig {
  if (!isYamlMapping(config)) {
    throw new StarfleetConfigError([
      {
        path: "",
        message:
          "The configuration must be a plain object with a STARFLEET stanza (an object literal, or what " +
          `loadStarfleetConfig() returns), got ${describeValue(config, YAML_WORDS)}. Copy a class instance into one: { ...config }.`,
      },
    ]);
  }
  let checked = validatedConfigs.get(config);
  if (!checked) {
    const result = validateStarfleetConfig(config, new Map());
    if (!result.valid) throw new StarfleetConfigError(result.issues);
    checked = deepFreeze(result.config);
    validatedConfigs.set(config, checked);
  }
  return checked;
}

/** Resolves a `config` option: the default loader, a loaded configuration, or a (possibly async) function. */
export function resolveConfig(
  source: StarfleetConfigSource | undefined,
): StarfleetConfig | Promise<StarfleetConfig> {
  if (source === undefined) return loadStarfleetConfig();
  if (typeof source !== "function") return validated(source);
  const produced = source();
  return isPromise(produced) ? produced.then(validated) : validated(produced);
}

/**
 * The configuration when it can be had at factory time without side effects, for prefetching. A default
 * configuration that fails to load is left for the first invocation to report, so the factory never throws
 * for it.
 */
export function configAtFactory(source: StarfleetConfigSource | undefined): StarfleetConfig | undefined {
  if (typeof source === "function") return undefined;
  try {
    return resolveConfig(source) as StarfleetConfig;
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
export function requireSecretLocation(config: StarfleetConfig): SecretLocation {
  const location = secretLocationOf(config);
  if (!location) throw new StarfleetSecretsError("NOT_CONFIGURED");
  return location;
}
