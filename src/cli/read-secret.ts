/**
 * Reads the secret's current version: its text, its parsed document and the version id that the
 * optimistic write moves `AWSCURRENT` away from.
 */
import { parseSecretDocument } from "../secret-document.js";
import type { AwsSession } from "./aws.js";
import { CliError } from "./cli-error.js";
import { type JsonObject, parseJson } from "./secret-json.js";

/** The `AWSCURRENT` version of the secret. */
export interface CurrentSecret {
  readonly versionId: string;
  readonly text: string;
  readonly document: JsonObject;
}

/**
 * Fetches and parses the `AWSCURRENT` version.
 *
 * @throws {StarfleetSecretsError} `NOT_JSON`, `NOT_AN_OBJECT` or `BINARY_SECRET`, with the middleware's
 * messages (which never quote the value).
 * @throws {CliError} when the call fails (`NOT_FOUND`, `ACCESS_DENIED`, ...).
 */
export async function readCurrentSecret(session: AwsSession): Promise<CurrentSecret> {
  const { sdk, client, target } = session;
  const output = await session.call("GetSecretValue", () =>
    client.send(new sdk.GetSecretValueCommand({ SecretId: target.secretId, VersionStage: "AWSCURRENT" })),
  );
  // Validated by the middleware's own parser first, so the CLI rejects exactly what workers would.
  parseSecretDocument(output, { secretId: target.secretId, region: target.region });
  const text = output.SecretString as string;
  if (output.VersionId === undefined) {
    throw new CliError(
      `GetSecretValue returned no VersionId for secret "${target.secretId}"; cannot edit safely.`,
      {
        code: "NO_VERSION_ID",
      },
    );
  }
  return { versionId: output.VersionId, text, document: parseJson(text) as JsonObject };
}
