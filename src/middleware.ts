import type { MiddlewareObj, Request } from "@middy/core";
import { canPrefetch } from "@middy/util";
import { createClientProvider, secretFetcher } from "./aws/secrets-manager-client.js";
import { createConfigSource, secretLocationOf } from "./config/resolve-config.js";
import { errorCodeOf, StarfleetSecretsError } from "./errors.js";
import { warningsToConsole } from "./logger.js";
import { validateWorkerOptions, workerNameFrom } from "./options.js";
import { createEntryCheck, type EntryCheck } from "./schema/entry-check.js";
import type { SecretLocation } from "./secret-location.js";
import type { SecretDocument } from "./store/secret-document.js";
import {
  type DocumentLease,
  getSecretDocument,
  isLeaseCurrent,
  leaseDocument,
  prefetchSecretDocument,
  type SecretRequest,
} from "./store/secret-store.js";
import type { StarfleetConfig } from "./types/config.js";
import type { DeepReadonly } from "./types/deep-readonly.js";
import type { StarfleetSecretsOptions } from "./types/options.js";
import type { InferSchemaOutput, StandardSchemaV1 } from "./types/standard-schema.js";
import { didYouMean } from "./util/closest-name.js";
import { definedOnly } from "./util/defined-only.js";
import { isPromise } from "./util/is-promise.js";

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

/** WORKER_MISSING, suggesting the entry the worker's name is a near miss of (entry names are not secret). */
function workerMissing(
  workerName: string,
  document: SecretDocument,
  location: SecretLocation,
): StarfleetSecretsError {
  return new StarfleetSecretsError("WORKER_MISSING", {
    ...location,
    hint: didYouMean(workerName, Object.keys(document)),
  });
}

const defaults = {
  optional: false,
  disablePrefetch: false,
  cacheExpiry: -1,
  logger: warningsToConsole,
};

// Non-enumerable so JSON.stringify(context) and console.log(context) do not print the worker's secrets, and
// a getter without a setter so that printers showing hidden properties (util.inspect with showHidden,
// console.log("%o"), Object.getOwnPropertyDescriptors) show [Getter] rather than the entry. The descriptor is
// made once per entry, not per invocation: a new getter each time would cost more than the rest of the
// warm path.
function createSecretsDefiner(): (context: LambdaContext, value: unknown) => PropertyDescriptor {
  let described: unknown;
  let descriptor: PropertyDescriptor | undefined;
  return function defineSecrets(context, value) {
    if (descriptor === undefined || value !== described) {
      described = value;
      descriptor = {
        get: function secrets() {
          return value;
        },
        enumerable: false,
        configurable: true,
      };
    }
    Object.defineProperty(context, "secrets", descriptor);
    return descriptor;
  };
}

// Not part of StarfleetSecretsOptions: a worker that passes those options through to
// starfleetSecrets<TSecrets>() must not have an untyped schema slot that conflicts with its type argument.
interface EntrySchemaOption<TSchema extends StandardSchemaV1> {
  /**
   * A Standard Schema v1 validator (zod 4, valibot 1, arktype 2, ...) for the worker's entry. The entry is
   * validated once per fetched secret, `context.secrets` is the validator's output (defaults and
   * transforms applied) and is typed from it; an entry that fails is `ENTRY_INVALID`.
   */
  schema: TSchema;
}

/** What the last synchronous read served, for invocations to reuse while the store's lease holds. */
interface Served {
  readonly config: StarfleetConfig;
  readonly lease: DocumentLease;
  readonly descriptor: PropertyDescriptor;
}

/**
 * Middy middleware that puts a Starfleet worker's own entry of the shared Secrets Manager secret on
 * `context.secrets`: read-only, deep-frozen, and hidden from `JSON.stringify(context)` and
 * `console.log(context)`. The secret is fetched once per container (by default) and shared by every
 * concurrent invocation; no other worker's entry is reachable from the context. With a `schema`
 * (Standard Schema v1: zod, valibot, arktype, ...), the entry is validated once per fetched secret and
 * `context.secrets` is the schema's output; an entry that fails is `ENTRY_INVALID`.
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
 *
 * @example
 * ```ts
 * import { z } from "zod";
 *
 * // Checked once per fetched secret, typed from the schema: context.secrets is Readonly<Record<string, string>>.
 * export const handler = middy()
 *   .use(starfleetSecrets({ workerName: "GitHubSyncWorker", schema: z.record(z.string(), z.string()) }))
 *   .handler(async (event, context) => context.secrets["my-org"]);
 * ```
 */
export function starfleetSecrets<TSchema extends StandardSchemaV1>(
  options: StarfleetSecretsOptions & EntrySchemaOption<TSchema> & { optional: true },
): StarfleetSecretsMiddleware<
  LambdaContext & { readonly secrets: DeepReadonly<InferSchemaOutput<TSchema>> | undefined }
>;
export function starfleetSecrets<TSchema extends StandardSchemaV1>(
  options: StarfleetSecretsOptions & EntrySchemaOption<TSchema>,
): StarfleetSecretsMiddleware<StarfleetSecretsContext<InferSchemaOutput<TSchema>>>;
export function starfleetSecrets<TSecrets = unknown>(
  options: StarfleetSecretsOptions &
    Partial<EntrySchemaOption<StandardSchemaV1<unknown, TSecrets>>> & { optional: true },
): StarfleetSecretsMiddleware<LambdaContext & { readonly secrets: DeepReadonly<TSecrets> | undefined }>;
export function starfleetSecrets<TSecrets = unknown>(
  options?: StarfleetSecretsOptions & Partial<EntrySchemaOption<StandardSchemaV1<unknown, TSecrets>>>,
): StarfleetSecretsMiddleware<StarfleetSecretsContext<TSecrets>>;
export function starfleetSecrets(
  opts: StarfleetSecretsOptions & Partial<EntrySchemaOption<StandardSchemaV1>> = {},
): StarfleetSecretsMiddleware<LambdaContext & { readonly secrets: unknown }> {
  validateWorkerOptions(opts);
  const options = { ...defaults, ...definedOnly(opts) };
  const workerName = workerNameFrom(options.workerName);
  const { optional, cacheExpiry, logger } = options;
  const clientFor = createClientProvider(options.AwsClient, options.awsClientOptions);
  const defineSecrets = createSecretsDefiner();
  const entryCheck = options.schema && createEntryCheck(options.schema, workerName, logger);

  // One request per configuration object (the loader and config validation hand back the same object each
  // time), so a warm invocation builds nothing; null when that configuration has no Secrets Manager.
  const requests = new WeakMap<StarfleetConfig, SecretRequest | null>();
  function requestFor(config: StarfleetConfig): SecretRequest | null {
    let request = requests.get(config);
    if (request === undefined) {
      const location = secretLocationOf(config, workerName);
      request = location
        ? {
            location,
            ...secretFetcher(clientFor, location),
            cacheExpiry,
            logger,
            requiredKey: workerName,
            ...(entryCheck && { rejects: entryCheck.rejects }),
          }
        : null;
      requests.set(config, request);
    }
    return request;
  }

  const configSource = createConfigSource(options.config);
  const { atFactory, perInvocation } = configSource;
  const prefetchRequest = atFactory && canPrefetch(options) ? requestFor(atFactory) : null;
  if (prefetchRequest) {
    const { location } = prefetchRequest;
    prefetchSecretDocument(prefetchRequest)?.catch((error: unknown) => {
      // The first invocation retries and reports; a prefetch failure is never replayed.
      logger.debug?.("middy-starfleet-secrets: prefetch failed; the first invocation will retry", {
        secretId: location.secretId,
        region: location.region,
        workerName,
        error: errorCodeOf(error),
      });
    });
  }

  function setSecrets(
    request: Request,
    document: SecretDocument,
    location: SecretLocation,
  ): PropertyDescriptor {
    const present = Object.hasOwn(document, workerName);
    if (!present && !optional) throw workerMissing(workerName, document, location);
    return defineSecrets(request.context, present ? document[workerName] : undefined);
  }

  // With a schema, the entry handed out is the schema's output, judged once per fetched document.
  function checkedSetter(check: EntryCheck) {
    return function setCheckedSecrets(
      request: Request,
      document: SecretDocument,
      location: SecretLocation,
    ): PropertyDescriptor | Promise<void> {
      if (!Object.hasOwn(document, workerName)) return setSecrets(request, document, location);
      const output = check.entryOf(document, location, request.context);
      if (isPromise(output)) {
        return output.then(({ value }) => {
          defineSecrets(request.context, value);
        });
      }
      return defineSecrets(request.context, output.value);
    };
  }
  const putEntry = entryCheck ? checkedSetter(entryCheck) : setSecrets;

  // The warm path: while the store's lease on the document last served holds (same document, no clear,
  // not expired), the entry is the same, so only the property is defined. Every other case, and the first
  // invocation, goes through the store and its rules.
  let served: Served | undefined;
  function servedAgain(request: Request): boolean {
    const last = served;
    if (last === undefined || !isLeaseCurrent(last.lease)) return false;
    Object.defineProperty(request.context, "secrets", last.descriptor);
    return true;
  }

  function readInto(request: Request, config: StarfleetConfig): void | Promise<void> {
    if (perInvocation && served?.config === config && servedAgain(request)) return;
    const secretRequest = requestFor(config);
    if (!secretRequest) {
      if (!optional) throw new StarfleetSecretsError("NOT_CONFIGURED", { workerName });
      defineSecrets(request.context, undefined);
      return;
    }
    const { location } = secretRequest;
    const document = getSecretDocument(secretRequest, request.context);
    if (isPromise(document)) {
      return document.then((loaded) => {
        const put = putEntry(request, loaded, location);
        // Middy takes anything but undefined from a `before` for an early response.
        return put instanceof Promise ? put : undefined;
      });
    }
    const descriptor = putEntry(request, document, location);
    if (descriptor instanceof Promise) return descriptor;
    const lease = leaseDocument(secretRequest, document);
    served = lease && { config, lease, descriptor };
  }

  function starfleetSecretsBefore(request: Request): void | Promise<void> {
    // A configuration read once is the one `served` was read with: no need to ask for it.
    if (!perInvocation && servedAgain(request)) return;
    const config = configSource.current();
    if (isPromise(config)) return config.then((resolved) => readInto(request, resolved));
    return readInto(request, config);
  }

  return { before: starfleetSecretsBefore };
}
