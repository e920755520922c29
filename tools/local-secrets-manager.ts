/**
 * A small, dependency-free, in-memory AWS Secrets Manager endpoint on 127.0.0.1.
 *
 * It speaks the AWS JSON 1.1 wire protocol that `@aws-sdk/client-secrets-manager` uses
 * (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`, JSON body), so the real SDK client can be
 * pointed at it with `endpoint: server.endpoint` or `AWS_ENDPOINT_URL_SECRETS_MANAGER`.
 * Signatures are not verified; the signed region and access key id are read from the `Authorization` header
 * and recorded.
 *
 * Supported operations: GetSecretValue, CreateSecret, PutSecretValue, DescribeSecret,
 * UpdateSecretVersionStage, ListSecretVersionIds. Anything else → 400 UnknownOperationException.
 *
 * Run directly for examples, the CLI and benchmarks:
 *   node tools/local-secrets-manager.ts [--port N] [--region R] [--seed FILE --secret-id ID]
 * prints `endpoint=http://127.0.0.1:PORT` on stdout and stops cleanly on SIGINT/SIGTERM.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { createFaultQueue, type Fault, faultError } from "./local/faults.ts";
import { createSecretModel, type SecretSeed } from "./local/secret-model.ts";
import { readWireRequest, ServiceError, send, sendError, type WireRequest } from "./local/wire.ts";

export type { Fault, FaultKind } from "./local/faults.ts";
export type { SecretSeed } from "./local/secret-model.ts";

export interface RecordedCall {
  operation: string;
  region: string | undefined;
  /** The access key id the request was signed with: which credentials the client used. */
  accessKeyId: string | undefined;
  body: Record<string, unknown>;
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

  const respond = (res: ServerResponse, request: WireRequest, malformed = false): void => {
    try {
      send(res, 200, perform(request), undefined, malformed);
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

  for (const [secretId, seed] of Object.entries(options.secrets ?? {})) model.setSecret(secretId, seed);

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
    setSecret: model.setSecret,
    deleteSecret: model.deleteSecret,
    getSecretString: model.getSecretString,
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
