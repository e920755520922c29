/**
 * Reads versions of the secret: the current one, whose text and version id edits start from, and any other
 * (`rollback`'s target), usable or not: a broken value is what `rollback` and `put` repair.
 */
import { StarfleetSecretsError, type StarfleetSecretsErrorCode } from "../errors.js";
import { parseSecretText, secretTextOf } from "../store/secret-document.js";
import type { AwsSession } from "./aws.js";
import { CliError, type CliErrorCode } from "./cli-error.js";
import { type JsonObject, jsonDepth, MAX_JSON_DEPTH, parseJson } from "./secret-json.js";

/** The staging label of the version workers read. */
export const CURRENT = "AWSCURRENT";

/** The `AWSCURRENT` version of the secret, parsed. */
export interface CurrentVersion {
  readonly versionId: string;
  readonly text: string;
  readonly document: JsonObject;
}

/** What a version holds: the parsed secret, or why it is not one (a message that quotes none of it). */
export type VersionContent =
  | { readonly ok: true; readonly text: string; readonly document: JsonObject }
  | { readonly ok: false; readonly error: StarfleetSecretsError | CliError };

/** Why a version is not a usable secret, as `check --json` and `history --json` report it. */
export interface VersionProblem {
  readonly code: StarfleetSecretsErrorCode | CliErrorCode;
  /** Value-free; without the code in front (the library's messages start with it). */
  readonly message: string;
}

/** A parse failure's code and message, for a report that prints the code itself. */
export function problemOf(error: StarfleetSecretsError | CliError): VersionProblem {
  const prefix = `[${error.code}] `;
  const fromLibrary = error instanceof StarfleetSecretsError && error.message.startsWith(prefix);
  return { code: error.code, message: fromLibrary ? error.message.slice(prefix.length) : error.message };
}

// A value workers cannot parse at all: `set` and `unset` refuse to start from it.
const BROKEN: ReadonlySet<string> = new Set(["NOT_JSON", "NOT_AN_OBJECT", "BINARY_SECRET"]);

/** The two ways to repair a secret whose value cannot be parsed, to append to the failure's message. */
export function repairHint(code: string): string {
  return BROKEN.has(code)
    ? " Repair it: `starfleet-secrets rollback` makes the previous version current again (`starfleet-secrets " +
        "history` lists the versions), or `starfleet-secrets put --from-file FILE` replaces the whole value."
    : "";
}

/** A version of the secret as read, usable or not. */
export interface StoredVersion {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly content: VersionContent;
}

/** Which version to read: the one with a staging label, or the one with an id. */
export type VersionSelector = { readonly stage: string } | { readonly versionId: string };

/**
 * Parses a version's value by the middleware's own rules, so the CLI rejects exactly what workers would. A
 * byte order mark is dropped, so a write stores the JSON alone.
 */
function contentOf(
  output: { SecretString?: string; SecretBinary?: Uint8Array },
  session: AwsSession,
): VersionContent {
  const location = { secretId: session.target.secretId, region: session.target.region };
  try {
    const text = secretTextOf(output, location);
    const depth = jsonDepth(text);
    if (depth > MAX_JSON_DEPTH) {
      throw new CliError(
        `The secret "${location.secretId}" is nested ${depth} levels deep; starfleet-secrets works on secrets ` +
          `nested at most ${MAX_JSON_DEPTH} levels (workers can still read it). Flatten it with the AWS console ` +
          "or `aws secretsmanager put-secret-value`.",
        { code: "TOO_DEEP" },
      );
    }
    return { ok: true, text, document: parseSecretText(text, location, parseJson) as JsonObject };
  } catch (error) {
    return { ok: false, error: error as StarfleetSecretsError | CliError };
  }
}

/**
 * Fetches one version and parses it; a value that is not a usable secret is reported in `content`, not thrown.
 *
 * @throws {CliError} when the call fails (`NOT_FOUND` for no such secret or version, `ACCESS_DENIED`, ...),
 * or `NO_VERSION_ID` when the answer names no version.
 */
export async function readVersion(session: AwsSession, selector: VersionSelector): Promise<StoredVersion> {
  const { sdk, client, target } = session;
  const output = await session.call("GetSecretValue", (abortSignal) =>
    client.send(
      new sdk.GetSecretValueCommand({
        SecretId: target.secretId,
        ...("stage" in selector ? { VersionStage: selector.stage } : { VersionId: selector.versionId }),
      }),
      { abortSignal },
    ),
  );
  if (output.VersionId === undefined) {
    throw new CliError(
      `GetSecretValue returned no VersionId for secret "${target.secretId}"; cannot edit safely.`,
      { code: "NO_VERSION_ID" },
    );
  }
  return {
    versionId: output.VersionId,
    stages: output.VersionStages ?? [],
    content: contentOf(output, session),
  };
}

/**
 * Fetches and parses the `AWSCURRENT` version.
 *
 * @throws {StarfleetSecretsError} `NOT_JSON`, `NOT_AN_OBJECT` or `BINARY_SECRET`, with the middleware's
 * messages (which never quote the value).
 * @throws {CliError} when the call fails (`NOT_FOUND`, `ACCESS_DENIED`, ...), or `TOO_DEEP` for a secret
 * nested deeper than {@link MAX_JSON_DEPTH}.
 */
export async function readCurrentVersion(session: AwsSession): Promise<CurrentVersion> {
  const { versionId, content } = await readVersion(session, { stage: CURRENT });
  if (!content.ok) throw content.error;
  return { versionId, text: content.text, document: content.document };
}
