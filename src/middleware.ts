import type { MiddlewareObj, Request } from "@middy/core";
import { canPrefetch } from "@middy/util";
import { configAtFactory, resolveConfig, secretLocationOf } from "./config-source.js";
import { StarfleetSecretsError } from "./errors.js";
import { isPromise } from "./is-promise.js";
import type { SecretDocument } from "./secret-document.js";
import type { SecretLocation } from "./secret-location.js";
import { readSecret, type SecretRead } from "./secret-store.js";
import { createClientProvider, fetchSecretDocument } from "./secrets-manager-client.js";
import type { StarfleetConfig } from "./types/config.js";
import type { DeepReadonly } from "./types/deep-readonly.js";
import type { StarfleetSecretsOptions } from "./types/options.js";
import { validateAccessOptions, warningsToConsole } from "./validate-options.js";

/**
 * The Lambda context as Middy types it.
 *
 * @example
 * ```ts
 * const remaining = (context: LambdaContext) => context.getRemainingTimeInMillis();
 * ```
 */
export type LambdaContext = Request["context"];

/**
 * The context a handler sees after {@link starfleetSecrets}: `secrets` is the worker's own entry.
 *
 * @example
 * ```ts
 * async function sync(event: unknown, context: StarfleetSecretsContext<{ [org: string]: string }>) {
 *   const key = context.secrets["my-org"];
 * }
 * ```
 */
export type StarfleetSecretsContext<TSecrets> = LambdaContext & { readonly secrets: DeepReadonly<TSecrets> };

/**
 * The middleware {@link starfleetSecrets} returns.
 *
 * @example
 * ```ts
 * const secrets: StarfleetSecretsMiddleware<StarfleetSecretsContext<GitHubSecrets>> = starfleetSecrets<GitHubSecrets>({
 *   workerName: "GitHubSyncWorker",
 * });
 * ```
 */
export type StarfleetSecretsMiddleware<TContext extends LambdaContext> = MiddlewareObj<
  unknown,
  unknown,
  Error,
  TContext
>;

const defaults = {
  optional: false,
  disablePrefetch: false,
  cacheExpiry: -1,
  logger: warningsToConsole,
};

const workerOptionSchema = {
  workerName: { type: "string", minLength: 1 },
  optional: { type: "boolean" },
  disablePrefetch: { type: "boolean" },
} as const;

// Non-enumerable so JSON.stringify(context) and console.log(context) do not print the worker's secrets.
function defineSecrets(context: LambdaContext, value: unknown): void {
  Object.defineProperty(context, "secrets", {
    value,
    enumerable: false,
    writable: false,
    configurable: true,
  });
}

/**
 * Middy middleware that puts a Starfleet worker's own entry of the shared Secrets Manager secret on
 * `context.secrets`: read-only, deep-frozen, and hidden from `JSON.stringify(context)` and
 * `console.log(context)`. The secret is fetched once per container (by default) and shared by every
 * concurrent invocation; no other worker's entry is reachable from the context.
 *
 * @example
 * ```ts
 * import middy from "@middy/core";
 * import { starfleetSecrets } from "middy-starfleet-secrets";
 *
 * interface GitHubSecrets { [org: string]: string }
 *
 * export const handler = middy()
 *   .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker" }))
 *   .handler(async (event, context) => {
 *     const privateKey = context.secrets["my-org"];
 *   });
 * ```
 */
export function starfleetSecrets<TSecrets = unknown>(
  options: StarfleetSecretsOptions & { optional: true },
): StarfleetSecretsMiddleware<LambdaContext & { readonly secrets: DeepReadonly<TSecrets> | undefined }>;
export function starfleetSecrets<TSecrets = unknown>(
  options?: StarfleetSecretsOptions,
): StarfleetSecretsMiddleware<StarfleetSecretsContext<TSecrets>>;
export function starfleetSecrets(
  opts: StarfleetSecretsOptions = {},
): StarfleetSecretsMiddleware<LambdaContext & { readonly secrets: unknown }> {
  validateAccessOptions(opts, workerOptionSchema);
  const options = { ...defaults, ...opts };
  const workerName = options.workerName ?? process.env.STARFLEET_WORKER_NAME;
  if (!workerName) {
    throw new TypeError(
      "middy-starfleet-secrets: no worker name. Pass starfleetSecrets({ workerName: 'GitHubSyncWorker' }) or set " +
        "the STARFLEET_WORKER_NAME environment variable to the worker's key in the secret.",
    );
  }
  const { optional, cacheExpiry, logger } = options;
  const clientFor = createClientProvider(options.AwsClient, options.awsClientOptions);
  const fetch = (location: SecretLocation) => (signal: AbortSignal) =>
    fetchSecretDocument(clientFor, location, signal);

  // A configuration that cannot change between invocations is resolved once.
  let staticConfig = typeof options.config === "function" ? undefined : configAtFactory(options.config);
  let staticRead: SecretRead | undefined;

  function readFor(location: SecretLocation): SecretRead {
    return { location, fetch: fetch(location), cacheExpiry, logger, requiredKey: workerName };
  }

  if (staticConfig && canPrefetch(options)) {
    const location = secretLocationOf(staticConfig, workerName);
    if (location) {
      staticRead = readFor(location);
      Promise.resolve(readSecret(staticRead)).catch((error: unknown) => {
        // The first invocation retries and reports; a prefetch failure is never replayed.
        logger.debug?.("middy-starfleet-secrets: prefetch failed; the first invocation will retry", {
          secretId: location.secretId,
          region: location.region,
          workerName,
          error: error instanceof StarfleetSecretsError ? error.code : "FETCH_FAILED",
        });
      });
    }
  }

  function setSecrets(request: Request, document: SecretDocument, location: SecretLocation): void {
    const present = Object.hasOwn(document, workerName as string);
    if (!present && !optional) throw new StarfleetSecretsError("WORKER_MISSING", location);
    defineSecrets(request.context, present ? document[workerName as string] : undefined);
  }

  function readInto(request: Request, config: StarfleetConfig): void | Promise<void> {
    let read = config === staticConfig ? staticRead : undefined;
    if (!read) {
      const location = secretLocationOf(config, workerName);
      if (!location) {
        if (!optional) throw new StarfleetSecretsError("NOT_CONFIGURED", { workerName });
        defineSecrets(request.context, undefined);
        return;
      }
      read = readFor(location);
      if (config === staticConfig) staticRead = read;
    }
    const { location } = read;
    const document = readSecret(read, request.context);
    if (isPromise(document)) return document.then((loaded) => setSecrets(request, loaded, location));
    setSecrets(request, document, location);
  }

  function starfleetSecretsBefore(request: Request): void | Promise<void> {
    if (staticConfig) return readInto(request, staticConfig);
    const config = resolveConfig(options.config);
    if (isPromise(config)) return config.then((resolved) => readInto(request, resolved));
    if (options.config === undefined) staticConfig = config;
    return readInto(request, config);
  }

  return { before: starfleetSecretsBefore };
}
