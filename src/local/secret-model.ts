/**
 * Secrets as Secrets Manager keeps them: versions, staging labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING and
 * any other), ARNs with AWS's six-character suffix, and the operations the middleware and the CLI use.
 */
import { randomInt, randomUUID } from "node:crypto";
import {
  optionalString,
  optionalStringList,
  readSecretValue,
  requiredString,
  type SecretValue,
  ServiceError,
} from "./wire.js";

/** A secret as a test or an operator seeds it. */
export interface SecretSeed {
  string?: string;
  binary?: Uint8Array;
  kmsKeyId?: string;
}

/** An operation: the request body and the region it was signed for, to the response body. */
export type Handler = (body: Record<string, unknown>, region: string | undefined) => Record<string, unknown>;

/** The secrets one endpoint holds, in every region, and what can be done to them. */
export interface SecretModel {
  readonly handlers: Readonly<Record<string, Handler>>;
  /** The secret in `region`; without one, the first secret of that name or ARN in any region. */
  findSecret(secretId: string, region?: string): SecretRecord | undefined;
  /**
   * Creates the secret, or puts a new AWSCURRENT version, as an operator would: in the endpoint's region,
   * or for a secret ARN, in the ARN's region with that very ARN.
   */
  setSecret(secretId: string, seed: SecretSeed | string): void;
  deleteSecret(secretId: string): void;
  /** SecretString of the AWSCURRENT version, if any; `region` defaults as for {@link setSecret}. */
  getSecretString(secretId: string, region?: string): string | undefined;
  /** Every secret, for saving. */
  records(): SecretRecord[];
  /** Puts back a secret {@link records} gave (from a saved file), in its ARN's region. */
  restore(record: SecretRecord): void;
}

/** The secrets of one region. */
interface RegionSecrets {
  readonly handlers: Readonly<Record<string, Handler>>;
  findSecret(secretId: string): SecretRecord | undefined;
  setSecret(secretId: string, seed: SecretSeed | string): void;
  deleteSecret(secretId: string): void;
  getSecretString(secretId: string): string | undefined;
  records(): IterableIterator<SecretRecord>;
  restore(record: SecretRecord): void;
}

/** The parts of a secret's full ARN: `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX`. */
export interface SecretArn {
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)-[A-Za-z0-9]{6}$/;

/** The parts of a full secret ARN (with AWS's six-character suffix); undefined for anything else. */
export function parseSecretArn(secretId: string): SecretArn | undefined {
  const match = SECRET_ARN.exec(secretId);
  if (match === null) return undefined;
  const [, region, accountId, name] = match as unknown as [string, string, string, string];
  return { region, accountId, name };
}

const CURRENT = "AWSCURRENT";
const PREVIOUS = "AWSPREVIOUS";
const ARN_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export interface VersionRecord {
  id: string;
  secretString: string | undefined;
  secretBinary: Uint8Array | undefined;
  createdMs: number;
  stages: string[];
}

export interface SecretRecord {
  name: string;
  arn: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  createdMs: number;
  lastChangedMs: number;
  lastAccessedMs: number | undefined;
  /** Insertion ordered: oldest version first. */
  versions: Map<string, VersionRecord>;
}

const notFound = (): ServiceError =>
  new ServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

const epochSeconds = (ms: number): number => ms / 1000;

function sameValue(version: VersionRecord, value: SecretValue): boolean {
  if (version.secretString !== value.secretString) return false;
  if (version.secretBinary === undefined || value.secretBinary === undefined) {
    return version.secretBinary === value.secretBinary;
  }
  return Buffer.compare(version.secretBinary, value.secretBinary) === 0;
}

function arnSuffix(): string {
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += ARN_SUFFIX_ALPHABET.charAt(randomInt(ARN_SUFFIX_ALPHABET.length));
  return suffix;
}

function holderOf(secret: SecretRecord, stage: string): VersionRecord | undefined {
  for (const version of secret.versions.values()) {
    if (version.stages.includes(stage)) return version;
  }
  return undefined;
}

/**
 * Attaches `stage` to `target`, removing it from whichever version had it (a label lives on at most one
 * version). Moving AWSCURRENT puts AWSPREVIOUS on the version that was current.
 */
function attachStage(secret: SecretRecord, stage: string, target: VersionRecord): void {
  const previousHolder = holderOf(secret, stage);
  if (previousHolder === target) return;
  if (previousHolder !== undefined) {
    previousHolder.stages = previousHolder.stages.filter((s) => s !== stage);
  }
  target.stages.push(stage);
  if (stage === CURRENT && previousHolder !== undefined) {
    attachStage(secret, PREVIOUS, previousHolder);
  }
}

/**
 * Which versions a page of ListSecretVersionIds holds: `MaxResults` (1 to 100; all when absent) from where
 * `NextToken` left off. The token is opaque to clients; one from another secret is refused, as AWS does.
 */
function pageOf(body: Record<string, unknown>, secret: SecretRecord): { start: number; end: number } {
  const maxResults = body.MaxResults;
  if (
    maxResults !== undefined &&
    (typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100)
  ) {
    throw new ServiceError(
      "ValidationException",
      `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  const token = optionalString(body, "NextToken");
  let start = 0;
  if (token !== undefined) {
    const [arn, offset] = Buffer.from(token, "base64").toString("utf8").split("#");
    start = Number(offset);
    if (arn !== secret.arn || !Number.isInteger(start) || start < 0) {
      throw new ServiceError("InvalidNextTokenException", "The NextToken value is invalid.");
    }
  }
  return { start, end: maxResults === undefined ? Number.POSITIVE_INFINITY : start + maxResults };
}

/** The empty set of secrets of `accountId` in one region, `defaultRegion`: the model sends it only that region's requests. */
function createRegionSecrets(accountId: string, defaultRegion: string): RegionSecrets {
  const secrets = new Map<string, SecretRecord>();

  const findSecret = (secretId: string): SecretRecord | undefined => {
    const byName = secrets.get(secretId);
    if (byName !== undefined) return byName;
    for (const secret of secrets.values()) {
      if (secret.arn === secretId) return secret;
    }
    return undefined;
  };

  const getSecret = (secretId: string): SecretRecord => {
    const secret = findSecret(secretId);
    if (secret === undefined) throw notFound();
    return secret;
  };

  const newSecret = (name: string, region: string, kmsKeyId?: string, description?: string): SecretRecord => {
    const now = Date.now();
    const secret: SecretRecord = {
      name,
      arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${arnSuffix()}`,
      description,
      kmsKeyId,
      createdMs: now,
      lastChangedMs: now,
      lastAccessedMs: undefined,
      versions: new Map(),
    };
    secrets.set(name, secret);
    return secret;
  };

  const addVersion = (
    secret: SecretRecord,
    versionId: string,
    value: SecretValue,
    stages: readonly string[],
  ): VersionRecord => {
    const now = Date.now();
    const version: VersionRecord = {
      id: versionId,
      secretString: value.secretString,
      secretBinary: value.secretBinary,
      createdMs: now,
      stages: [],
    };
    secret.versions.set(versionId, version);
    for (const stage of stages) attachStage(secret, stage, version);
    secret.lastChangedMs = now;
    return version;
  };

  const handlers: Record<string, Handler> = {
    GetSecretValue(body) {
      const secret = getSecret(requiredString(body, "SecretId"));
      const versionId = optionalString(body, "VersionId");
      const versionStage = optionalString(body, "VersionStage");
      let version: VersionRecord | undefined;
      if (versionId !== undefined) {
        version = secret.versions.get(versionId);
        if (version === undefined) {
          throw new ServiceError(
            "ResourceNotFoundException",
            `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`,
          );
        }
        if (versionStage !== undefined && !version.stages.includes(versionStage)) {
          throw new ServiceError(
            "InvalidRequestException",
            "You provided a VersionStage that is not associated to the provided VersionId.",
          );
        }
      } else {
        const stage = versionStage ?? CURRENT;
        version = holderOf(secret, stage);
        if (version === undefined) {
          throw new ServiceError(
            "ResourceNotFoundException",
            `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
          );
        }
      }
      const now = new Date();
      secret.lastAccessedMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      const response: Record<string, unknown> = {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        VersionStages: [...version.stages],
        CreatedDate: epochSeconds(version.createdMs),
      };
      if (version.secretString !== undefined) response.SecretString = version.secretString;
      if (version.secretBinary !== undefined) {
        response.SecretBinary = Buffer.from(version.secretBinary).toString("base64");
      }
      return response;
    },

    CreateSecret(body, region) {
      const name = requiredString(body, "Name");
      const value = readSecretValue(body);
      const kmsKeyId = optionalString(body, "KmsKeyId");
      const description = optionalString(body, "Description");
      const token = optionalString(body, "ClientRequestToken");
      if (findSecret(name) !== undefined) {
        throw new ServiceError(
          "ResourceExistsException",
          `The operation failed because the secret ${name} already exists.`,
        );
      }
      const secret = newSecret(name, region ?? defaultRegion, kmsKeyId, description);
      const response: Record<string, unknown> = { ARN: secret.arn, Name: secret.name };
      if (value !== undefined) {
        response.VersionId = addVersion(secret, token ?? randomUUID(), value, [CURRENT]).id;
      }
      return response;
    },

    PutSecretValue(body) {
      const secret = getSecret(requiredString(body, "SecretId"));
      const value = readSecretValue(body);
      if (value === undefined) {
        throw new ServiceError(
          "InvalidParameterException",
          "You must provide either SecretString or SecretBinary.",
        );
      }
      const token = optionalString(body, "ClientRequestToken");
      const stages = optionalStringList(body, "VersionStages") ?? [CURRENT];
      const existing = token === undefined ? undefined : secret.versions.get(token);
      if (existing !== undefined) {
        if (!sameValue(existing, value)) {
          throw new ServiceError(
            "ResourceExistsException",
            `A version with VersionId ${existing.id} already exists with a different value. You can't modify an existing version, you can only create a new version.`,
          );
        }
        // Idempotent retry: the request is ignored.
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: existing.id,
          VersionStages: [...existing.stages],
        };
      }
      const version = addVersion(secret, token ?? randomUUID(), value, stages);
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        VersionStages: [...version.stages],
      };
    },

    DescribeSecret(body) {
      const secret = getSecret(requiredString(body, "SecretId"));
      const versionIdsToStages: Record<string, string[]> = {};
      for (const version of secret.versions.values()) {
        if (version.stages.length > 0) versionIdsToStages[version.id] = [...version.stages];
      }
      const response: Record<string, unknown> = {
        ARN: secret.arn,
        Name: secret.name,
        CreatedDate: epochSeconds(secret.createdMs),
        LastChangedDate: epochSeconds(secret.lastChangedMs),
        VersionIdsToStages: versionIdsToStages,
      };
      if (secret.description !== undefined) response.Description = secret.description;
      if (secret.kmsKeyId !== undefined) response.KmsKeyId = secret.kmsKeyId;
      if (secret.lastAccessedMs !== undefined)
        response.LastAccessedDate = epochSeconds(secret.lastAccessedMs);
      return response;
    },

    UpdateSecretVersionStage(body) {
      const secret = getSecret(requiredString(body, "SecretId"));
      const stage = requiredString(body, "VersionStage");
      const moveTo = optionalString(body, "MoveToVersionId");
      const removeFrom = optionalString(body, "RemoveFromVersionId");
      const holder = holderOf(secret, stage);
      if (moveTo === undefined && removeFrom === undefined) {
        throw new ServiceError(
          "InvalidParameterException",
          "You must specify MoveToVersionId, RemoveFromVersionId, or both.",
        );
      }
      if (removeFrom !== undefined && holder?.id !== removeFrom) {
        throw new ServiceError(
          "InvalidParameterException",
          holder === undefined
            ? `The staging label ${stage} is not attached to version ${removeFrom}.`
            : `The staging label ${stage} is not attached to version ${removeFrom}; it is currently attached to version ${holder.id}.`,
        );
      }
      if (moveTo === undefined) {
        if (stage === CURRENT) {
          throw new ServiceError(
            "InvalidParameterException",
            `You can't remove the staging label ${CURRENT} from a version without moving it to another version with MoveToVersionId.`,
          );
        }
        if (holder !== undefined) holder.stages = holder.stages.filter((s) => s !== stage);
      } else {
        const target = secret.versions.get(moveTo);
        if (target === undefined) {
          throw new ServiceError(
            "ResourceNotFoundException",
            `Secrets Manager can't find the specified secret value for VersionId: ${moveTo}`,
          );
        }
        if (holder !== undefined && holder !== target && removeFrom === undefined) {
          throw new ServiceError(
            "InvalidParameterException",
            `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
          );
        }
        attachStage(secret, stage, target);
      }
      secret.lastChangedMs = Date.now();
      return { ARN: secret.arn, Name: secret.name };
    },

    ListSecretVersionIds(body) {
      const secret = getSecret(requiredString(body, "SecretId"));
      const includeDeprecated = body.IncludeDeprecated === true;
      const { start, end } = pageOf(body, secret);
      const all = [...secret.versions.values()]
        .filter((version) => includeDeprecated || version.stages.length > 0)
        .reverse();
      const versions = all.slice(start, end).map((version) => {
        const entry: Record<string, unknown> = {
          VersionId: version.id,
          VersionStages: [...version.stages],
          CreatedDate: epochSeconds(version.createdMs),
        };
        if (secret.kmsKeyId !== undefined) entry.KmsKeyIds = [secret.kmsKeyId];
        return entry;
      });
      const page: Record<string, unknown> = { ARN: secret.arn, Name: secret.name, Versions: versions };
      if (end < all.length) page.NextToken = Buffer.from(`${secret.arn}#${end}`).toString("base64");
      return page;
    },
  };

  // An operator's secret named by ARN (a configuration may name it so) keeps that ARN.
  const seededSecret = (secretId: string): SecretRecord => {
    const arn = parseSecretArn(secretId);
    if (arn === undefined) return newSecret(secretId, defaultRegion);
    const secret = newSecret(arn.name, defaultRegion);
    secret.arn = secretId;
    return secret;
  };

  const setSecret = (secretId: string, seed: SecretSeed | string): void => {
    const normalized: SecretSeed = typeof seed === "string" ? { string: seed } : seed;
    if (normalized.string !== undefined && normalized.binary !== undefined) {
      throw new TypeError(`setSecret(${secretId}): give either string or binary, not both`);
    }
    const secret = findSecret(secretId) ?? seededSecret(secretId);
    if (normalized.kmsKeyId !== undefined) secret.kmsKeyId = normalized.kmsKeyId;
    if (normalized.string !== undefined || normalized.binary !== undefined) {
      addVersion(
        secret,
        randomUUID(),
        {
          secretString: normalized.string,
          secretBinary: normalized.binary === undefined ? undefined : Uint8Array.from(normalized.binary),
        },
        [CURRENT],
      );
    }
  };

  return {
    handlers,
    findSecret,
    setSecret,
    deleteSecret(secretId) {
      const secret = findSecret(secretId);
      if (secret !== undefined) secrets.delete(secret.name);
    },
    getSecretString(secretId) {
      const secret = findSecret(secretId);
      return secret === undefined ? undefined : holderOf(secret, CURRENT)?.secretString;
    },
    records: () => secrets.values(),
    restore(record) {
      secrets.set(record.name, record);
    },
  };
}

/**
 * An empty set of secrets in `accountId`. A secret lives in the region it was created in, as in AWS: a
 * request signed for another region does not find it (ResourceNotFoundException), and each region may have
 * its own secret of a name. Unsigned requests and operator seeds go to `defaultRegion`.
 */
export function createSecretModel(accountId: string, defaultRegion: string): SecretModel {
  const regions = new Map<string, RegionSecrets>();
  const secretsIn = (region: string = defaultRegion): RegionSecrets => {
    let secrets = regions.get(region);
    if (secrets === undefined) {
      secrets = createRegionSecrets(accountId, region);
      regions.set(region, secrets);
    }
    return secrets;
  };
  const regionOf = (secretId: string): string => parseSecretArn(secretId)?.region ?? defaultRegion;
  const routed = (operation: string): Handler =>
    function inSignedRegion(body, region) {
      return (secretsIn(region).handlers[operation] as Handler)(body, region);
    };
  const handlers = Object.fromEntries(
    Object.keys(secretsIn().handlers).map((operation) => [operation, routed(operation)]),
  );

  return {
    handlers,
    findSecret(secretId, region) {
      if (region !== undefined) return secretsIn(region).findSecret(secretId);
      for (const secrets of regions.values()) {
        const found = secrets.findSecret(secretId);
        if (found !== undefined) return found;
      }
      return undefined;
    },
    setSecret: (secretId, seed) => secretsIn(regionOf(secretId)).setSecret(secretId, seed),
    deleteSecret: (secretId) => secretsIn(regionOf(secretId)).deleteSecret(secretId),
    getSecretString: (secretId, region = regionOf(secretId)) => secretsIn(region).getSecretString(secretId),
    records: () => [...regions.values()].flatMap((secrets) => [...secrets.records()]),
    restore: (record) => secretsIn(regionOf(record.arn)).restore(record),
  };
}
