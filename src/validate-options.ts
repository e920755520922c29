import { type OptionSchemaRule, validateOptions } from "@middy/util";
import type { SecretsAccessOptions, StarfleetLogger } from "./types/options.js";
import { describeValue } from "./util/describe-value.js";

/**
 * The default logger: warnings (a refresh failed, a stale value is served) go to the console; debug lines
 * only go to a logger the user passes, so a cold start does not print a line of ours to CloudWatch.
 */
export const warningsToConsole: StarfleetLogger = {
  warn: (message, ...details) => console.warn(message, ...details),
};

const PACKAGE = "middy-starfleet-secrets";

function fail(message: string): never {
  throw new TypeError(`${PACKAGE}: ${message}`);
}

function checkCacheExpiry(value: unknown): void {
  if (value === undefined) return;
  if (typeof value === "number" && (value === -1 || (value >= 0 && Number.isFinite(value)))) return;
  fail(
    `option 'cacheExpiry' must be -1 (keep for the container's life), 0 (fetch on every invocation) or a ` +
      `positive number of milliseconds (a time-to-live); got ${typeof value === "number" ? value : describeValue(value)}`,
  );
}

function checkLogger(value: unknown): void {
  if (value === undefined) return;
  const logger = value as Record<string, unknown> | null;
  if (typeof logger !== "object" || logger === null || typeof logger.warn !== "function") {
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
  if (typeof value !== "object" || value === null || typeof stanza !== "object" || stanza === null) {
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

/**
 * Checks options at the factory, so a typo fails the deploy's first cold start with a clear message rather
 * than behaving differently than intended. Unknown option names are rejected too.
 */
export function validateAccessOptions(
  options: unknown,
  extraSchema: Record<string, OptionSchemaRule> = {},
): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail(`options must be an object; got ${describeValue(options)}`);
  }
  const given = options as SecretsAccessOptions;
  checkConfig(given.config);
  checkCacheExpiry(given.cacheExpiry);
  checkLogger(given.logger);
  try {
    validateOptions(
      PACKAGE,
      { type: "object", properties: { ...accessSchema, ...extraSchema }, additionalProperties: false },
      given as Record<string, unknown>,
    );
  } catch (error) {
    fail((error as Error).message.replace(/^Option/, "option"));
  }
}
