/**
 * Options are checked at the factory, so a typo fails the deploy's first cold start with a clear message
 * rather than behaving differently than intended. Every failure is a TypeError whose `cause.package` names
 * this package, as @middy/util's `validateOptions` (which checks types and unknown names) makes them.
 */
import { type OptionSchemaRule, validateOptions } from "@middy/util";
import type { SecretsAccessOptions } from "./types/options.js";
import { describeValue } from "./util/describe-value.js";

const PACKAGE = "middy-starfleet-secrets";

function fail(message: string): never {
  throw new TypeError(`${PACKAGE}: ${message}`, { cause: { package: PACKAGE } });
}

function checkCacheExpiry(value: unknown): void {
  if (value === undefined) return;
  // Number.isFinite is false for anything but a finite number, so Number(value) is the value itself.
  if (value === -1 || (Number.isFinite(value) && Number(value) >= 0)) return;
  fail(
    `option 'cacheExpiry' must be -1 (keep for the container's life), 0 (fetch on every invocation) or a ` +
      `positive number of milliseconds (a time-to-live); got ${typeof value === "number" ? value : describeValue(value)}`,
  );
}

function checkLogger(value: unknown): void {
  if (value === undefined) return;
  const logger = value as Record<string, unknown> | null;
  if (typeof logger?.warn !== "function") {
    fail("option 'logger' must be an object with a warn() method, such as console or a Powertools Logger");
  }
  for (const level of ["debug", "info"]) {
    if (logger[level] !== undefined && typeof logger[level] !== "function") {
      fail(`option 'logger.${level}' must be a function when given`);
    }
  }
}

function checkConfig(value: unknown): void {
  if (value === undefined || typeof value === "function") return;
  const stanza = (value as { STARFLEET?: unknown } | null)?.STARFLEET;
  if (typeof stanza !== "object" || stanza === null) {
    fail(
      "option 'config' must be a loaded Starfleet configuration (from loadStarfleetConfig()), or a function " +
        `returning one; got ${describeValue(value)}${typeof value === "object" && value !== null ? " without a STARFLEET stanza" : ""}`,
    );
  }
}

// Semantic checks above give the precise messages; this schema adds type checks and rejects unknown names.
const accessSchema: Record<string, OptionSchemaRule> = {
  config: { oneOf: [{ type: "object" }, { instanceof: "Function" }] },
  AwsClient: { instanceof: "Function" },
  awsClientOptions: { type: "object" },
  cacheExpiry: { type: "number" },
  logger: { type: "object" },
};

function checkEntrySchema(value: unknown): void {
  if (value === undefined) return;
  const standard = (value as { "~standard"?: unknown } | null)?.["~standard"];
  const { version, validate } = (standard ?? {}) as { version?: unknown; validate?: unknown };
  if (version === 1 && typeof validate === "function") return;
  const got =
    standard === undefined
      ? `got ${describeValue(value)} without a "~standard" property`
      : `got one whose "~standard" has ${version === 1 ? "no validate function" : `version ${typeof version === "number" ? version : describeValue(version)}`}`;
  fail(
    "option 'schema' must be a Standard Schema v1 validator, such as a zod 4, valibot 1 or arktype 2 schema; " +
      got,
  );
}

const workerSchema: Record<string, OptionSchemaRule> = {
  workerName: { type: "string", minLength: 1 },
  optional: { type: "boolean" },
  disablePrefetch: { type: "boolean" },
  // checkEntrySchema has checked it (an arktype type is a callable object that no type rule here fits):
  // listed so that the name is known.
  schema: { allOf: [] },
};

/** Checks the options of `starfleetSecrets()`: the shared ones and the worker's own. */
export function validateWorkerOptions(options: unknown): void {
  // Options that are not an object are refused below; the schema check first, for its precise message.
  checkEntrySchema((options as { schema?: unknown } | null | undefined)?.schema);
  validateAccessOptions(options, workerSchema);
}

/** Checks the options `starfleetSecrets()` and `getSlackToken()` share, plus `extraSchema`'s. */
export function validateAccessOptions(
  options: unknown,
  extraSchema: Record<string, OptionSchemaRule> = {},
): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail(`options must be an object; got ${describeValue(options)}`);
  }
  const given = options as SecretsAccessOptions;
  checkConfig(given.config);
  checkCacheExpiry(given.cacheExpiry);
  checkLogger(given.logger);
  validateOptions(
    PACKAGE,
    { type: "object", properties: { ...accessSchema, ...extraSchema }, additionalProperties: false },
    given as Record<string, unknown>,
  );
}

/** The worker's entry name: the option, else `STARFLEET_WORKER_NAME`; never missing or blank. */
export function workerNameFrom(option: string | undefined): string {
  const name = option ?? process.env.STARFLEET_WORKER_NAME;
  if (!name) {
    fail(
      "no worker name. Pass starfleetSecrets({ workerName: 'GitHubSyncWorker' }) or set the " +
        "STARFLEET_WORKER_NAME environment variable to the worker's key in the secret.",
    );
  }
  if (name.trim() === "") {
    const source =
      option === undefined ? "the STARFLEET_WORKER_NAME environment variable" : "option 'workerName'";
    fail(`${source} is blank; set it to the worker's key in the secret, such as 'GitHubSyncWorker'.`);
  }
  return name;
}
