// The real AWS SDK over HTTP against the local Secrets Manager-compatible endpoint: what a worker sees in
// Lambda, minus AWS. The endpoint comes from AWS_ENDPOINT_URL_SECRETS_MANAGER, as a user would set it.
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import {
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  getSlackToken,
  type StarfleetSecretsError,
  type StarfleetSecretsOptions,
} from "../../src/index.js";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import {
  expectNoSecretLeak,
  lambdaContext,
  recordingLogger,
  SECRET_DOCUMENT,
  SECRET_STRING,
  SECRET_VALUES,
  starfleetConfig,
} from "../support/fixtures.js";
import { workerHandler } from "../support/worker.js";

let server: LocalSecretsManager;
const savedEnv = { ...process.env };
const config = starfleetConfig({ SecretId: "Starfleet", SecretRegion: "us-east-2" }, { SlackEnabled: true });

function handlerWith(options: StarfleetSecretsOptions = {}) {
  return workerHandler({ config, awsClientOptions: { maxAttempts: 1 }, ...options });
}

async function failureOf(options: StarfleetSecretsOptions = {}): Promise<StarfleetSecretsError> {
  const outcome = await handlerWith(options)({}, lambdaContext()).then(
    () => new Error("expected the invocation to fail"),
    (error: unknown) => error,
  );
  expect(outcome).toMatchObject({ name: "StarfleetSecretsError" });
  return outcome as StarfleetSecretsError;
}

beforeAll(async () => {
  server = await startLocalSecretsManager({ secrets: { Starfleet: SECRET_STRING } });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  clearStarfleetSecretsCache();
  server.setSecret("Starfleet", SECRET_STRING);
  server.reset();
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = server.endpoint;
  process.env.AWS_ACCESS_KEY_ID = "AKIDTEST";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  process.env.AWS_REGION = "eu-west-1";
});

afterEach(() => {
  process.env = { ...savedEnv };
});

describe("over HTTP with the real SDK", () => {
  it("fetches the secret signed for the configured SecretRegion, not AWS_REGION", async () => {
    await expect(handlerWith()({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);

    expect(server.calls).toEqual([
      {
        operation: "GetSecretValue",
        region: "us-east-2",
        accessKeyId: "AKIDTEST",
        body: expect.objectContaining({ SecretId: "Starfleet" }),
      },
    ]);
  });

  it("makes one GetSecretValue call for 50 concurrent first invocations and the warm ones after", async () => {
    const handler = handlerWith();

    const results = await Promise.all(Array.from({ length: 50 }, () => handler({}, lambdaContext())));
    for (let index = 0; index < 20; index += 1) await handler({}, lambdaContext());

    expect(new Set(results.map((result) => JSON.stringify(result)))).toEqual(
      new Set([JSON.stringify(SECRET_DOCUMENT.GitHubSyncWorker)]),
    );
    expect(server.callCount()).toBe(1);
  });

  it("serves getSlackToken() from what the middleware fetched", async () => {
    await handlerWith()({}, lambdaContext());

    await expect(getSlackToken({ config })).resolves.toBe(SECRET_VALUES[0]);
    expect(server.callCount()).toBe(1);
  });

  it("retries a throttled call with the SDK's own retry strategy", async () => {
    server.injectFault({ kind: "throttle" });

    await expect(handlerWith({ awsClientOptions: {} })({}, lambdaContext())).resolves.toEqual(
      SECRET_DOCUMENT.GitHubSyncWorker,
    );
    expect(server.callCount()).toBe(2);
  });
});

describe("an endpoint that accepts and never answers", () => {
  it("a connection that is accepted and never answered ends at the deadline, saying what to check", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${port}`;
    try {
      const outcome = await handlerWith()({}, lambdaContext(DEADLINE_MARGIN_MS + 200)).catch(
        (error: unknown) => error as StarfleetSecretsError,
      );

      expect(outcome).toMatchObject({ code: "FETCH_FAILED", retryable: true });
      const { message } = outcome as StarfleetSecretsError;
      expect(message).toContain(`no answer from 127.0.0.1:${port} before the Lambda deadline`);
      expect(message).toContain("Secrets Manager VPC endpoint or a NAT gateway");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("failures over HTTP: a clear, typed error that names the secret and leaks nothing", () => {
  it("NOT_FOUND for a secret that does not exist", async () => {
    const error = await failureOf({
      config: starfleetConfig({ SecretId: "Starfleet-typo", SecretRegion: "us-east-2" }),
    });

    expect(error).toMatchObject({ code: "NOT_FOUND", secretId: "Starfleet-typo", region: "us-east-2" });
    expect((error.cause as Error).name).toBe("ResourceNotFoundException");
    expectNoSecretLeak(error);
  });

  it("ACCESS_DENIED names secretsmanager:GetSecretValue and the secret", async () => {
    server.injectFault({ kind: "access-denied" });

    const error = await failureOf();

    expect(error.code).toBe("ACCESS_DENIED");
    expect(error.message).toContain("secretsmanager:GetSecretValue");
    expect(error.message).toContain("arn:aws:secretsmanager:us-east-2:ACCOUNT:secret:Starfleet-??????");
    expectNoSecretLeak(error);
  });

  it("DECRYPTION_FAILED says to grant kms:Decrypt", async () => {
    server.injectFault({ kind: "decryption-failure" });

    const error = await failureOf();

    expect(error.code).toBe("DECRYPTION_FAILED");
    expect(error.message).toContain("kms:Decrypt");
    expectNoSecretLeak(error);
  });

  it("BINARY_SECRET for a secret stored as SecretBinary", async () => {
    server.setSecret("Starfleet", { binary: new TextEncoder().encode(SECRET_STRING) });

    const error = await failureOf();

    expect(error.code).toBe("BINARY_SECRET");
    expectNoSecretLeak(error);
  });

  it("NOT_JSON for a broken value, without V8's quote of it", async () => {
    server.setSecret("Starfleet", SECRET_STRING.slice(0, -2));

    const error = await failureOf();

    expect(error).toMatchObject({ code: "NOT_JSON", retryable: false });
    expect(error.message).toContain(
      `the first syntax error is at line 1, column ${SECRET_STRING.length - 1}`,
    );
    expect(error.cause).toBeUndefined();
    expectNoSecretLeak(error);
  });

  it("FETCH_FAILED for a server fault, keeping the SDK error as cause", async () => {
    server.injectFault({ kind: "internal" });

    const error = await failureOf();

    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("InternalServiceError");
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecretLeak(error);
  });

  it("FETCH_FAILED for a response body that is not JSON, keeping only the parse error's name", async () => {
    // A 200 answer cut short (a proxy, a corrupted response): the SDK's parse error quotes the body, which
    // holds the secret.
    server.injectFault({ kind: "malformed" });

    const error = await failureOf();

    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("the response could not be parsed (SyntaxError)");
    expect(error.cause).toBeUndefined();
    expectNoSecretLeak(error);
  });

  it("FETCH_FAILED for a connection reset", async () => {
    server.injectFault({ kind: "reset" });

    const error = await failureOf();

    expect(error.code).toBe("FETCH_FAILED");
    expectNoSecretLeak(error);
  });

  it.each([
    ["expired-token", "ExpiredTokenException"],
    ["unrecognized-client", "UnrecognizedClientException"],
  ] as const)("CREDENTIALS, not retryable, when AWS answers %s", async (kind, name) => {
    server.injectFault({ kind });

    const error = await failureOf();

    expect(error).toMatchObject({ code: "CREDENTIALS", retryable: false });
    expect(error.message).toContain(`AWS refused the credentials as expired or unknown (${name})`);
    expect(error.message).toContain("execution role");
    expect(error.message).toContain("aws sso login");
    expectNoSecretLeak(error);
  });

  it.each([
    ["access-denied", "ACCESS_DENIED", false],
    ["decryption-failure", "DECRYPTION_FAILED", false],
    ["throttle", "FETCH_FAILED", true],
    ["internal", "FETCH_FAILED", true],
    ["malformed", "FETCH_FAILED", true],
  ] as const)("%s is %s, retryable: %s", async (kind, code, retryable) => {
    server.injectFault({ kind });

    const error = await failureOf();

    expect(error).toMatchObject({ code, retryable });
    expectNoSecretLeak(error);
  });

  it("logs nothing secret on any of these paths", async () => {
    const { lines, logger } = recordingLogger();
    server.injectFault({ kind: "internal" });
    await failureOf({ logger });
    await handlerWith({ logger })({}, lambdaContext());

    expectNoSecretLeak(lines);
  });
});
