/**
 * A small, dependency-free, in-memory AWS Secrets Manager endpoint on 127.0.0.1.
 *
 * It speaks the AWS JSON 1.1 wire protocol that `@aws-sdk/client-secrets-manager` uses
 * (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`, JSON body), so the real SDK client can be
 * pointed at it with `endpoint: server.endpoint` or `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 * Signatures are not verified; the signed region and access key id are read from the `Authorization` header
 * and recorded, and the region is honoured: a secret lives in the region it was created in, as in AWS.
 *
 * Supported operations: GetSecretValue, CreateSecret, PutSecretValue, DescribeSecret,
 * UpdateSecretVersionStage, ListSecretVersionIds. Anything else → 400 UnknownOperationException.
 *
 * `starfleet-secrets local` serves it from the command line; the project's tests, examples and benchmarks
 * start it with {@link startLocalSecretsManager}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createFaultQueue, type Fault, faultError } from "./faults.js";
import { createSecretModel, type SecretRecord, type SecretSeed } from "./secret-model.js";
import { readWireRequest, ServiceError, send, sendError, type WireRequest } from "./wire.js";

export type { Fault, FaultKind } from "./faults.js";
export type { SecretRecord, SecretSeed } from "./secret-model.js";

export interface RecordedCall {
  operation: string;
  region: string | undefined;
  /** The access key id the request was signed with: which credentials the client used. */
  accessKeyId: string | undefined;
  body: Record<string, unknown>;
}

/** A request the endpoint answered (not one a fault answered), as a log line would tell it: never a value. */
export interface Answer {
  readonly operation: string;
  /** The region the request was signed for. */
  readonly region: string | undefined;
  /** The `SecretId` (or `Name`) the request named. */
  readonly secretId: string | undefined;
  /** The AWS error it got, if any. */
  readonly error: string | undefined;
}

export interface LocalSecretsManager {
  /** "http://127.0.0.1:PORT" */
  readonly endpoint: string;
  /** Every request in arrival order, faulted or not. */
  readonly calls: RecordedCall[];
  /** Number of recorded requests for `operation` (default "GetSecretValue"). */
  callCount(operation?: string): number;
  /**
   * Creates the secret, or puts a new AWSCURRENT version, as an operator would: in the endpoint's region, or
   * for a full secret ARN, in the ARN's region with that ARN.
   */
  setSecret(secretId: string, seed: SecretSeed | string): void;
  deleteSecret(secretId: string): void;
  /** SecretString of the AWSCURRENT version, if any; by default in the region `setSecret` would use. */
  getSecretString(secretId: string, region?: string): string | undefined;
  /** Every secret, with its versions, in every region: what `starfleet-secrets local --persist` saves. */
  records(): SecretRecord[];
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
  /** Where seeded secrets (and those created by unsigned requests) live; default "us-east-2". */
  region?: string;
  /** Secrets to start with, as {@link LocalSecretsManager.records} gave them; before `secrets`. */
  records?: readonly SecretRecord[];
  /** Called after each request the endpoint answered itself (faults aside), once the answer is sent. */
  onAnswered?: (answer: Answer) => void;
}

/** A secret's value is at most 64 KiB (its base64 binary a third more); a request never needs more than this. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** The names a client on this machine (or in a container on it, through Docker's name) reaches it by. */
const LOCAL_NAMES = ["127.0.0.1", "localhost", "host.docker.internal"];

/**
 * Whether the request's Host is one of {@link LOCAL_NAMES} with the port it came in on. A web page that
 * rebinds its own name to 127.0.0.1 sends its own name: refusing it keeps the page from reading secrets.
 */
function isAddressedHere(req: IncomingMessage): boolean {
  const port = req.socket.localPort;
  return LOCAL_NAMES.some((name) => req.headers.host === `${name}:${port}`);
}

/** Starts an endpoint on 127.0.0.1. */
export async function startLocalSecretsManager(
  options: LocalSecretsManagerOptions = {},
): Promise<LocalSecretsManager> {
  const accountId = options.accountId ?? "123456789012";
  const model = createSecretModel(accountId, options.region ?? "us-east-2");
  const faults = createFaultQueue(model.findSecret);
  const calls: RecordedCall[] = [];
  const sockets = new Set<Socket>();
  const slowTimers = new Set<NodeJS.Timeout>();

  // Carries the request out, or throws the AWS error it meets (a body that is not JSON, an unknown operation).
  const perform = ({ operation, region, body }: WireRequest): Record<string, unknown> => {
    if (body === undefined) {
      throw new ServiceError("SerializationException", "Unable to parse the request body as a JSON object.");
    }
    const handler = Object.hasOwn(model.handlers, operation) ? model.handlers[operation] : undefined;
    if (handler === undefined) {
      throw new ServiceError("UnknownOperationException", `Unknown operation: ${operation || "(none)"}`);
    }
    return handler(body, region);
  };

  const reportAnswer = (request: WireRequest, failure: ServiceError | undefined): void => {
    const named = [request.body?.SecretId, request.body?.Name].find((id) => typeof id === "string");
    options.onAnswered?.({
      operation: request.operation,
      region: request.region,
      secretId: named as string | undefined,
      error: failure?.type,
    });
  };

  const respond = (res: ServerResponse, request: WireRequest, malformed = false): void => {
    let failure: ServiceError | undefined;
    try {
      send(res, 200, perform(request), undefined, malformed);
    } catch (error) {
      failure =
        error instanceof ServiceError
          ? error
          : new ServiceError(
              "InternalServiceError",
              `An error occurred on the server side: ${String(error)}`,
              500,
            );
      sendError(res, failure);
    }
    reportAnswer(request, failure);
  };

  const answerSlowly = (res: ServerResponse, request: WireRequest, fault: Fault): void => {
    const timer = setTimeout(() => {
      slowTimers.delete(timer);
      if (!res.destroyed) respond(res, request);
    }, fault.delayMs ?? 1000);
    slowTimers.add(timer);
    res.once("close", () => {
      clearTimeout(timer);
      slowTimers.delete(timer);
    });
  };

  const handleRequest = (req: IncomingMessage, res: ServerResponse, raw: Buffer): void => {
    const request = readWireRequest(req, raw);
    if (!isAddressedHere(req)) {
      const refusal = new ServiceError(
        "HostNotAllowedException",
        `This endpoint answers requests addressed to ${LOCAL_NAMES.join(", ")} only; this one was addressed to ` +
          `${JSON.stringify(req.headers.host ?? "")}. (A web page cannot reach it by DNS rebinding.)`,
        403,
      );
      sendError(res, refusal);
      reportAnswer(request, refusal);
      return;
    }
    calls.push({
      operation: request.operation,
      region: request.region,
      accessKeyId: request.accessKeyId,
      body: request.body ?? {},
    });
    const fault = faults.take(request.operation, request.body ?? {});
    if (fault === undefined) {
      respond(res, request);
      return;
    }
    switch (fault.kind) {
      case "reset":
        req.socket.destroy();
        return;
      case "malformed":
        respond(res, request, true);
        return;
      case "lost-answer":
        try {
          perform(request);
        } catch {
          // Its failure is lost with the answer.
        }
        req.socket.destroy();
        return;
      case "slow":
        answerSlowly(res, request, fault);
        return;
      default:
        sendError(res, faultError(fault, request.operation, request.body ?? {}, accountId));
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      // No request Secrets Manager accepts is this large; anything larger would only fill the memory.
      if (size > MAX_REQUEST_BYTES) {
        sendError(res, new ServiceError("SerializationException", "The request is too large.", 413));
        req.socket.destroy();
      }
    });
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

  for (const record of options.records ?? []) model.restore(record);
  for (const [secretId, seed] of Object.entries(options.secrets ?? {})) model.setSecret(secretId, seed);

  let closing: Promise<void> | undefined;

  return {
    get endpoint() {
      return endpoint;
    },
    get calls() {
      return calls;
    },
    callCount(operation = "GetSecretValue") {
      return calls.filter((call) => call.operation === operation).length;
    },
    setSecret: model.setSecret,
    deleteSecret: model.deleteSecret,
    getSecretString: model.getSecretString,
    records: model.records,
    injectFault: faults.inject,
    clearFaults: faults.clear,
    reset() {
      calls.length = 0;
      faults.clear();
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
