import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import middy from "@middy/core";
import { mockClient } from "aws-sdk-client-mock";
import {
  clearStarfleetSecretsCache,
  getSlackToken,
  MAX_FETCH_MS,
  StarfleetSecretsError,
  starfleetSecrets,
} from "../src/index.js";
import { frameworkProblem, slackTokenProblem } from "../src/slack/secret-shape.js";
import {
  expectNoSecretLeak,
  lambdaContext,
  SECRET_DOCUMENT,
  SECRET_STRING,
  SECRET_VALUES,
  starfleetConfig,
} from "./support/fixtures.js";

const secretsManager = mockClient(SecretsManagerClient);
const slackConfig = starfleetConfig(null, {
  SecretsManager: { SecretId: "Starfleet", SecretRegion: "us-east-2" },
  SlackEnabled: true,
});

beforeEach(() => {
  clearStarfleetSecretsCache();
  secretsManager.reset();
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET_STRING });
});

afterEach(() => {
  jest.useRealTimers();
});

describe("getSlackToken()", () => {
  it("returns STARFLEET.SlackToken from the shared secret", async () => {
    await expect(getSlackToken({ config: slackConfig })).resolves.toBe(SECRET_VALUES[0]);
  });

  it("makes no extra API call when a middleware in the container already fetched", async () => {
    const handler = middy()
      .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config: slackConfig, disablePrefetch: true }))
      .handler(async () => getSlackToken({ config: slackConfig }));

    await expect(handler({}, lambdaContext())).resolves.toBe(SECRET_VALUES[0]);
    await getSlackToken({ config: slackConfig });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("fails with SLACK_NOT_ENABLED, without calling AWS, when Slack is not enabled", async () => {
    const error = await getSlackToken({ config: starfleetConfig() }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StarfleetSecretsError);
    expect(error).toMatchObject({
      code: "SLACK_NOT_ENABLED",
      message: expect.stringContaining("SlackEnabled: true"),
    });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it("rejects a configuration that enables Slack without Secrets Manager, by the loader's rules", async () => {
    const config = starfleetConfig(null, { SlackEnabled: true });

    await expect(getSlackToken({ config })).rejects.toMatchObject({
      name: "StarfleetConfigError",
      issues: [expect.objectContaining({ path: "STARFLEET.SlackEnabled" })],
    });
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it.each([
    [{ GitHubSyncWorker: SECRET_DOCUMENT.GitHubSyncWorker }, 'no "STARFLEET" entry'],
    [{ STARFLEET: SECRET_VALUES[0] }, '"STARFLEET" is a string, not an object'],
    [{ STARFLEET: {} }, "STARFLEET.SlackToken is missing"],
    [{ STARFLEET: { SlackToken: 4711 } }, "STARFLEET.SlackToken is a number, not a string"],
    [{ STARFLEET: { SlackToken: [SECRET_VALUES[0]] } }, "STARFLEET.SlackToken is an array, not a string"],
    [{ STARFLEET: { SlackToken: " " } }, "STARFLEET.SlackToken is empty"],
  ])("fails with SLACK_TOKEN_MISSING for %j", async (document, reason) => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(document) });

    const error = await getSlackToken({ config: slackConfig }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "SLACK_TOKEN_MISSING", secretId: "Starfleet", region: "us-east-2" });
    expect((error as Error).message).toContain(reason);
    expectNoSecretLeak(error);
  });

  it("uses the given client class and options, with the configured region", async () => {
    const regions: unknown[] = [];
    class RecordingClient extends SecretsManagerClient {
      constructor(...args: ConstructorParameters<typeof SecretsManagerClient>) {
        super(...args);
        regions.push(args[0]?.region);
      }
    }

    await getSlackToken({
      config: slackConfig,
      AwsClient: RecordingClient,
      awsClientOptions: { region: "eu-west-1" },
    });

    expect(regions).toEqual(["us-east-2"]);
  });

  it(`gives up on a hung fetch after ${MAX_FETCH_MS} ms, and the next call fetches again`, async () => {
    jest.useFakeTimers();
    secretsManager
      .on(GetSecretValueCommand)
      .callsFakeOnce(() => new Promise(() => {}))
      .resolves({ SecretString: SECRET_STRING });

    const first = getSlackToken({ config: slackConfig }).catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(MAX_FETCH_MS);

    await expect(first).resolves.toMatchObject({ code: "FETCH_FAILED" });
    await expect(getSlackToken({ config: slackConfig })).resolves.toBe(SECRET_VALUES[0]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("reuses one client per distinct set of options, however many calls bring them", async () => {
    for (let call = 0; call < 5; call += 1) {
      await getSlackToken({ config: slackConfig, cacheExpiry: 0, awsClientOptions: { maxAttempts: 2 } });
    }
    await getSlackToken({ config: slackConfig, cacheExpiry: 0, awsClientOptions: { maxAttempts: 3 } });

    const clients = secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.thisValue);
    expect(clients).toHaveLength(6);
    expect(new Set(clients).size).toBe(2);
  });

  it("shares a client between calls with equal settings, compared member by member", async () => {
    const credentials = async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" });
    const otherCredentials = async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" });
    class OtherClient extends SecretsManagerClient {}
    const settings: Parameters<typeof getSlackToken>[0][] = [
      { awsClientOptions: { maxAttempts: 4, requestHandler: { requestTimeout: 250 } } },
      { awsClientOptions: { maxAttempts: 4, requestHandler: { requestTimeout: 250 } } },
      { awsClientOptions: { maxAttempts: 4, requestHandler: { requestTimeout: 251 } } },
      { awsClientOptions: { maxAttempts: 4 } },
      { awsClientOptions: { maxAttempts: 4, retryMode: "adaptive" } },
      { awsClientOptions: { maxAttempts: 4, customUserAgent: [["starfleet", "1"]] } },
      { awsClientOptions: { maxAttempts: 4, customUserAgent: [["starfleet", "1"]] } },
      { awsClientOptions: { maxAttempts: 4, customUserAgent: [["starfleet", "2"]] } },
      { awsClientOptions: { maxAttempts: 4, credentials } },
      { awsClientOptions: { maxAttempts: 4, credentials } },
      { awsClientOptions: { maxAttempts: 4, credentials: otherCredentials } },
      { awsClientOptions: { maxAttempts: 4 }, AwsClient: OtherClient },
    ];
    for (const options of settings) await getSlackToken({ config: slackConfig, cacheExpiry: 0, ...options });

    const clients = secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.thisValue);
    const sameAsPrevious = clients.slice(1).map((client, index) => client === clients[index]);
    expect(sameAsPrevious).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
    expect(clients[11]).toBeInstanceOf(OtherClient);
    expect(clients[11]).not.toBe(clients[3]);
  });

  it("remembers at most 8 sets of client options, so options made anew per call cannot grow it", async () => {
    // Sets no other test uses: nine new ones, then the last again, then the first again.
    const withAttempts = (maxAttempts: number) =>
      getSlackToken({ config: slackConfig, cacheExpiry: 0, awsClientOptions: { maxAttempts } });
    for (let attempts = 101; attempts <= 109; attempts += 1) await withAttempts(attempts);
    await withAttempts(109);
    await withAttempts(101);

    const clients = secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.thisValue);
    expect(clients[9]).toBe(clients[8]);
    expect(clients[10]).not.toBe(clients[0]);
  });

  it("rejects bad options with a TypeError", async () => {
    await expect(getSlackToken({ cacheExpiry: -5 })).rejects.toThrow(TypeError);
    await expect(getSlackToken({ workerName: "x" } as never)).rejects.toThrow(/workerName/);
  });
});

// The same findings drive `starfleet-secrets check` and `set`, which tell them apart by code.
describe("the shape of STARFLEET and its Slack token", () => {
  it.each([
    [{}, "STARFLEET_MISSING", 'the secret has no "STARFLEET" entry'],
    [{ STARFLEET: [] }, "STARFLEET_NOT_AN_OBJECT", '"STARFLEET" is an array, not an object'],
  ])("%j: %s", (document, code, message) => {
    expect(frameworkProblem(document)).toEqual({ code, message });
  });

  it.each([
    [{}, "SLACK_TOKEN_MISSING", "STARFLEET.SlackToken is missing"],
    [{ SlackToken: true }, "SLACK_TOKEN_NOT_A_STRING", "STARFLEET.SlackToken is a boolean, not a string"],
    [{ SlackToken: "\t" }, "SLACK_TOKEN_EMPTY", "STARFLEET.SlackToken is empty"],
  ])("%j: %s", (framework, code, message) => {
    expect(slackTokenProblem(framework)).toEqual({ code, message });
  });

  it("finds nothing wrong with a STARFLEET object holding a token", () => {
    expect(frameworkProblem({ STARFLEET: { SlackToken: "xoxb-1" } })).toBeUndefined();
    expect(slackTokenProblem({ SlackToken: "xoxb-1" })).toBeUndefined();
  });
});
