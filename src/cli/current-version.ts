/**
 * Reads the secret's current version: its text, its parsed document and the version id that the
 * optimistic write moves `AWSCURRENT` away from.
 */
import { parseSecretText, secretTextOf } from "../store/secret-document.js";
import type { AwsSession } from "./aws.js";
import { CliError } from "./cli-error.js";
import { type JsonObject, jsonDepth, MAX_JSON_DEPTH, parseJson } from "./secret-json.js";

/** The `AWSCURRENT` version of the secret. */
export interface CurrentVersion {
  readonly versionId: string;
  readonly text: string;
  readonly document: JsonObject;
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
  const { sdk, client, target } = session;
  const output = await session.call("GetSecretValue", () =>
    client.send(new sdk.GetSecretValueCommand({ SecretId: target.secretId, VersionStage: "AWSCURRENT" })),
  );
  const location = { secretId: target.secretId, region: target.region };
  // The middleware's own rules, so the CLI rejects exactly what workers would. A byte order mark is
  // dropped, so a write stores the JSON alone.
  const text = secretTextOf(output, location);
  if (output.VersionId === undefined) {
    throw new CliError(
      `GetSecretValue returned no VersionId for secret "${target.secretId}"; cannot edit safely.`,
      {
        code: "NO_VERSION_ID",
      },
    );
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new CliError(
      `The secret "${target.secretId}" is nested ${depth} levels deep; starfleet-secrets works on secrets ` +
        `nested at most ${MAX_JSON_DEPTH} levels (workers can still read it). Flatten it with the AWS console ` +
        "or `aws secretsmanager put-secret-value`.",
      { code: "TOO_DEEP" },
    );
  }
  return {
    versionId: output.VersionId,
    text,
    document: parseSecretText(text, location, parseJson) as JsonObject,
  };
}
