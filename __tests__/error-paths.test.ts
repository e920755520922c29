import { readFileSync } from "node:fs";
import {
  DecryptionFailure,
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import { beforeEach, describe, expect, it } from "@jest/globals";
import middy from "@middy/core";
import { mockClient } from "aws-sdk-client-mock";
import { classifyAwsFailure } from "../src/aws/aws-failure.js";
import {
  clearStarfleetSecretsCache,
  STARFLEET_SECRETS_ERROR_CODES,
  StarfleetSecretsError,
  starfleetSecrets,
} from "../src/index.js";
import {
  everythingIn,
  expectNoSecretLeak,
  lambdaContext,
  SECRET_STRING,
  SECRET_VALUES,
  starfleetConfig,
} from "./support/fixtures.js";

const secretsManager = mockClient(SecretsManagerClient);
const config = starfleetConfig({ SecretId: "starfleet/prod", SecretRegion: "eu-central-1" });

async function failureOf(workerName = "GitHubSyncWorker"): Promise<StarfleetSecretsError> {
  const handler = middy()
    .use(starfleetSecrets({ workerName, config, disablePrefetch: true }))
    .handler(async () => "handler ran");
  const outcome = await handler({}, lambdaContext()).then(
    (result: unknown) => result,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(StarfleetSecretsError);
  return outcome as StarfleetSecretsError;
}

function expectWhereAndLeakFree(error: StarfleetSecretsError, code: string): void {
  expect(error.code).toBe(code);
  expect(error.secretId).toBe("starfleet/prod");
  expect(error.region).toBe("eu-central-1");
  expect(error.message).toContain('"starfleet/prod"');
  expect(error.message).toContain("eu-central-1");
  expectNoSecretLeak(error);
}

beforeEach(() => {
  clearStarfleetSecretsCache();
  secretsManager.reset();
});

const awsMetadata = { $metadata: { httpStatusCode: 400, requestId: "req-1" } };

describe("AWS failures keep what the SDK error says of the call as cause, and say how to fix", () => {
  it.each([
    [
      "NOT_FOUND",
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        ...awsMetadata,
      }),
      "create the secret",
    ],
    [
      "ACCESS_DENIED",
      new SecretsManagerServiceException({
        name: "AccessDeniedException",
        $fault: "client",
        message: "not authorized to perform secretsmanager:GetSecretValue",
        ...awsMetadata,
      }),
      "secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-central-1:ACCOUNT:secret:starfleet/prod-??????",
    ],
    ["DECRYPTION_FAILED", new DecryptionFailure({ message: "KMS denied", ...awsMetadata }), "kms:Decrypt"],
    [
      "FETCH_FAILED",
      new InternalServiceError({ message: "internal", ...awsMetadata }),
      "InternalServiceError",
    ],
    ["FETCH_FAILED", new Error("socket hang up"), "(Error)"],
  ])("%s", async (code, sdkError, fix) => {
    secretsManager.on(GetSecretValueCommand).rejects(sdkError);

    const error = await failureOf();

    expectWhereAndLeakFree(error, code);
    expect(error.message).toContain(fix);
    expect(error.cause).toMatchObject({ name: sdkError.name, message: sdkError.message });
    if ("$metadata" in sdkError) expect(error.cause).toMatchObject({ $metadata: sdkError.$metadata });
  });

  it("keeps nothing of an error response's body: the SDK copies its fields onto the error", async () => {
    // A proxy or gateway answering 502 with the body of a GetSecretValue answer.
    const fromBody = new SecretsManagerServiceException({
      name: "BadGateway",
      $fault: "server",
      message: SECRET_STRING,
      $metadata: { httpStatusCode: 502 },
    });
    Object.assign(fromBody, { SecretString: SECRET_STRING, Name: "starfleet/prod" });
    secretsManager.on(GetSecretValueCommand).rejects(fromBody);

    const error = await failureOf();

    expectWhereAndLeakFree(error, "FETCH_FAILED");
    expect(error.cause).toMatchObject({ name: "BadGateway", $metadata: { httpStatusCode: 502 } });
    expect(error.cause).not.toHaveProperty("SecretString");
  });
});

/** An error as Node raises it for a failed connection. */
function systemError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

function awsError(name: string, $fault: "client" | "server", httpStatusCode: number) {
  return new SecretsManagerServiceException({
    name,
    $fault,
    message: `${name} from AWS`,
    $metadata: { httpStatusCode },
  });
}

const NO_CONNECTION = ["could not connect to", "Secrets Manager VPC endpoint", "NAT gateway"];
const TEMPORARY = ["usually temporary"];

describe("each failure says what it is, whether trying again can help, and what to check", () => {
  it.each([
    [
      "no credentials",
      systemError("Could not load credentials from any providers", { name: "CredentialsProviderError" }),
      "CREDENTIALS",
      false,
      [
        "no AWS credentials found (CredentialsProviderError)",
        "execution role",
        "AWS_PROFILE",
        "aws sso login",
      ],
    ],
    [
      "expired credentials",
      awsError("ExpiredTokenException", "client", 400),
      "CREDENTIALS",
      false,
      ["AWS refused the credentials as expired or unknown (ExpiredTokenException)", "execution role"],
    ],
    [
      "unknown credentials",
      awsError("InvalidClientTokenId", "client", 403),
      "CREDENTIALS",
      false,
      ["(InvalidClientTokenId)", "AWS_PROFILE"],
    ],
    [
      "a refused connection",
      systemError("connect ECONNREFUSED 127.0.0.1:4567", {
        code: "ECONNREFUSED",
        address: "127.0.0.1",
        port: 4567,
      }),
      "FETCH_FAILED",
      true,
      ["127.0.0.1:4567 (ECONNREFUSED, Error)", ...NO_CONNECTION],
    ],
    [
      "a refused connection to every address of a host",
      Object.assign(
        new AggregateError([
          systemError("connect ECONNREFUSED ::1:4567", { code: "ECONNREFUSED", address: "::1", port: 4567 }),
        ]),
        { code: "ECONNREFUSED" },
      ),
      "FETCH_FAILED",
      true,
      ["[::1]:4567 (ECONNREFUSED, AggregateError)", ...NO_CONNECTION],
    ],
    [
      "an unknown host",
      systemError("getaddrinfo ENOTFOUND secretsmanager.eu-central-1.amazonaws.com", {
        code: "ENOTFOUND",
        hostname: "secretsmanager.eu-central-1.amazonaws.com",
      }),
      "FETCH_FAILED",
      true,
      ["secretsmanager.eu-central-1.amazonaws.com (ENOTFOUND, Error)", ...NO_CONNECTION],
    ],
    [
      "a connect timeout",
      systemError(
        "@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 1000 ms.",
        { name: "TimeoutError" },
      ),
      "FETCH_FAILED",
      true,
      ["the Secrets Manager endpoint (TimeoutError)", ...NO_CONNECTION],
    ],
    [
      "a request timeout",
      systemError("a request has exceeded the configured 3000 ms requestTimeout.", {
        name: "TimeoutError",
        code: "ETIMEDOUT",
      }),
      "FETCH_FAILED",
      true,
      ["ETIMEDOUT, TimeoutError", ...TEMPORARY],
    ],
    [
      "a reset, found in the cause",
      new Error("socket hang up", { cause: systemError("read ECONNRESET", { code: "ECONNRESET" }) }),
      "FETCH_FAILED",
      true,
      ["(ECONNRESET, Error)", ...TEMPORARY],
    ],
    [
      "throttling",
      awsError("ThrottlingException", "client", 400),
      "FETCH_FAILED",
      true,
      ["(ThrottlingException)", ...TEMPORARY],
    ],
    [
      "a server fault",
      awsError("ServiceUnavailable", "server", 503),
      "FETCH_FAILED",
      true,
      ["(ServiceUnavailable)", ...TEMPORARY],
    ],
    [
      "an AWS error about the request itself",
      awsError("InvalidParameterException", "client", 400),
      "FETCH_FAILED",
      false,
      ["(InvalidParameterException)"],
    ],
  ])("%s", async (_case, sdkError, code, retryable, named) => {
    secretsManager.on(GetSecretValueCommand).rejects(sdkError);

    const error = await failureOf();

    expectWhereAndLeakFree(error, code);
    expect(error.retryable).toBe(retryable);
    for (const text of named) expect(error.message).toContain(text);
    if (!named.includes(TEMPORARY[0] as string)) expect(error.message).not.toContain("usually temporary");
  });
});

describe("classifyAwsFailure", () => {
  it("names the client's endpoint, port included, when the error names only a host", () => {
    const unknownHost = systemError("getaddrinfo ENOTFOUND secretsmanager.eu-central-1.amazonaws.com", {
      code: "ENOTFOUND",
      hostname: "secretsmanager.eu-central-1.amazonaws.com",
    });

    const failure = classifyAwsFailure(unknownHost, "secretsmanager.eu-central-1.amazonaws.com:443");

    expect(failure).toMatchObject({ kind: "UNREACHABLE", retryable: true });
    expect(failure.reason).toBe(
      "could not connect to secretsmanager.eu-central-1.amazonaws.com:443 (ENOTFOUND, Error)",
    );
  });
});

describe("bad values never show any part of the secret, nor keep the parser's error", () => {
  it.each([
    [
      "NOT_JSON",
      `{"GitHubSyncWorker": {"my-org": "${SECRET_VALUES[1]}"`,
      `not valid JSON (the first syntax error is at line 1, column ${35 + SECRET_VALUES[1].length})`,
    ],
    ["NOT_JSON", `GitHubSyncWorker=${SECRET_VALUES[1]}`, "(the first syntax error is at line 1, column 1)"],
    [
      "NOT_JSON",
      `{"STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}"}}}`,
      `(the first syntax error is at line 1, column ${34 + SECRET_VALUES[0].length})`,
    ],
    [
      "NOT_JSON",
      `{\n  "STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}",},\n  "GitHubSyncWorker": {}\n}`,
      `(the first syntax error is at line 2, column ${34 + SECRET_VALUES[0].length})`,
    ],
    ["NOT_JSON", "   ", "the value is empty"],
    ["NOT_AN_OBJECT", JSON.stringify(SECRET_VALUES[0]), "found a string"],
    ["NOT_AN_OBJECT", JSON.stringify([...SECRET_VALUES]), "found an array"],
    ["NOT_AN_OBJECT", "null", "found null"],
  ])("%s for %j", async (code, secretString, explanation) => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secretString });

    const error = await failureOf();

    expectWhereAndLeakFree(error, code);
    expect(error.message).toContain(explanation);
    expect(error.cause).toBeUndefined();
    expect(everythingIn(error)).not.toMatch(/SyntaxError|is not valid JSON:|Unexpected token/);
  });

  it("NOT_JSON for a SecretString that is not text (a custom client's answer)", async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: [SECRET_STRING] as unknown as string });

    const error = await failureOf();

    expectWhereAndLeakFree(error, "NOT_JSON");
    expect(error.message).toContain("the response's SecretString is not text");
  });

  it("BINARY_SECRET for a binary-only secret", async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretBinary: new TextEncoder().encode(SECRET_STRING) });

    const error = await failureOf();

    expectWhereAndLeakFree(error, "BINARY_SECRET");
    expect(error.message).toContain("SecretBinary");
  });

  it("NOT_JSON when the response has neither SecretString nor SecretBinary", async () => {
    secretsManager.on(GetSecretValueCommand).resolves({});

    expectWhereAndLeakFree(await failureOf(), "NOT_JSON");
  });

  it.each([["githubSyncWorker"], ["GitHubSyncWorkr"]])(
    "WORKER_MISSING for %j suggests the entry it nearly names, and nothing of its value",
    async (name) => {
      secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET_STRING });

      const error = await failureOf(name);

      expectWhereAndLeakFree(error, "WORKER_MISSING");
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(`no entry for worker "${name}"; did you mean "GitHubSyncWorker"?`);
    },
  );

  it("WORKER_MISSING names the worker and the secret, and shows no other worker's values", async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET_STRING });

    const error = await failureOf("SecurityGroupWorker");

    expectWhereAndLeakFree(error, "WORKER_MISSING");
    expect(error.workerName).toBe("SecurityGroupWorker");
    expect(error.message).toContain('"SecurityGroupWorker"');
    expect(error.message).not.toContain("did you mean");
  });
});

describe("the error codes", () => {
  it("are a documented closed set, each with its own message", () => {
    const messages = STARFLEET_SECRETS_ERROR_CODES.map(
      (code) =>
        new StarfleetSecretsError(code, { secretId: "s", region: "us-east-1", workerName: "w" }).message,
    );
    expect(new Set(messages).size).toBe(STARFLEET_SECRETS_ERROR_CODES.length);
    for (const [index, code] of STARFLEET_SECRETS_ERROR_CODES.entries()) {
      expect(messages[index]).toMatch(new RegExp(`^\\[${code}\\] `));
    }
  });

  it("each have a row in the README's errors table, with their retryable value", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const errors = readme.slice(readme.indexOf("## Errors"), readme.indexOf("## IAM"));
    const undocumented = STARFLEET_SECRETS_ERROR_CODES.filter((code) => {
      const retryable = new StarfleetSecretsError(code, { secretId: "s", region: "us-east-1" }).retryable;
      return !new RegExp(`^\\| \`${code}\` \\|.*\\| ${retryable}[^|]* \\|$`, "m").test(errors);
    });
    expect(undocumented).toEqual([]);
  });

  it("are retryable only where trying again later can succeed", () => {
    const retryable = STARFLEET_SECRETS_ERROR_CODES.filter(
      (code) => new StarfleetSecretsError(code, { secretId: "s", region: "us-east-1" }).retryable,
    );
    expect(retryable).toEqual(["FETCH_FAILED"]);
  });

  it("are errors a handler can tell apart with instanceof and name", () => {
    const error = new StarfleetSecretsError("NOT_FOUND", { secretId: "s", region: "us-east-1" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("StarfleetSecretsError");
    expect(String(error)).toMatch(/^StarfleetSecretsError: \[NOT_FOUND\]/);
  });
});
