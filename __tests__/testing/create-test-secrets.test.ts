/**
 * `middy-starfleet-secrets/testing`: what a worker author's unit test relies on. The middleware under it is
 * the real one; only the client is the kit's, and its answers and errors must be the AWS SDK's.
 */
import { Readable } from "node:stream";
import {
  GetSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import middy from "@middy/core";
import { classifyAwsFailure } from "../../src/aws/aws-failure.js";
import {
  getSlackToken,
  type LambdaContext,
  StarfleetConfigError,
  type StarfleetSecretsOptions,
  starfleetSecrets,
} from "../../src/index.js";
import { createTestSecrets, type TestAwsErrorName } from "../../src/testing/index.js";
import { expectNoSecretLeak, lambdaContext, SECRET_DOCUMENT, SECRET_VALUES } from "../support/fixtures.js";

/** A worker as its author would write it: the middleware's options come from the caller. */
function createHandler(options: StarfleetSecretsOptions) {
  return middy()
    .use(starfleetSecrets<Record<string, string>>({ workerName: "GitHubSyncWorker", ...options }))
    .handler(async (_event: unknown, context) => ({ orgs: Object.keys(context.secrets) }));
}

const invoke = (handler: ReturnType<typeof createHandler>) => handler({}, lambdaContext());

/** What the AWS SDK throws when Secrets Manager answers `status` with the error `name`. */
async function realSdkError(name: string, status: number, message: string): Promise<unknown> {
  const client = new SecretsManagerClient({
    region: "us-east-2",
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: status,
          headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "request-id" },
          body: Readable.from([Buffer.from(JSON.stringify({ __type: name, message }))]),
        },
      }),
    },
  } as SecretsManagerClientConfig);
  try {
    return await client.send(new GetSecretValueCommand({ SecretId: "Starfleet" }));
  } catch (error) {
    return error;
  } finally {
    client.destroy();
  }
}

/** What the kit's client throws for `failNext(name)`. */
async function kitError(name: TestAwsErrorName): Promise<unknown> {
  const fake = createTestSecrets({ STARFLEET: {} });
  fake.failNext(name);
  const client = new fake.options.AwsClient({ region: "us-east-2" });
  return client.send(new GetSecretValueCommand({ SecretId: "any" })).catch((error: unknown) => error);
}

/** The parts of an SDK error that the middleware, or a worker's own error handling, can see. */
function shapeOf(error: unknown) {
  const { name, message, $fault, $metadata } = error as Error & {
    $fault: string;
    $metadata: { httpStatusCode: number; attempts: number };
  };
  return {
    name,
    message,
    $fault,
    status: $metadata.httpStatusCode,
    attempts: $metadata.attempts,
    keys: Object.keys(error as object).sort(),
  };
}

afterEach(() => {
  jest.useRealTimers();
});

describe("the worker's entry, from memory", () => {
  it("is served to the middleware with one GetSecretValue call, whatever the invocations", async () => {
    const fake = createTestSecrets(SECRET_DOCUMENT);
    const handler = createHandler(fake.options);

    const results = await Promise.all([invoke(handler), invoke(handler), invoke(handler)]);

    expect(results).toEqual([{ orgs: ["my-org"] }, { orgs: ["my-org"] }, { orgs: ["my-org"] }]);
    expect(fake.calls).toBe(1);
  });

  it("is each test's own: no cache clearing between two secrets", async () => {
    const first = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { first: "1" } });
    const second = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { second: "2" } });

    expect(await invoke(createHandler(first.options))).toEqual({ orgs: ["first"] });
    expect(await invoke(createHandler(second.options))).toEqual({ orgs: ["second"] });
    expect(first.options.config.STARFLEET.SecretsManager?.SecretId).not.toBe(
      second.options.config.STARFLEET.SecretsManager?.SecretId,
    );
  });

  it("options are exactly { config, AwsClient }, the config a valid one naming the secret", () => {
    const fake = createTestSecrets({ STARFLEET: {} }, { secretId: "Starfleet", region: "eu-west-1" });

    expect(Object.keys(fake.options).sort()).toEqual(["AwsClient", "config"]);
    expect(fake.options.config.STARFLEET).toMatchObject({
      SecretsManager: { SecretId: "Starfleet", SecretRegion: "eu-west-1" },
      SlackEnabled: false,
      LogLevel: "INFO",
    });
    expect(Object.isFrozen(fake.options.config.STARFLEET)).toBe(true);
  });

  it("update() is served from the next fetch", async () => {
    const fake = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { old: "1" } });
    const handler = createHandler({ ...fake.options, cacheExpiry: 0 });
    expect(await invoke(handler)).toEqual({ orgs: ["old"] });

    const changed = { STARFLEET: {}, GitHubSyncWorker: { new: "2" } };
    fake.update(changed);
    changed.GitHubSyncWorker.new = "mutated afterwards";

    expect(await invoke(handler)).toEqual({ orgs: ["new"] });
    const client = new fake.options.AwsClient({ region: "us-east-2" });
    const secretId = fake.options.config.STARFLEET.SecretsManager?.SecretId;
    const current = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: secretId, VersionStage: "AWSPREVIOUS" }),
    );
    expect(JSON.parse(current.SecretString as string).GitHubSyncWorker).toEqual({ new: "2" });
    expect(JSON.parse(previous.SecretString as string).GitHubSyncWorker).toEqual({ old: "1" });
  });

  it("answers as the SDK's client: output fields, and a secret not found outside its region", async () => {
    const fake = createTestSecrets({ STARFLEET: {} }, { secretId: "Starfleet" });
    const output = await new fake.options.AwsClient({ region: "us-east-2" }).send(
      new GetSecretValueCommand({ SecretId: "Starfleet" }),
    );
    expect(output).toEqual({
      ARN: expect.stringMatching(
        /^arn:aws:secretsmanager:us-east-2:123456789012:secret:Starfleet-[A-Za-z0-9]{6}$/,
      ),
      Name: "Starfleet",
      VersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      VersionStages: ["AWSCURRENT"],
      SecretString: '{"STARFLEET":{}}',
      CreatedDate: expect.any(Date),
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
    });

    const elsewhere = await new fake.options.AwsClient({ region: "eu-west-1" })
      .send(new GetSecretValueCommand({ SecretId: "Starfleet" }))
      .catch((error: unknown) => error);
    expect(shapeOf(elsewhere)).toEqual(
      shapeOf(
        await realSdkError(
          "ResourceNotFoundException",
          400,
          "Secrets Manager can't find the specified secret.",
        ),
      ),
    );
  });

  it("serves a secret named by ARN in the ARN's region", async () => {
    const arn = "arn:aws:secretsmanager:ap-south-1:111122223333:secret:Starfleet-AbC123";
    const fake = createTestSecrets(SECRET_DOCUMENT, { secretId: arn });
    expect(fake.options.config.STARFLEET.SecretsManager).toEqual({
      SecretId: arn,
      SecretRegion: "ap-south-1",
    });
    expect(await invoke(createHandler(fake.options))).toEqual({ orgs: ["my-org"] });
  });

  it("works with fake timers: answers never wait on a timer", async () => {
    jest.useFakeTimers();
    const fake = createTestSecrets(SECRET_DOCUMENT);
    expect(await invoke(createHandler(fake.options))).toEqual({ orgs: ["my-org"] });
  });

  it("serves getSlackToken() with Slack enabled through the config option", async () => {
    const fake = createTestSecrets(SECRET_DOCUMENT, {
      config: { STARFLEET: { SlackEnabled: true }, GitHubSyncWorkerShip: { Enabled: true } },
    });
    expect(await getSlackToken(fake.options)).toBe(SECRET_VALUES[0]);
    expect(fake.options.config.GitHubSyncWorkerShip).toEqual({ Enabled: true });
  });
});

// Each error with the HTTP status AWS documents for it (Secrets Manager's "Common Errors" and the API
// reference), independent of the kit's own table.
const AWS_ANSWERS: Record<TestAwsErrorName, number> = {
  ResourceNotFoundException: 400,
  AccessDeniedException: 400,
  DecryptionFailure: 400,
  InvalidRequestException: 400,
  InvalidParameterException: 400,
  ThrottlingException: 400,
  ExpiredTokenException: 400,
  UnrecognizedClientException: 400,
  InvalidSignatureException: 400,
  InternalServiceError: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
};

describe("failNext()", () => {
  it.each(Object.entries(AWS_ANSWERS) as [TestAwsErrorName, number][])(
    "%s is thrown as the SDK throws it, and classified as the real one",
    async (name, status) => {
      const fake = (await kitError(name)) as Error;
      const real = await realSdkError(name, status, fake.message);

      expect(shapeOf(fake)).toEqual(shapeOf(real));
      expect(classifyAwsFailure(fake)).toEqual(classifyAwsFailure(real));
    },
  );

  it("a throttle fails the invocation as retryable; the next invocation fetches again and succeeds", async () => {
    const fake = createTestSecrets(SECRET_DOCUMENT);
    fake.failNext("ThrottlingException");
    const handler = createHandler(fake.options);

    await expect(invoke(handler)).rejects.toMatchObject({ code: "FETCH_FAILED", retryable: true });
    expect(await invoke(handler)).toEqual({ orgs: ["my-org"] });
    expect(fake.calls).toBe(2);
  });

  it("a denial is not retryable, and names the secret and region, never a value", async () => {
    const fake = createTestSecrets(SECRET_DOCUMENT, { secretId: "Starfleet" });
    fake.failNext("AccessDeniedException");

    const error = await invoke(createHandler(fake.options)).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: "ACCESS_DENIED", secretId: "Starfleet", region: "us-east-2" });
    expectNoSecretLeak(error);
  });

  it("queues: each call takes the next failure, in order", async () => {
    const fake = createTestSecrets(SECRET_DOCUMENT);
    fake.failNext("InternalServiceError");
    fake.failNext("DecryptionFailure");
    const handler = createHandler(fake.options);

    await expect(invoke(handler)).rejects.toMatchObject({ code: "FETCH_FAILED" });
    await expect(invoke(handler)).rejects.toMatchObject({ code: "DECRYPTION_FAILED" });
    expect(await invoke(handler)).toEqual({ orgs: ["my-org"] });
    expect(fake.calls).toBe(3);
  });

  it("refuses a name that is not an AWS error, suggesting the near miss", () => {
    const fake = createTestSecrets(SECRET_DOCUMENT);
    expect(() => fake.failNext("ThrotlingException" as TestAwsErrorName)).toThrow(
      /^middy-starfleet-secrets\/testing: failNext\("ThrotlingException"\): not an AWS error GetSecretValue fails with \(did you mean "ThrottlingException"\?\); one of ResourceNotFoundException, /,
    );
    expect(() => fake.failNext("Timeout" as TestAwsErrorName)).toThrow(
      /^middy-starfleet-secrets\/testing: failNext\("Timeout"\): not an AWS error GetSecretValue fails with; one of /,
    );
    expect(() => fake.failNext(undefined as unknown as TestAwsErrorName)).toThrow(
      new TypeError("middy-starfleet-secrets/testing: failNext() takes an AWS error's name; got nothing"),
    );
  });
});

describe("mistakes", () => {
  it.each([
    [[], "the document must be an object (the secret's JSON); got an array"],
    [
      { STARFLEET: {}, big: 1n },
      "the document cannot be written as JSON (TypeError): it holds a BigInt or a cycle",
    ],
    [
      { STARFLEET: {}, big: "x".repeat(70_000) },
      "the document is 70025 bytes as JSON; a Secrets Manager secret holds at most 65536",
    ],
  ])("a document %# is refused", (document, message) => {
    expect(() => createTestSecrets(document as never)).toThrow(
      new TypeError(`middy-starfleet-secrets/testing: ${message}`),
    );
  });

  it("update() refuses what createTestSecrets() refuses, quoting no value", () => {
    const fake = createTestSecrets({ STARFLEET: {} });
    const cyclic: Record<string, unknown> = { STARFLEET: { SlackToken: SECRET_VALUES[0] } };
    cyclic.self = cyclic;
    let thrown: unknown;
    try {
      fake.update(cyclic);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(
      new TypeError(
        "middy-starfleet-secrets/testing: update(document): the document cannot be written as JSON (TypeError): " +
          "it holds a BigInt or a cycle",
      ),
    );
    expectNoSecretLeak(thrown);
  });

  it.each([
    [
      { secretID: "x" },
      'unknown option "secretID" (did you mean "secretId"?); the options are secretId, region, config',
    ],
    [{ region: 5 }, "option 'region' must be a non-empty string; got a number"],
    [{ worker: "x" }, 'unknown option "worker"; the options are secretId, region, config'],
    [{ secretId: "" }, "option 'secretId' must be a non-empty string; got an empty string"],
    [{ config: "prod" }, "option 'config' must be a configuration object; got a string"],
    [
      { secretId: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:S-AbC123", region: "us-east-2" },
      "option 'region' is us-east-2 but the secret's ARN is in eu-west-1: leave 'region' out",
    ],
  ])("options %j are refused", (options, message) => {
    expect(() => createTestSecrets({ STARFLEET: {} }, options as never)).toThrow(
      new TypeError(`middy-starfleet-secrets/testing: ${message}`),
    );
  });

  it("options that are not an object are refused", () => {
    expect(() => createTestSecrets({ STARFLEET: {} }, null as never)).toThrow(
      new TypeError("middy-starfleet-secrets/testing: options must be an object; got nothing"),
    );
  });

  it("a config option that makes an invalid configuration fails as a configuration file would", () => {
    const attempt = () => createTestSecrets({ STARFLEET: {} }, { region: "us-east2" });
    expect(attempt).toThrow(StarfleetConfigError);
    expect(attempt).toThrow(/did you mean "us-east-2"/);
  });

  it("the client serves GetSecretValue only, and honours an aborted signal", async () => {
    const fake = createTestSecrets({ STARFLEET: {} });
    const client = new fake.options.AwsClient({ region: "us-east-2" });
    class DescribeSecretCommand {
      readonly input = { SecretId: "x" };
    }
    await expect(client.send(new DescribeSecretCommand() as never)).rejects.toThrow(
      /serves GetSecretValueCommand \(all the middleware sends\), not DescribeSecretCommand$/,
    );
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: "x" }), { abortSignal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(fake.calls).toBe(0);
  });
});

it("a worker's context carries the entry, typed, as with the real client", async () => {
  const fake = createTestSecrets(SECRET_DOCUMENT);
  const seen: unknown[] = [];
  const handler = middy()
    .use(starfleetSecrets<{ "my-org": string }>({ workerName: "GitHubSyncWorker", ...fake.options }))
    .handler(async (_event: unknown, context: LambdaContext & { secrets: { "my-org": string } }) => {
      seen.push(context.secrets["my-org"]);
    });
  await handler({}, lambdaContext());
  expect(seen).toEqual([SECRET_DOCUMENT.GitHubSyncWorker["my-org"]]);
});
