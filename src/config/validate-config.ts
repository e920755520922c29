/**
 * Validation of the merged Starfleet configuration document: the `STARFLEET` stanza as Starfleet's Python
 * schema defines it, with its defaults applied (Python leaves them out). Every problem is collected, not
 * only the first, so one deploy fixes them all. Worker stanzas and unknown keys pass through untouched:
 * validating them is each worker's business.
 */
import type { StarfleetConfigIssue } from "../errors.js";
import type {
  StarfleetConfig,
  StarfleetLogLevel,
  StarfleetSecretsManagerConfig,
  StarfleetStanza,
} from "../types/config.js";
import { describeValue, YAML_WORDS } from "../util/describe-value.js";
import { appendPath } from "../util/format-path.js";
import { isPlainObject } from "../util/is-plain-object.js";
import { explainAwsRegionName } from "./aws-regions.js";

/**
 * The `LogLevel` values Starfleet accepts (Python's logging level names).
 */
export const STARFLEET_LOG_LEVELS: readonly StarfleetLogLevel[] = Object.freeze([
  "CRITICAL",
  "ERROR",
  "WARNING",
  "INFO",
  "DEBUG",
  "NOTSET",
]);

/**
 * `STARFLEET.AccountIndex` when the configuration does not set it.
 */
export const DEFAULT_ACCOUNT_INDEX = "StarfleetDefaultAccountIndex";

/**
 * What {@link validateStarfleetConfig} found: the validated configuration (not frozen: the loader freezes
 * it), or every issue.
 */
export type StarfleetConfigValidation =
  | { readonly valid: true; readonly config: StarfleetConfig }
  | { readonly valid: false; readonly issues: readonly StarfleetConfigIssue[] };

/** Reports problems at one place in the document. */
interface Reporter {
  report(message: string): void;
  child(segment: string | number): Reporter;
}

function createReporter(issues: StarfleetConfigIssue[], file: string | undefined, path: string): Reporter {
  return {
    report: (message) => issues.push(file === undefined ? { path, message } : { file, path, message }),
    child: (segment) => createReporter(issues, file, appendPath(path, segment)),
  };
}

/**
 * Whether a parsed YAML value is a mapping (js-yaml builds those as plain objects; lists, dates and binary
 * data are other objects).
 */
export function isYamlMapping(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}

/** A parsed YAML value's kind in a YAML author's words, for "got ..." messages. Never the value itself. */
export function describeYaml(value: unknown): string {
  return describeValue(value, YAML_WORDS);
}

// YAML turns unquoted numbers, booleans and dates into non-strings; quoting is the usual fix.
function quotingHint(value: unknown): string {
  const scalar = typeof value === "number" || typeof value === "boolean" || value instanceof Date;
  return scalar ? " Put the value in quotes so YAML reads it as text." : "";
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}

function checkText(value: unknown, at: Reporter, what: string): string | undefined {
  if (typeof value !== "string") {
    at.report(`Must be ${what}, got ${describeYaml(value)}.${quotingHint(value)}`);
    return undefined;
  }
  if (value.trim() === "") {
    at.report(`Must be ${what}, got an empty string.`);
    return undefined;
  }
  return value;
}

function checkRegion(value: unknown, at: Reporter): string | undefined {
  const text = checkText(value, at, "an AWS region name such as us-east-2");
  if (text === undefined) return undefined;
  const problem = explainAwsRegionName(text);
  if (problem === undefined) return text;
  at.report(problem);
  return undefined;
}

const FAN_OUT_EXAMPLE = "https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue";

function checkFanOutQueueUrl(value: unknown, at: Reporter): string | undefined {
  const text = checkText(
    value,
    at,
    `the https URL of Starfleet's fan-out SQS queue, e.g. ${FAN_OUT_EXAMPLE}`,
  );
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    at.report(`${quote(text)} is not a URL. Set it to the queue's https URL, e.g. ${FAN_OUT_EXAMPLE}.`);
    return undefined;
  }
  if (url.protocol !== "https:") {
    at.report(`${quote(text)} uses ${url.protocol} but must be an https URL, e.g. ${FAN_OUT_EXAMPLE}.`);
    return undefined;
  }
  // WHATWG URL invents a host for `https:host` and `https:///host`; demand the host where it belongs.
  if (!/^https:\/\/[^/]/i.test(text)) {
    at.report(`${quote(text)} has no host after https://. Write it as ${FAN_OUT_EXAMPLE}.`);
    return undefined;
  }
  return text;
}

function checkAccountIndex(value: unknown, at: Reporter): string | undefined {
  if (typeof value === "string") return value;
  at.report(
    `Must be a string (the name of the account index worker), got ${describeYaml(value)}. ` +
      `Remove it to use ${DEFAULT_ACCOUNT_INDEX}.`,
  );
  return undefined;
}

function checkScopeToRegions(value: unknown, at: Reporter): readonly string[] | undefined {
  if (!Array.isArray(value)) {
    at.report(
      `Must be a list of AWS region names, e.g. ScopeToRegions: [us-east-1, us-west-2], got ${describeYaml(value)}.`,
    );
    return undefined;
  }
  const regions = value.map((element, index) => checkRegion(element, at.child(index)));
  return regions.every((region): region is string => region !== undefined) ? regions : undefined;
}

function checkSecretsManager(value: unknown, at: Reporter): StarfleetSecretsManagerConfig | undefined {
  if (!isYamlMapping(value)) {
    at.report(
      `Must be a mapping with SecretId (the secret's name) and SecretRegion (its AWS region), ` +
        `got ${describeYaml(value)}.`,
    );
    return undefined;
  }
  const secretId = checkRequired(value, "SecretId", at, (field, fieldAt) =>
    checkText(field, fieldAt, "the name or ARN of the Secrets Manager secret, e.g. Starfleet"),
  );
  const secretRegion = checkRequired(value, "SecretRegion", at, checkRegion);
  if (secretId === undefined || secretRegion === undefined) return undefined;
  // Unknown keys stay, as in the rest of the stanza.
  return { ...value, SecretId: secretId, SecretRegion: secretRegion };
}

const REQUIRED_HINTS = {
  DeploymentRegion: "the AWS region Starfleet is deployed in, e.g. DeploymentRegion: us-east-2",
  TemplateBucket: "the S3 bucket holding the worker templates, e.g. TemplateBucket: starfleet-templates",
  FanOutQueueUrl: `the https URL of the fan-out SQS queue, e.g. FanOutQueueUrl: ${FAN_OUT_EXAMPLE}`,
  SecretId: "the name of the Secrets Manager secret, e.g. SecretId: Starfleet",
  SecretRegion: "the AWS region the secret lives in, e.g. SecretRegion: us-east-2",
} as const;

type RequiredKey = keyof typeof REQUIRED_HINTS;

function checkRequired<T>(
  mapping: Record<string, unknown>,
  key: RequiredKey,
  at: Reporter,
  check: (value: unknown, at: Reporter) => T | undefined,
): T | undefined {
  if (Object.hasOwn(mapping, key)) return check(mapping[key], at.child(key));
  reportMissing(key, at);
  return undefined;
}

function reportMissing(key: RequiredKey, at: Reporter): void {
  at.child(key).report(`Missing required field. Add ${REQUIRED_HINTS[key]}.`);
}

// PyYAML (YAML 1.1) reads yes/no/on/off as booleans; js-yaml (YAML 1.2), like the spec, reads them as text.
const YAML11_BOOLEANS = new Set(["yes", "no", "on", "off", "y", "n", "true", "false"]);

function checkSlackEnabled(value: unknown, at: Reporter): boolean | undefined {
  if (typeof value === "boolean") return value;
  const hint =
    typeof value === "string" && YAML11_BOOLEANS.has(value.toLowerCase())
      ? ` Write true or false without quotes: YAML 1.2 reads ${quote(value)} as text, not a boolean.`
      : " Write true or false.";
  at.report(`Must be a boolean, got ${describeYaml(value)}.${hint}`);
  return undefined;
}

// Python's logging knows these aliases, but Starfleet's schema does not accept them.
const LEVEL_ALIASES: Readonly<Record<string, StarfleetLogLevel>> = { WARN: "WARNING", FATAL: "CRITICAL" };

function isLogLevel(value: unknown): value is StarfleetLogLevel {
  return (STARFLEET_LOG_LEVELS as readonly unknown[]).includes(value);
}

function checkLogLevel(value: unknown, at: Reporter): StarfleetLogLevel | undefined {
  if (isLogLevel(value)) return value;
  const levels = STARFLEET_LOG_LEVELS.join(", ");
  if (typeof value !== "string") {
    at.report(`Must be one of ${levels}, got ${describeYaml(value)}.`);
    return undefined;
  }
  const upper = value.trim().toUpperCase();
  const suggestion = isLogLevel(upper) ? upper : LEVEL_ALIASES[upper];
  at.report(
    suggestion === undefined
      ? `${quote(value)} is not a log level. Use one of ${levels}.`
      : `${quote(value)} is not a log level; did you mean ${suggestion}? Use one of ${levels}.`,
  );
  return undefined;
}

function checkThirdPartyLoggerLevels(
  value: unknown,
  at: Reporter,
): Readonly<Record<string, StarfleetLogLevel>> | undefined {
  if (!isYamlMapping(value)) {
    at.report(
      `Must be a mapping of logger name to log level, e.g. ThirdPartyLoggerLevels: {botocore: WARNING}, ` +
        `got ${describeYaml(value)}.`,
    );
    return undefined;
  }
  const badLevels = Object.entries(value).filter(
    ([logger, level]) => checkLogLevel(level, at.child(logger)) === undefined,
  );
  // Every value was just checked to be a level.
  return badLevels.length === 0 ? (value as Record<string, StarfleetLogLevel>) : undefined;
}

/** The known `STARFLEET` fields, as validated: `undefined` when invalid. */
interface KnownFields {
  DeploymentRegion: string | undefined;
  TemplateBucket: string | undefined;
  FanOutQueueUrl: string | undefined;
  AccountIndex: string | undefined;
  ScopeToRegions: readonly string[] | undefined;
  SecretsManager: StarfleetSecretsManagerConfig | undefined;
  SlackEnabled: boolean | undefined;
  LogLevel: StarfleetLogLevel | undefined;
  ThirdPartyLoggerLevels: Readonly<Record<string, StarfleetLogLevel>> | undefined;
}

type FieldChecks = { readonly [K in keyof KnownFields]: (value: unknown, at: Reporter) => KnownFields[K] };

const FIELD_CHECKS: FieldChecks = {
  DeploymentRegion: checkRegion,
  TemplateBucket: (value, at) =>
    checkText(value, at, "the name of the S3 bucket holding the worker templates"),
  FanOutQueueUrl: checkFanOutQueueUrl,
  AccountIndex: checkAccountIndex,
  ScopeToRegions: checkScopeToRegions,
  SecretsManager: checkSecretsManager,
  SlackEnabled: checkSlackEnabled,
  LogLevel: checkLogLevel,
  ThirdPartyLoggerLevels: checkThirdPartyLoggerLevels,
};

const REQUIRED_FIELDS = ["DeploymentRegion", "TemplateBucket", "FanOutQueueUrl"] as const;

function isKnownField(key: string): key is keyof KnownFields {
  return Object.hasOwn(FIELD_CHECKS, key);
}

function checkField<K extends keyof KnownFields>(
  fields: Partial<KnownFields>,
  key: K,
  value: unknown,
  at: Reporter,
): void {
  fields[key] = FIELD_CHECKS[key](value, at.child(key));
}

function checkStanza(stanza: Record<string, unknown>, at: Reporter): StarfleetStanza | undefined {
  const fields: Partial<KnownFields> = {};
  // Document order, so issues read top to bottom like the file.
  for (const [key, value] of Object.entries(stanza)) {
    if (isKnownField(key)) checkField(fields, key, value, at);
  }
  for (const key of REQUIRED_FIELDS) {
    if (!Object.hasOwn(stanza, key)) reportMissing(key, at);
  }
  // A broken SecretsManager is reported on its own; this rule is about leaving it out.
  if (fields.SlackEnabled === true && !Object.hasOwn(stanza, "SecretsManager")) {
    at.child("SlackEnabled").report(
      "Slack can only be enabled if Secrets Manager is configured: Slack's token is read from the secret. " +
        "Add STARFLEET.SecretsManager with SecretId and SecretRegion, or set SlackEnabled: false.",
    );
  }
  const { DeploymentRegion, TemplateBucket, FanOutQueueUrl } = fields;
  if (DeploymentRegion === undefined || TemplateBucket === undefined || FanOutQueueUrl === undefined) {
    return undefined;
  }
  return {
    ...stanza,
    ...fields,
    DeploymentRegion,
    TemplateBucket,
    FanOutQueueUrl,
    AccountIndex: fields.AccountIndex ?? DEFAULT_ACCOUNT_INDEX,
    ScopeToRegions: fields.ScopeToRegions ?? [],
    SlackEnabled: fields.SlackEnabled ?? false,
    LogLevel: fields.LogLevel ?? "INFO",
  };
}

/**
 * Validates a merged configuration document (every file's top-level keys) and applies the `STARFLEET`
 * defaults. `sources` maps each top-level key to the file that defined it, so issues can name the file.
 * Returns every issue at once; the loader turns them into one {@link StarfleetConfigError}.
 */
export function validateStarfleetConfig(
  document: Readonly<Record<string, unknown>>,
  sources: ReadonlyMap<string, string>,
): StarfleetConfigValidation {
  const issues: StarfleetConfigIssue[] = [];
  const at = createReporter(issues, sources.get("STARFLEET"), "STARFLEET");
  if (!Object.hasOwn(document, "STARFLEET")) {
    at.report(
      "The configuration has no STARFLEET stanza. Add a top-level STARFLEET: mapping with at least " +
        "DeploymentRegion, TemplateBucket and FanOutQueueUrl to one of the YAML files.",
    );
    return { valid: false, issues };
  }
  const stanza = document.STARFLEET;
  if (!isYamlMapping(stanza)) {
    at.report(
      `Must be a mapping of Starfleet settings (DeploymentRegion, TemplateBucket, FanOutQueueUrl, ...), ` +
        `got ${describeYaml(stanza)}.`,
    );
    return { valid: false, issues };
  }
  const validated = checkStanza(stanza, at);
  if (validated === undefined || issues.length > 0) return { valid: false, issues };
  // Spread keeps the other top-level keys, even one named __proto__, as plain data.
  return { valid: true, config: { ...document, STARFLEET: validated } };
}
