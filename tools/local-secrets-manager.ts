/**
 * A small, dependency-free, in-memory AWS Secrets Manager endpoint on 127.0.0.1.
 *
 * It speaks the AWS JSON 1.1 wire protocol that `@aws-sdk/client-secrets-manager` uses
 * (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`, JSON body), so the real SDK client can be
 * pointed at it with `endpoint: server.endpoint` or `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 * Signatures are not verified; the signed region is read from the `Authorization` header and recorded.
 *
 * Supported operations: GetSecretValue, CreateSecret, PutSecretValue, DescribeSecret,
 * UpdateSecretVersionStage, ListSecretVersionIds. Anything else → 400 UnknownOperationException.
 *
 * Run directly for examples, the CLI and benchmarks:
 *   node tools/local-secrets-manager.ts [--port N] [--region R] [--seed FILE --secret-id ID]
 * prints `endpoint=http://127.0.0.1:PORT` on stdout and stops cleanly on SIGINT/SIGTERM.
 */
import { randomInt, randomUUID } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";

export interface RecordedCall {
  operation: string;
  region: string | undefined;
  body: Record<string, unknown>;
}

export interface SecretSeed {
  string?: string;
  binary?: Uint8Array;
  kmsKeyId?: string;
}

export type FaultKind =
  | "throttle"
  | "internal"
  | "reset"
  | "slow"
  | "access-denied"
  | "decryption-failure"
  | "malformed"
  | "lost-answer";

export interface Fault {
  kind: FaultKind;
  /** Operation the fault applies to; default "GetSecretValue". */
  operation?: string;
  /** Secret (name or ARN) the fault applies to; default any secret. */
  secretId?: string;
  /** How many matching requests the fault applies to; default 1, `Infinity` allowed. */
  times?: number;
  /**
   * For "slow": the request is processed and answered after this many ms (default 1000). "malformed" answers
   * 200 with the real response's body cut short and followed by an HTML fragment, as a proxy might.
   * "lost-answer" carries the request out, then drops the connection: the caller never learns it worked.
   */
  delayMs?: number;
}

export interface LocalSecretsManager {
  /** "http://127.0.0.1:PORT" */
  readonly endpoint: string;
  readonly port: number;
  /** Every request in arrival order, faulted or not. */
  readonly calls: RecordedCall[];
  /** Number of recorded requests for `operation` (default "GetSecretValue"). */
  callCount(operation?: string): number;
  /** Creates the secret, or puts a new AWSCURRENT version, as an operator would. */
  setSecret(secretId: string, seed: SecretSeed | string): void;
  deleteSecret(secretId: string): void;
  /** SecretString of the AWSCURRENT version, if any. */
  getSecretString(secretId: string): string | undefined;
  /** Faults are consumed in injection order, each `times` times, by matching requests. */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Forgets recorded calls and pending faults (keeps secrets). */
  reset(): void;
  /** Closes the server and destroys every open socket (including in-flight slow responses). */
  close(): Promise<void>;
}

export interface LocalSecretsManagerOptions {
  /** Default 0 (a random free port). */
  port?: number;
  secrets?: Record<string, SecretSeed | string>;
  /** Default "123456789012". */
  accountId?: string;
  /** Region used in the ARN of seeded secrets (and of secrets created by unsigned requests); default "us-east-2". */
  region?: string;
}

const CURRENT = "AWSCURRENT";
const PREVIOUS = "AWSPREVIOUS";
const TARGET_PREFIX = "secretsmanager.";
const CONTENT_TYPE = "application/x-amz-json-1.1";
const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "internal",
  "reset",
  "slow",
  "access-denied",
  "decryption-failure",
  "malformed",
  "lost-answer",
];
const ARN_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

interface VersionRecord {
  id: string;
  secretString: string | undefined;
  secretBinary: Uint8Array | undefined;
  createdMs: number;
  stages: string[];
}

interface SecretRecord {
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

interface SecretValue {
  secretString: string | undefined;
  secretBinary: Uint8Array | undefined;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
}

class ServiceError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

type Handler = (body: Record<string, unknown>, region: string | undefined) => Record<string, unknown>;

const notFound = (): ServiceError =>
  new ServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");

const epochSeconds = (ms: number): number => ms / 1000;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ServiceError("SerializationException", `Expected a string for ${field}`);
  }
  return value;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === "") {
    const member = field.charAt(0).toLowerCase() + field.slice(1);
    throw new ServiceError(
      "ValidationException",
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalStringList(body: Record<string, unknown>, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ServiceError("SerializationException", `Expected a list of strings for ${field}`);
  }
  return [...new Set(value as string[])];
}

/** SecretString / SecretBinary (base64) of a request; `undefined` when neither is given. */
function readSecretValue(body: Record<string, unknown>): SecretValue | undefined {
  const secretString = optionalString(body, "SecretString");
  const binaryBase64 = optionalString(body, "SecretBinary");
  if (secretString !== undefined && binaryBase64 !== undefined) {
    throw new ServiceError(
      "InvalidParameterException",
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString === undefined && binaryBase64 === undefined) return undefined;
  return {
    secretString,
    secretBinary:
      binaryBase64 === undefined ? undefined : new Uint8Array(Buffer.from(binaryBase64, "base64")),
  };
}

function sameValue(version: VersionRecord, value: SecretValue): boolean {
  if (version.secretString !== value.secretString) return false;
  if (version.secretBinary === undefined || value.secretBinary === undefined) {
    return version.secretBinary === value.secretBinary;
  }
  return Buffer.compare(version.secretBinary, value.secretBinary) === 0;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-2/secretsmanager/aws4_request, ...` → "us-east-2". */
function signedRegion(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(authorization);
  return match?.[1];
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

export async function startLocalSecretsManager(
  options: LocalSecretsManagerOptions = {},
): Promise<LocalSecretsManager> {
  const accountId = options.accountId ?? "123456789012";
  const defaultRegion = options.region ?? "us-east-2";
  const secrets = new Map<string, SecretRecord>();
  const calls: RecordedCall[] = [];
  let faults: PendingFault[] = [];
  const sockets = new Set<Socket>();
  const slowTimers = new Set<NodeJS.Timeout>();

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
      const versions = [...secret.versions.values()]
        .filter((version) => includeDeprecated || version.stages.length > 0)
        .reverse()
        .map((version) => {
          const entry: Record<string, unknown> = {
            VersionId: version.id,
            VersionStages: [...version.stages],
            CreatedDate: epochSeconds(version.createdMs),
          };
          if (secret.kmsKeyId !== undefined) entry.KmsKeyIds = [secret.kmsKeyId];
          return entry;
        });
      return { ARN: secret.arn, Name: secret.name, Versions: versions };
    },
  };

  const takeFault = (operation: string, body: Record<string, unknown>): Fault | undefined => {
    const requested = typeof body.SecretId === "string" ? body.SecretId : body.Name;
    const index = faults.findIndex(({ fault }) => {
      if ((fault.operation ?? "GetSecretValue") !== operation) return false;
      if (fault.secretId === undefined) return true;
      if (typeof requested !== "string") return false;
      if (requested === fault.secretId) return true;
      const secret = findSecret(requested);
      return secret !== undefined && secret === findSecret(fault.secretId);
    });
    const pending = faults[index];
    if (pending === undefined) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) faults.splice(index, 1);
    return pending.fault;
  };

  const send = (
    res: ServerResponse,
    status: number,
    payload: Record<string, unknown>,
    errorType?: string,
    malformed = false,
  ): void => {
    if (res.destroyed || res.headersSent) return;
    const text = malformed ? `${JSON.stringify(payload).slice(0, -1)}<html>` : JSON.stringify(payload);
    const headers: Record<string, string | number> = {
      "Content-Type": CONTENT_TYPE,
      "Content-Length": Buffer.byteLength(text),
      "x-amzn-RequestId": randomUUID(),
    };
    if (errorType !== undefined) headers["x-amzn-ErrorType"] = errorType;
    res.writeHead(status, headers);
    res.end(text);
  };

  const sendError = (res: ServerResponse, error: ServiceError): void => {
    send(res, error.status, { __type: error.type, message: error.message }, error.type);
  };

  const respond = (
    res: ServerResponse,
    operation: string,
    body: Record<string, unknown> | undefined,
    region: string | undefined,
    malformed = false,
  ): void => {
    try {
      if (body === undefined) {
        throw new ServiceError(
          "SerializationException",
          "Unable to parse the request body as a JSON object.",
        );
      }
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      if (handler === undefined) {
        throw new ServiceError("UnknownOperationException", `Unknown operation: ${operation || "(none)"}`);
      }
      send(res, 200, handler(body, region), undefined, malformed);
    } catch (error) {
      sendError(
        res,
        error instanceof ServiceError
          ? error
          : new ServiceError(
              "InternalServiceError",
              `An error occurred on the server side: ${String(error)}`,
              500,
            ),
      );
    }
  };

  const faultError = (fault: Fault, operation: string, body: Record<string, unknown>): ServiceError => {
    const resource = [body.SecretId, body.Name].find((v): v is string => typeof v === "string") ?? "*";
    switch (fault.kind) {
      case "throttle":
        return new ServiceError("ThrottlingException", "Rate exceeded");
      case "internal":
        return new ServiceError("InternalServiceError", "An error occurred on the server side.", 500);
      case "access-denied":
        return new ServiceError(
          "AccessDeniedException",
          `User: arn:aws:sts::${accountId}:assumed-role/worker/fn is not authorized to perform: secretsmanager:${operation} on resource: ${resource} because no identity-based policy allows the secretsmanager:${operation} action`,
        );
      default:
        return new ServiceError(
          "DecryptionFailure",
          "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
        );
    }
  };

  const handleRequest = (req: IncomingMessage, res: ServerResponse, raw: Buffer): void => {
    const target = req.headers["x-amz-target"];
    const targetText = typeof target === "string" ? target : "";
    const operation = targetText.startsWith(TARGET_PREFIX)
      ? targetText.slice(TARGET_PREFIX.length)
      : targetText;
    const region = signedRegion(req.headers.authorization);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
      body = isPlainObject(parsed) ? parsed : undefined;
    } catch {
      body = undefined;
    }
    calls.push({ operation, region, body: body ?? {} });

    const fault = takeFault(operation, body ?? {});
    if (fault === undefined) {
      respond(res, operation, body, region);
      return;
    }
    if (fault.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault.kind === "malformed") {
      respond(res, operation, body, region, true);
      return;
    }
    if (fault.kind === "lost-answer") {
      try {
        if (body !== undefined && Object.hasOwn(handlers, operation)) handlers[operation]?.(body, region);
      } catch {
        // Its failure is lost with the answer.
      }
      req.socket.destroy();
      return;
    }
    if (fault.kind === "slow") {
      const timer = setTimeout(() => {
        slowTimers.delete(timer);
        if (!res.destroyed) respond(res, operation, body, region);
      }, fault.delayMs ?? 1000);
      slowTimers.add(timer);
      res.once("close", () => {
        clearTimeout(timer);
        slowTimers.delete(timer);
      });
      return;
    }
    sendError(res, faultError(fault, operation, body ?? {}));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => handleRequest(req, res, Buffer.concat(chunks)));
    req.on("error", () => req.socket.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  // Node closes idle keep-alive sockets after 5 s; a client reusing one at that instant gets a reset that
  // a test would read as an injected fault. Idle sockets live until close() instead.
  server.keepAliveTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  const setSecret = (secretId: string, seed: SecretSeed | string): void => {
    const normalized: SecretSeed = typeof seed === "string" ? { string: seed } : seed;
    if (normalized.string !== undefined && normalized.binary !== undefined) {
      throw new TypeError(`setSecret(${secretId}): give either string or binary, not both`);
    }
    const secret = findSecret(secretId) ?? newSecret(secretId, defaultRegion);
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

  for (const [secretId, seed] of Object.entries(options.secrets ?? {})) setSecret(secretId, seed);

  let closing: Promise<void> | undefined;

  return {
    get endpoint() {
      return endpoint;
    },
    get port() {
      return port;
    },
    get calls() {
      return calls;
    },
    callCount(operation = "GetSecretValue") {
      return calls.filter((call) => call.operation === operation).length;
    },
    setSecret,
    deleteSecret(secretId) {
      const secret = findSecret(secretId);
      if (secret !== undefined) secrets.delete(secret.name);
    },
    getSecretString(secretId) {
      const secret = findSecret(secretId);
      return secret === undefined ? undefined : holderOf(secret, CURRENT)?.secretString;
    },
    injectFault(fault) {
      if (!FAULT_KINDS.includes(fault.kind)) throw new TypeError(`Unknown fault kind: ${String(fault.kind)}`);
      const times = fault.times ?? 1;
      if (Number.isNaN(times)) throw new TypeError("Fault times must be a number (Infinity allowed)");
      if (times > 0) faults.push({ fault: { ...fault }, remaining: times });
    },
    clearFaults() {
      faults = [];
    },
    reset() {
      calls.length = 0;
      faults = [];
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of slowTimers) clearTimeout(timer);
        slowTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}

function parseCliArgs(argv: readonly string[]): {
  port: number;
  region?: string;
  seed?: string;
  secretId?: string;
} {
  const result: { port: number; region?: string; seed?: string; secretId?: string } = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== "--port" && flag !== "--seed" && flag !== "--secret-id" && flag !== "--region") {
      throw new Error(`unknown argument: ${flag}`);
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--port") {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${value}`);
      result.port = port;
    } else if (flag === "--seed") {
      result.seed = value;
    } else if (flag === "--secret-id") {
      result.secretId = value;
    } else {
      result.region = value;
    }
  }
  if ((result.seed === undefined) !== (result.secretId === undefined)) {
    throw new Error("--seed and --secret-id must be given together");
  }
  return result;
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCliArgs>;
  const secrets: Record<string, string> = {};
  try {
    args = parseCliArgs(process.argv.slice(2));
    if (args.seed !== undefined && args.secretId !== undefined) {
      const text = readFileSync(args.seed, "utf8");
      JSON.parse(text); // the seed must be a JSON document
      secrets[args.secretId] = text;
    }
  } catch (error) {
    process.stderr.write(
      `local-secrets-manager: ${error instanceof Error ? error.message : String(error)}\n` +
        "usage: node tools/local-secrets-manager.ts [--port N] [--region R] [--seed FILE --secret-id ID]\n",
    );
    process.exitCode = 2;
    return;
  }
  const server = await startLocalSecretsManager({
    port: args.port,
    secrets,
    ...(args.region === undefined ? {} : { region: args.region }),
  });
  process.stdout.write(`endpoint=${server.endpoint}\n`);
  const stop = (): void => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void server.close();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

const isDirectRun = ((): boolean => {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
})();

if (isDirectRun) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `local-secrets-manager: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
