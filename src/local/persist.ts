/**
 * The local endpoint's secrets as a JSON file (`starfleet-secrets local --persist FILE`): every secret of
 * every region with its versions and staging labels, so a restarted endpoint carries on where it stopped.
 * Reading checks every field, since the file may have been edited by hand; problems name the field, never
 * a value.
 */
import type { SecretRecord, VersionRecord } from "./secret-model.js";
import { parseSecretArn } from "./secret-model.js";

/** Marks a file as ours, and which layout it has. */
export const STATE_FORMAT = "starfleet-secrets-local/1";

interface SavedVersion {
  id: string;
  secretString?: string;
  /** Base64. */
  secretBinary?: string;
  createdMs: number;
  stages: string[];
}

interface SavedSecret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  createdMs: number;
  lastChangedMs: number;
  lastAccessedMs?: number;
  versions: SavedVersion[];
}

/** The file's text for `records`. */
export function stateText(records: readonly SecretRecord[]): string {
  const secrets = records.map(
    (secret): SavedSecret => ({
      arn: secret.arn,
      name: secret.name,
      description: secret.description,
      kmsKeyId: secret.kmsKeyId,
      createdMs: secret.createdMs,
      lastChangedMs: secret.lastChangedMs,
      lastAccessedMs: secret.lastAccessedMs,
      versions: [...secret.versions.values()].map((version) => ({
        id: version.id,
        secretString: version.secretString,
        secretBinary:
          version.secretBinary === undefined
            ? undefined
            : Buffer.from(version.secretBinary).toString("base64"),
        createdMs: version.createdMs,
        stages: version.stages,
      })),
    }),
  );
  return `${JSON.stringify({ format: STATE_FORMAT, secrets }, null, 2)}\n`;
}

/** Why a file's text is not a state this module wrote: the first problem, at its path. */
class StateProblem extends Error {}

type Fields = Record<string, unknown>;

function fieldsAt(value: unknown, at: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new StateProblem(`${at} is not an object`);
  }
  return value as Fields;
}

function listAt(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new StateProblem(`${at} is not a list`);
  return value;
}

function textAt(fields: Fields, key: string, at: string): string {
  const value = fields[key];
  if (typeof value !== "string" || value === "")
    throw new StateProblem(`${at}.${key} is not a non-empty string`);
  return value;
}

function optionalTextAt(fields: Fields, key: string, at: string): string | undefined {
  return fields[key] === undefined ? undefined : textAt(fields, key, at);
}

function timeAt(fields: Fields, key: string, at: string): number {
  const value = fields[key];
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new StateProblem(`${at}.${key} is not a number`);
  return value;
}

function versionOf(value: unknown, at: string): VersionRecord {
  const fields = fieldsAt(value, at);
  const secretString = fields.secretString;
  if (secretString !== undefined && typeof secretString !== "string") {
    throw new StateProblem(`${at}.secretString is not a string`);
  }
  const binary = optionalTextAt(fields, "secretBinary", at);
  if (binary !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(binary)) {
    throw new StateProblem(`${at}.secretBinary is not base64`);
  }
  const stages = listAt(fields.stages, `${at}.stages`);
  if (!stages.every((stage) => typeof stage === "string" && stage !== "")) {
    throw new StateProblem(`${at}.stages is not a list of labels`);
  }
  return {
    id: textAt(fields, "id", at),
    secretString,
    secretBinary: binary === undefined ? undefined : new Uint8Array(Buffer.from(binary, "base64")),
    createdMs: timeAt(fields, "createdMs", at),
    stages: stages as string[],
  };
}

/** Version ids are unique, and a label is on one version at most, as Secrets Manager keeps them. */
function checkVersions(versions: readonly VersionRecord[], at: string): void {
  const ids = new Set(versions.map((version) => version.id));
  if (ids.size < versions.length) throw new StateProblem(`${at}.versions has two versions with one id`);
  const seen = new Set<string>();
  for (const stage of versions.flatMap((version) => version.stages)) {
    if (seen.has(stage))
      throw new StateProblem(`${at}: the label ${JSON.stringify(stage)} is on two versions`);
    seen.add(stage);
  }
}

function secretOf(value: unknown, at: string): SecretRecord {
  const fields = fieldsAt(value, at);
  const arn = textAt(fields, "arn", at);
  const name = textAt(fields, "name", at);
  if (parseSecretArn(arn)?.name !== name) {
    throw new StateProblem(`${at}.arn is not the ARN of a secret named by ${at}.name`);
  }
  const versions = listAt(fields.versions, `${at}.versions`).map((version, index) =>
    versionOf(version, `${at}.versions[${index}]`),
  );
  checkVersions(versions, at);
  const lastAccessedMs =
    fields.lastAccessedMs === undefined ? undefined : timeAt(fields, "lastAccessedMs", at);
  return {
    name,
    arn,
    description: optionalTextAt(fields, "description", at),
    kmsKeyId: optionalTextAt(fields, "kmsKeyId", at),
    createdMs: timeAt(fields, "createdMs", at),
    lastChangedMs: timeAt(fields, "lastChangedMs", at),
    lastAccessedMs,
    versions: new Map(versions.map((version) => [version.id, version])),
  };
}

/** A state file's secrets, or what is wrong with it (never quoting the file). */
export type ParsedState = { readonly records: SecretRecord[] } | { readonly problem: string };

/** Reads a state file's text. */
export function parseStateText(text: string): ParsedState {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // V8's message quotes the text, which holds secrets.
    return { problem: "it is not JSON" };
  }
  try {
    const fields = fieldsAt(document, "the file");
    if (fields.format !== STATE_FORMAT) {
      return {
        problem: `its "format" is not "${STATE_FORMAT}": it was not written by starfleet-secrets local`,
      };
    }
    const records = listAt(fields.secrets, "secrets").map((secret, index) =>
      secretOf(secret, `secrets[${index}]`),
    );
    const names = new Set<string>();
    for (const { arn, name } of records) {
      const inRegion = `${parseSecretArn(arn)?.region}/${name}`;
      if (names.has(inRegion))
        return { problem: `it holds two secrets named ${JSON.stringify(name)} in one region` };
      names.add(inRegion);
    }
    return { records };
  } catch (error) {
    if (error instanceof StateProblem) return { problem: error.message };
    throw error;
  }
}
