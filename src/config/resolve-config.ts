/**
 * The `config` option resolved to a validated configuration, and where in it the shared secret lives.
 * Configurations the user builds are validated by the loader's rules, once per object: the one cache of
 * validated configurations (the loader keeps the default folder's result itself).
 */
import { StarfleetConfigError, StarfleetSecretsError } from "../errors.js";
import type { SecretLocation } from "../secret-location.js";
import type { StarfleetConfig } from "../types/config.js";
import type { StarfleetConfigSource } from "../types/options.js";
import { deepFreeze } from "../util/deep-freeze.js";
import { describeValue, YAML_WORDS } from "../util/describe-value.js";
import { isPromise } from "../util/is-promise.js";
import { loadStarfleetConfig } from "./load-config.js";
import { isYamlMapping, validateStarfleetConfig } from "./validate-config.js";

const validatedConfigs = new WeakMap<object, StarfleetConfig>();

function configError(message: string): StarfleetConfigError {
  return new StarfleetConfigError([{ path: "", message }]);
}

// The result is frozen, so it is validated from a copy: the caller's own objects stay as they were.
function copyOf(config: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(config);
  } catch (error) {
    throw configError(
      "The configuration must be plain data, as YAML gives (objects, lists, strings, numbers, booleans); " +
        `it holds something that cannot be copied (${(error as Error).name}), such as a function.`,
    );
  }
}

/**
 * Validates a configuration the user built or changed (a function's result, say) by the loader's rules, so
 * a hand-made configuration with a bad SecretRegion fails as clearly as a bad YAML file would.
 */
function validated(config: unknown): StarfleetConfig {
  if (!isYamlMapping(config)) {
    throw configError(
      "The configuration must be a plain object with a STARFLEET stanza (an object literal, or what " +
        `loadStarfleetConfig() returns), got ${describeValue(config, YAML_WORDS)}. Copy a class instance into one: { ...config }.`,
    );
  }
  let checked = validatedConfigs.get(config);
  if (!checked) {
    const result = validateStarfleetConfig(copyOf(config), new Map());
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

/** A `config` option, ready to give each invocation its configuration. */
export interface ConfigSource {
  /** The configuration, if it can be had now without side effects and without failing (for a prefetch). */
  readonly atFactory: StarfleetConfig | undefined;
  /** Whether each invocation may get another configuration (a function); else it is always the same one. */
  readonly perInvocation: boolean;
  /** The configuration for an invocation; throws (or rejects) when it is invalid. */
  current(): StarfleetConfig | Promise<StarfleetConfig>;
}

/**
 * Prepares a `config` option. A configuration that cannot change (the default folder, an object) is
 * resolved once; a function is called for every invocation. A default folder that fails to load is left
 * for the first invocation to report, so the factory never throws for it.
 */
export function createConfigSource(source: StarfleetConfigSource | undefined): ConfigSource {
  if (typeof source === "function") {
    return { atFactory: undefined, perInvocation: true, current: () => resolveConfig(source) };
  }
  let resolved: StarfleetConfig | undefined;
  try {
    resolved = resolveConfig(source) as StarfleetConfig;
  } catch {
    // Left unresolved: current() loads it again at the first invocation, which reports the error.
  }
  return {
    atFactory: resolved,
    perInvocation: false,
    current: () => (resolved ??= resolveConfig(source) as StarfleetConfig),
  };
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
