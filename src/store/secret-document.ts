import { StarfleetSecretsError } from "../errors.js";
import type { SecretLocation } from "../secret-location.js";
import { deepFreeze } from "../util/deep-freeze.js";
import { describeValue } from "../util/describe-value.js";
import { syntaxErrorPosition } from "./json-syntax-error.js";

/** The parsed, deep-frozen shared secret: `STARFLEET` plus one entry per worker. */
export type SecretDocument = Readonly<Record<string, unknown>>;

/** The parts of a `GetSecretValue` response that hold the value. */
export interface SecretValueOutput {
  readonly SecretString?: string | undefined;
  readonly SecretBinary?: Uint8Array | undefined;
}

/**
 * The secret's JSON text from a `GetSecretValue` answer, without a leading byte order mark (an editor may
 * save one at the start of a file that is then stored as the secret; JSON.parse refuses it).
 */
export function secretTextOf(output: SecretValueOutput | undefined, location: SecretLocation): string {
  // A client that is not the SDK's may answer nothing at all (aws-sdk-client-mock, for a command it was not
  // told about).
  const text: unknown = output?.SecretString;
  if (text === undefined) {
    if (output?.SecretBinary !== undefined) throw new StarfleetSecretsError("BINARY_SECRET", location);
    throw new StarfleetSecretsError("NOT_JSON", { ...location, reason: "the response has no SecretString" });
  }
  // Only a client that is not the SDK's (a custom AwsClient, a broken proxy's answer) gets here.
  if (typeof text !== "string") {
    throw new StarfleetSecretsError("NOT_JSON", {
      ...location,
      reason: "the response's SecretString is not text",
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses the secret's text into its JSON object with `parse` (the CLI's keeps numbers' exact text).
 * Failures never carry the parser's error: V8 quotes the input in `JSON.parse` messages, and the input is
 * the secret. They say where the first syntax error is instead, found without quoting anything.
 */
export function parseSecretText(
  text: string,
  location: SecretLocation,
  parse: (text: string) => unknown = JSON.parse,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    const position = syntaxErrorPosition(text);
    const reason =
      text.trim() === "" ? "the value is empty" : position && `the first syntax error is at ${position}`;
    throw new StarfleetSecretsError("NOT_JSON", reason ? { ...location, reason } : location);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new StarfleetSecretsError("NOT_AN_OBJECT", {
      ...location,
      reason: `found ${describeValue(parsed)}`,
    });
  }
  return parsed as Record<string, unknown>;
}

/** The secret's document as workers get it: parsed and deep-frozen. */
export function parseSecretDocument(
  output: SecretValueOutput | undefined,
  location: SecretLocation,
): SecretDocument {
  return deepFreeze(parseSecretText(secretTextOf(output, location), location));
}
