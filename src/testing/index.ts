/**
 * `middy-starfleet-secrets/testing`: a Starfleet secret for worker authors' unit tests, served from memory
 * by a client the middleware uses as it would the AWS SDK's. No network, no `aws-sdk-client-mock`, no
 * configuration folder, no cache clearing.
 */

import { MAX_SECRET_BYTES } from "../cli/secret-shape.js";
import { resolveConfig } from "../config/resolve-config.js";
import { createSecretModel, parseSecretArn } from "../local/secret-model.js";
import type { StarfleetConfig, StarfleetStanza } from "../types/config.js";
import type { SecretsManagerClientClass } from "../types/options.js";
import { didYouMean } from "../util/closest-name.js";
import { describeValue, JSON_WORDS } from "../util/describe-value.js";
import { isPlainObject } from "../util/is-plain-object.js";
import {
  awsErrorNamed,
  isTestAwsErrorName,
  TEST_AWS_ERROR_NAMES,
  type TestAwsErrorName,
} from "./aws-errors.js";
import { fakeClientClass } from "./fake-client.js";

export type { TestAwsErrorName } from "./aws-errors.js";

/**
 * The secret's value: `STARFLEET` and one entry per worker, as JSON would hold it.
 *
 * @example
 * ```ts
 * const document: TestSecretDocument = { STARFLEET: {}, GitHubSyncWorker: { "my-org": "-----BEGIN RSA..." } };
 * ```
 */
export type TestSecretDocument = Readonly<Record<string, unknown>>;

/**
 * What the middleware needs to read the test secret: spread it into `starfleetSecrets()` or
 * `getSlackToken()` options.
 *
 * @example
 * ```ts
 * const { options }: { options: TestSecretsAccessOptions } = createTestSecrets({ STARFLEET: {} });
 * starfleetSecrets({ workerName: "GitHubSyncWorker", ...options });
 * ```
 */
export interface TestSecretsAccessOptions {
  /** A valid Starfleet configuration whose `STARFLEET.SecretsManager` names the test secret. */
  readonly config: StarfleetConfig;
  /** A client class that serves the test secret from memory. */
  readonly AwsClient: SecretsManagerClientClass;
}

/**
 * Options of {@link createTestSecrets}.
 *
 * @example
 * ```ts
 * createTestSecrets(document, { config: { STARFLEET: { SlackEnabled: true } } });
 * ```
 */
export interface TestSecretsOptions {
  /**
   * The secret's name, or full ARN. Default: a name no other `createTestSecrets()` of this test file uses,
   * so each test gets a secret of its own: the middleware's cache (one per process) never serves one
   * test's value to another.
   */
  readonly secretId?: string;
  /** The secret's region. Default: a full ARN's, else `us-east-2`. */
  readonly region?: string;
  /**
   * A configuration to start from: a loaded one, or just the stanzas and `STARFLEET` settings a test cares
   * about (`{ STARFLEET: { SlackEnabled: true } }`), merged over a minimal valid configuration. Its
   * `STARFLEET.SecretsManager` is replaced by the test secret's.
   */
  readonly config?: { readonly STARFLEET?: Partial<StarfleetStanza>; readonly [stanza: string]: unknown };
}

/**
 * A test secret, and what a test does with it.
 *
 * @example
 * ```ts
 * const fake: TestSecrets = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { "my-org": "key" } });
 * ```
 */
export interface TestSecrets {
  /** `{ config, AwsClient }`: spread into `starfleetSecrets()` (or `getSlackToken()`) options. */
  readonly options: TestSecretsAccessOptions;
  /** How many `GetSecretValue` calls the secret has had, failed ones included. */
  readonly calls: number;
  /**
   * Serves `document` from the next fetch on, as `starfleet-secrets set` would (a new AWSCURRENT version).
   * The middleware fetches again only when its cache says so (`cacheExpiry`, or an entry it misses).
   */
  update(document: TestSecretDocument): void;
  /**
   * Makes the next `GetSecretValue` call fail with this AWS error, thrown as the AWS SDK throws it once its
   * own retries are spent; calls queue up. A throttle or a 5xx is retryable, a denial is not, exactly as
   * with AWS.
   */
  failNext(awsErrorName: TestAwsErrorName): void;
}

const PACKAGE = "middy-starfleet-secrets/testing";
const DEFAULT_REGION = "us-east-2";
const OPTION_NAMES = ["secretId", "region", "config"];

// Per module instance, as the middleware's cache is: both are one per test file under jest and vitest.
let created = 0;

function fail(message: string): never {
  throw new TypeError(`${PACKAGE}: ${message}`);
}

/** What a test passed, for a message, without showing it. */
function kindOf(value: unknown): string {
  if (value === "") return "an empty string";
  return describeValue(value, { ...JSON_WORDS, nothing: "nothing" });
}

function checkOptions(options: unknown): TestSecretsOptions {
  if (!isPlainObject(options)) fail(`options must be an object; got ${kindOf(options)}`);
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      const hint = didYouMean(name, OPTION_NAMES);
      fail(
        `unknown option ${JSON.stringify(name)}${hint ? ` (${hint})` : ""}; the options are ${OPTION_NAMES.join(", ")}`,
      );
    }
  }
  for (const name of ["secretId", "region"] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      fail(`option '${name}' must be a non-empty string; got ${kindOf(value)}`);
    }
  }
  if (options.config !== undefined && !isPlainObject(options.config)) {
    fail(`option 'config' must be a configuration object; got ${kindOf(options.config)}`);
  }
  return options;
}

/** The document's JSON text, as `starfleet-secrets set` would store it; never quoting it in an error. */
function secretText(document: unknown, what: string): string {
  if (!isPlainObject(document))
    fail(`${what} must be an object (the secret's JSON); got ${kindOf(document)}`);
  let text: string;
  try {
    text = JSON.stringify(document);
  } catch (error) {
    fail(`${what} cannot be written as JSON (${(error as Error).name}): it holds a BigInt or a cycle`);
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SECRET_BYTES) {
    fail(`${what} is ${bytes} bytes as JSON; a Secrets Manager secret holds at most ${MAX_SECRET_BYTES}`);
  }
  return text;
}

function regionOf(options: TestSecretsOptions, secretId: string): string {
  const arnRegion = parseSecretArn(secretId)?.region;
  if (arnRegion !== undefined && options.region !== undefined && options.region !== arnRegion) {
    fail(`option 'region' is ${options.region} but the secret's ARN is in ${arnRegion}: leave 'region' out`);
  }
  return options.region ?? arnRegion ?? DEFAULT_REGION;
}

/** The configuration: `base` over a minimal valid one, pointed at the secret, validated as the loader would. */
function configFor(base: TestSecretsOptions["config"], secretId: string, region: string): StarfleetConfig {
  const { STARFLEET: stanza, ...stanzas } = base ?? {};
  const document = {
    ...stanzas,
    STARFLEET: {
      DeploymentRegion: region,
      TemplateBucket: "starfleet-test-templates",
      FanOutQueueUrl: `https://sqs.${region}.amazonaws.com/123456789012/starfleet-test-fan-out`,
      ...stanza,
      SecretsManager: { SecretId: secretId, SecretRegion: region },
    },
  };
  // Validated by the loader's rules, defaults applied: what the middleware will see.
  return resolveConfig(document as unknown as StarfleetConfig) as StarfleetConfig;
}

/**
 * Creates a Starfleet secret holding `document` for a unit test, and the options that make
 * `starfleetSecrets()` (or `getSlackToken()`) read it. The middleware runs as in production (cache,
 * shared fetch, error handling); only the AWS SDK client is replaced, by one that answers from memory.
 *
 * @throws {TypeError} a `document` that is not an object, or not JSON; an unknown or invalid option.
 * @throws {StarfleetConfigError} a `config` option that makes an invalid configuration.
 *
 * @example
 * ```ts
 * import { describe, expect, it } from "@jest/globals";
 * import { createTestSecrets } from "middy-starfleet-secrets/testing";
 * import { createGitHubSyncHandler } from "../src/github-sync-worker.js";
 *
 * it("signs in to each organization with its own key", async () => {
 *   const fake = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { "my-org": "KEY" } });
 *   const handler = createGitHubSyncHandler(fake.options);
 *
 *   await expect(handler({}, context)).resolves.toEqual({ synced: ["my-org"] });
 *   expect(fake.calls).toBe(1);
 * });
 *
 * it("fails clearly when Secrets Manager is throttling", async () => {
 *   const fake = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: {} });
 *   fake.failNext("ThrottlingException");
 *   const handler = createGitHubSyncHandler(fake.options);
 *
 *   await expect(handler({}, context)).rejects.toMatchObject({ code: "FETCH_FAILED", retryable: true });
 * });
 * ```
 */
export function createTestSecrets(
  document: TestSecretDocument,
  options: TestSecretsOptions = {},
): TestSecrets {
  const given = checkOptions(options);
  created += 1;
  const secretId = given.secretId ?? `starfleet-test-secret-${created}`;
  const region = regionOf(given, secretId);
  const model = createSecretModel("123456789012", region);
  model.setSecret(secretId, secretText(document, "the document"));
  const config = configFor(given.config, secretId, region);
  const failures: Error[] = [];
  let calls = 0;
  const AwsClient = fakeClientClass({
    model,
    region,
    nextCall() {
      calls += 1;
      return failures.shift();
    },
  });
  return {
    options: Object.freeze({ config, AwsClient }),
    get calls() {
      return calls;
    },
    update(next) {
      model.setSecret(secretId, secretText(next, "update(document): the document"));
    },
    failNext(awsErrorName) {
      if (typeof awsErrorName !== "string")
        fail(`failNext() takes an AWS error's name; got ${kindOf(awsErrorName)}`);
      if (!isTestAwsErrorName(awsErrorName)) {
        const hint = didYouMean(awsErrorName, TEST_AWS_ERROR_NAMES);
        fail(
          `failNext(${JSON.stringify(awsErrorName)}): not an AWS error GetSecretValue fails with` +
            `${hint ? ` (${hint})` : ""}; one of ${TEST_AWS_ERROR_NAMES.join(", ")}`,
        );
      }
      failures.push(awsErrorNamed(awsErrorName));
    },
  };
}
