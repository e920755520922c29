import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { format, inspect } from "node:util";
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import middy from "@middy/core";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mockClient } from "aws-sdk-client-mock";
import {
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  type LambdaContext,
  MAX_FETCH_MS,
  MISS_REFETCH_INTERVAL_MS,
  type StarfleetConfig,
  StarfleetSecretsError,
  starfleetSecrets,
} from "../src/index.js";
import {
  lambdaContext,
  recordingLogger,
  SECRET_DOCUMENT,
  SECRET_STRING,
  SECRET_VALUES,
  starfleetConfig,
} from "./support/fixtures.js";

const secretsManager = mockClient(SecretsManagerClient);
const config = starfleetConfig();

function handlerSeeing(options: Parameters<typeof starfleetSecrets>[0]) {
  const seen: { context: LambdaContext & { secrets?: unknown } }[] = [];
  const handler = middy()
    .use(starfleetSecrets({ config, disablePrefetch: true, ...options }))
    .handler(async (_event: unknown, context) => {
      seen.push({ context });
      return context.secrets;
    });
  return { handler, seen };
}

beforeEach(() => {
  clearStarfleetSecretsCache();
  secretsManager.reset();
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET_STRING });
  delete process.env.STARFLEET_WORKER_NAME;
});

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe("starfleetSecrets()", () => {
  it("gives the handler its own worker entry, read from the configured secret", async () => {
    const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });

    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: "Starfleet",
    });
  });

  it("signs for the configured SecretRegion, never AWS_REGION, even when awsClientOptions names another", async () => {
    process.env.AWS_REGION = "eu-west-1";
    const { handler } = handlerSeeing({
      workerName: "GitHubSyncWorker",
      awsClientOptions: { region: "ap-south-1", maxAttempts: 1 },
    });

    await handler({}, lambdaContext());

    const client = secretsManager.call(0).thisValue as SecretsManagerClient;
    await expect(client.config.region()).resolves.toBe("us-east-2");
    expect(client.config.maxAttempts).toBeDefined();
    delete process.env.AWS_REGION;
  });

  it.each([
    ["first", 0],
    ["a warm", 1],
  ])(
    "hides the secrets from JSON.stringify(context) and console.log(context), and freezes them, on %s invocation",
    async (_which, index) => {
      const { handler, seen } = handlerSeeing({ workerName: "GitHubSyncWorker" });
      await handler({}, lambdaContext());
      await handler({}, lambdaContext());
      const context = seen[index]?.context as LambdaContext & { secrets: Record<string, string> };

      expect(JSON.stringify(context)).not.toContain("my-org");
      expect(inspect(context)).not.toContain("my-org");
      // Even the ways of printing that show non-enumerable properties show a getter, not the entry.
      expect(inspect(context, { showHidden: true })).toContain("[secrets]: [Getter]");
      expect(inspect(context, { showHidden: true })).not.toContain("my-org");
      expect(format("%o", context)).not.toContain("my-org");
      expect(JSON.stringify(Object.getOwnPropertyDescriptors(context))).not.toContain("my-org");
      expect(Object.keys(context)).not.toContain("secrets");
      expect(Object.isFrozen(context.secrets)).toBe(true);
      expect(() => {
        (context.secrets as Record<string, string>)["my-org"] = "changed";
      }).toThrow(TypeError);
      expect(() => {
        (context as { secrets: unknown }).secrets = {};
      }).toThrow(TypeError);
    },
  );

  it("exposes no other worker's entry through the context", async () => {
    const { handler, seen } = handlerSeeing({ workerName: "GitHubSyncWorker" });
    await handler({}, lambdaContext());
    const context = seen[0]?.context;

    const everything = inspect(context, { showHidden: true, depth: 20, getters: true });
    expect(everything).not.toContain(SECRET_VALUES[2]);
    expect(everything).not.toContain(SECRET_VALUES[0]);
  });

  it("makes one GetSecretValue call for many invocations, concurrent or not, across middleware instances", async () => {
    const first = handlerSeeing({ workerName: "GitHubSyncWorker" }).handler;
    const second = handlerSeeing({ workerName: "OtherWorker" }).handler;

    const results = await Promise.all(
      Array.from({ length: 25 }, (_, index) => (index % 2 ? first : second)({}, lambdaContext())),
    );
    for (let index = 0; index < 10; index += 1) await first({}, lambdaContext());

    expect(results[1]).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(results[0]).toEqual(SECRET_DOCUMENT.OtherWorker);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("keeps separate secrets apart by region and SecretId", async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: "Other" })
      .resolves({ SecretString: JSON.stringify({ GitHubSyncWorker: "other-secret" }) });
    const a = handlerSeeing({ workerName: "GitHubSyncWorker" }).handler;
    const b = middy()
      .use(
        starfleetSecrets({
          workerName: "GitHubSyncWorker",
          config: starfleetConfig({ SecretId: "Other", SecretRegion: "eu-west-1" }),
          disablePrefetch: true,
        }),
      )
      .handler(async (_event: unknown, context) => context.secrets);

    await expect(a({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    await expect(b({}, lambdaContext())).resolves.toBe("other-secret");
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("does not cache a failed call: the next invocation tries again", async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: "not found", $metadata: {} }))
      .resolves({ SecretString: SECRET_STRING });
    const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("shares one failed in-flight call between concurrent invocations, then retries", async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: "not found", $metadata: {} }))
      .resolves({ SecretString: SECRET_STRING });
    const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });

    const results = await Promise.allSettled([1, 2, 3].map(() => handler({}, lambdaContext())));

    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("creates the SDK client once, lazily", async () => {
    const constructed: unknown[] = [];
    class CountingClient extends SecretsManagerClient {
      constructor(...args: ConstructorParameters<typeof SecretsManagerClient>) {
        super(...args);
        constructed.push(args[0]);
      }
    }
    const { handler } = handlerSeeing({
      workerName: "GitHubSyncWorker",
      AwsClient: CountingClient,
      cacheExpiry: 0,
    });
    expect(constructed).toHaveLength(0);

    for (let index = 0; index < 3; index += 1) await handler({}, lambdaContext());

    expect(constructed).toHaveLength(1);
    expect(constructed[0]).toMatchObject({ region: "us-east-2", requestHandler: { requestTimeout: 3000 } });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it("waits normally when getRemainingTimeInMillis() exceeds what a timer can hold", async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .callsFake(
        () => new Promise((resolve) => setTimeout(() => resolve({ SecretString: SECRET_STRING }), 20)),
      );
    // Middy's own early-timeout timer would overflow too: this test is about ours.
    const handler = middy({ timeoutEarlyInMillis: 0 })
      .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config, disablePrefetch: true }))
      .handler(async (_event: unknown, context) => context.secrets);
    const context = { ...lambdaContext(), getRemainingTimeInMillis: () => 2 ** 31 + 1_000 };

    await expect(handler({}, context)).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("merges a requestHandler object over the default limits, and uses a handler instance as it is", async () => {
    const constructed: unknown[] = [];
    class RecordingClient extends SecretsManagerClient {
      constructor(...args: ConstructorParameters<typeof SecretsManagerClient>) {
        super(...args);
        constructed.push(args[0]?.requestHandler);
      }
    }
    const instance = new NodeHttpHandler({ requestTimeout: 10_000 });
    for (const requestHandler of [{ requestTimeout: 10_000 }, instance, { requestTimeout: undefined }]) {
      const { handler } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        AwsClient: RecordingClient,
        awsClientOptions: { requestHandler },
      });
      await handler({}, lambdaContext());
      clearStarfleetSecretsCache();
    }

    expect(constructed[0]).toEqual({
      connectionTimeout: 1_000,
      requestTimeout: 10_000,
      throwOnRequestTimeout: true,
    });
    expect(constructed[1]).toBe(instance);
    // A limit passed as undefined keeps its default.
    expect(constructed[2]).toEqual({
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      throwOnRequestTimeout: true,
    });
  });

  it("keeps the defaults of options passed as undefined", async () => {
    secretsManager.on(GetSecretValueCommand).rejectsOnce(new Error("socket hang up")).resolves({
      SecretString: SECRET_STRING,
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      // A failed prefetch logs through the default logger, not through an undefined one.
      const handler = middy()
        .use(
          starfleetSecrets({
            workerName: "GitHubSyncWorker",
            config,
            logger: undefined,
            cacheExpiry: undefined,
          }),
        )
        .handler(async (_event: unknown, context) => context.secrets);
      await new Promise((resolve) => setImmediate(resolve));
      for (let invocation = 0; invocation < 5; invocation++) await handler({}, lambdaContext());
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }

    expect(unhandled).toEqual([]);
    // cacheExpiry's default (-1) kept the value: the failed prefetch, then one call.
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("rejects a blank STARFLEET_WORKER_NAME at the factory", () => {
    process.env.STARFLEET_WORKER_NAME = "  ";
    expect(() => starfleetSecrets({ config })).toThrow(
      expect.objectContaining({
        name: "TypeError",
        message: expect.stringContaining("STARFLEET_WORKER_NAME"),
      }),
    );
  });

  it("reads a secret that starts with a byte order mark, as an editor may save it", async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: `\uFEFF${SECRET_STRING}` });
    const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });

    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("takes the worker name from STARFLEET_WORKER_NAME when the option is absent", async () => {
    process.env.STARFLEET_WORKER_NAME = "OtherWorker";
    const { handler } = handlerSeeing({});

    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.OtherWorker);
  });

  it("accepts the configuration as a function, sync or async", async () => {
    const sync = handlerSeeing({ workerName: "GitHubSyncWorker", config: () => config }).handler;
    const asynchronous = handlerSeeing({ workerName: "OtherWorker", config: async () => config }).handler;

    await expect(sync({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    await expect(asynchronous({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.OtherWorker);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  describe("warm invocations", () => {
    /** A secret whose every worker entry is `{ version }`, for the workers given. */
    function versioned(version: number, workers: string[]) {
      return {
        SecretString: JSON.stringify({
          STARFLEET: { SlackToken: SECRET_VALUES[0] },
          ...Object.fromEntries(workers.map((worker) => [worker, { version }])),
        }),
      };
    }
    const calls = () => secretsManager.commandCalls(GetSecretValueCommand).length;

    it("fetch again after clearStarfleetSecretsCache(), and serve what that fetch brought", async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .resolvesOnce(versioned(1, ["GitHubSyncWorker"]))
        .resolves(versioned(2, ["GitHubSyncWorker"]));
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });
      await expect(handler({}, lambdaContext())).resolves.toEqual({ version: 1 });
      await expect(handler({}, lambdaContext())).resolves.toEqual({ version: 1 });

      clearStarfleetSecretsCache();

      await expect(handler({}, lambdaContext())).resolves.toEqual({ version: 2 });
      await expect(handler({}, lambdaContext())).resolves.toEqual({ version: 2 });
      expect(calls()).toBe(2);
    });

    it("see the new document another worker's refetch brought (its entry was missing), without a call of their own", async () => {
      secretsManager
        .on(GetSecretValueCommand)
        .resolvesOnce(versioned(1, ["GitHubSyncWorker"]))
        .resolves(versioned(2, ["GitHubSyncWorker", "NewWorker"]));
      const ours = handlerSeeing({ workerName: "GitHubSyncWorker" }).handler;
      const newcomer = handlerSeeing({ workerName: "NewWorker" }).handler;
      await expect(ours({}, lambdaContext())).resolves.toEqual({ version: 1 });
      await expect(ours({}, lambdaContext())).resolves.toEqual({ version: 1 });

      // The operator added NewWorker's entry and changed ours; NewWorker's first invocation looks again.
      await expect(newcomer({}, lambdaContext())).resolves.toEqual({ version: 2 });

      await expect(ours({}, lambdaContext())).resolves.toEqual({ version: 2 });
      expect(calls()).toBe(2);
    });

    it("of an optional worker without an entry keep looking for it, at most once per interval", async () => {
      let now = 1_900_000_000_000;
      jest.spyOn(Date, "now").mockImplementation(() => now);
      secretsManager
        .on(GetSecretValueCommand)
        .resolvesOnce(versioned(1, ["OtherWorker"]))
        .resolvesOnce(versioned(1, ["OtherWorker"]))
        .resolves(versioned(2, ["OtherWorker", "NewWorker"]));
      const { handler } = handlerSeeing({ workerName: "NewWorker", optional: true });
      await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
      // The first invocation after the fetch looks once more (an operator may just have added it)...
      await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
      expect(calls()).toBe(2);
      // ...then not again within the interval...
      for (let invocation = 0; invocation < 5; invocation += 1) {
        now += 1_000;
        await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
      }
      expect(calls()).toBe(2);

      // ...and once it has passed, finds the entry added meanwhile.
      now += MISS_REFETCH_INTERVAL_MS;
      await expect(handler({}, lambdaContext())).resolves.toEqual({ version: 2 });
      expect(calls()).toBe(3);
    });

    it("call a config function each time, and give each configuration its own secret's entry", async () => {
      secretsManager
        .on(GetSecretValueCommand, { SecretId: "Starfleet" })
        .resolves(versioned(1, ["GitHubSyncWorker"]));
      secretsManager
        .on(GetSecretValueCommand, { SecretId: "Other" })
        .resolves(versioned(2, ["GitHubSyncWorker"]));
      const other = starfleetConfig({ SecretId: "Other", SecretRegion: "us-east-2" });
      const configs = [config, config, config, other, other, other, config, config, other];
      let produced = 0;
      const { handler } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: () => configs[produced++ % configs.length] as StarfleetConfig,
      });
      const version = async () => ((await handler({}, lambdaContext())) as { version: number }).version;

      const versions = [];
      for (const _ of configs) versions.push(await version());

      expect(produced).toBe(configs.length);
      expect(versions).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 2]);
      expect(calls()).toBe(2);

      // The configuration is the same as last time, but the store was cleared since.
      clearStarfleetSecretsCache();
      await expect(version()).resolves.toBe(1);
      expect(calls()).toBe(3);
    });
  });

  describe("when optional", () => {
    it("leaves context.secrets undefined when Secrets Manager is not configured, without calling AWS", async () => {
      const { handler, seen } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        optional: true,
        config: starfleetConfig(null),
      });

      await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
      expect("secrets" in (seen[0]?.context ?? {})).toBe(true);
      expect(secretsManager.calls()).toHaveLength(0);
    });

    it("leaves context.secrets undefined when the worker has no entry", async () => {
      const { handler } = handlerSeeing({ workerName: "NewWorker", optional: true });

      await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
    });
  });

  describe("when not optional", () => {
    it("fails with NOT_CONFIGURED and the YAML to add when Secrets Manager is not configured", async () => {
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", config: starfleetConfig(null) });

      const error = await handler({}, lambdaContext()).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(StarfleetSecretsError);
      expect(error).toMatchObject({ code: "NOT_CONFIGURED", workerName: "GitHubSyncWorker" });
      expect((error as Error).message).toContain("SecretsManager:\n    SecretId:");
      expect(secretsManager.calls()).toHaveLength(0);
    });

    it("fails with WORKER_MISSING naming the worker and the secret", async () => {
      const { handler } = handlerSeeing({ workerName: "NewWorker" });

      await expect(handler({}, lambdaContext())).rejects.toMatchObject({
        code: "WORKER_MISSING",
        workerName: "NewWorker",
        secretId: "Starfleet",
        region: "us-east-2",
        message: expect.stringContaining('no entry for worker "NewWorker"'),
      });
    });
  });

  describe("a configuration built in code", () => {
    it("is validated by the loader's rules at the first invocation, not at the factory", async () => {
      const typo = starfleetConfig({ SecretId: "Starfleet", SecretRegion: "us-east2" });
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", config: typo });

      await expect(handler({}, lambdaContext())).rejects.toMatchObject({
        name: "StarfleetConfigError",
        issues: [expect.objectContaining({ path: "STARFLEET.SecretsManager.SecretRegion" })],
      });
      expect(secretsManager.calls()).toHaveLength(0);
    });

    it("must be a plain object: a class instance is refused with a message that says so", async () => {
      class BuiltConfig {
        STARFLEET = config.STARFLEET;
      }
      const { handler } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: new BuiltConfig() as unknown as StarfleetConfig,
      });

      const error = await handler({}, lambdaContext()).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ name: "StarfleetConfigError" });
      expect((error as Error).message).toContain("got an instance of BuiltConfig");
      expect((error as Error).message).not.toContain("got a mapping");
    });

    it("is left as the caller built it: nothing of it is frozen, though the configuration used is", async () => {
      const built = {
        ...starfleetConfig(undefined, { ThirdPartyLoggerLevels: { botocore: "WARNING" } }),
        GitHubSyncWorkerShip: { Orgs: ["my-org"] },
      } as StarfleetConfig;
      const seen: StarfleetConfig[] = [];
      const handler = middy()
        .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config: built }))
        .handler(async () => undefined);
      await handler({}, lambdaContext());
      const fromFunction = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: () => {
          seen.push(built);
          return built;
        },
      }).handler;
      await fromFunction({}, lambdaContext());

      expect(seen).toHaveLength(1);
      expect(Object.isFrozen(built)).toBe(false);
      expect(Object.isFrozen(built.STARFLEET)).toBe(false);
      expect(Object.isFrozen(built.STARFLEET.ThirdPartyLoggerLevels)).toBe(false);
      expect(Object.isFrozen((built as Record<string, unknown>).GitHubSyncWorkerShip)).toBe(false);
      (built.STARFLEET as { LogLevel: string }).LogLevel = "DEBUG";
      expect(built.STARFLEET.LogLevel).toBe("DEBUG");
    });

    it("is validated once per object: a change to it after its first use is not seen", async () => {
      const built = starfleetConfig() as { STARFLEET: Record<string, unknown> };
      const { handler } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: () => built as StarfleetConfig,
      });
      await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);

      delete built.STARFLEET.DeploymentRegion;

      await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      const other = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: () => ({ ...built }) as StarfleetConfig,
      });
      await expect(other.handler({}, lambdaContext())).rejects.toMatchObject({
        name: "StarfleetConfigError",
      });
    });

    it.each([
      ["nothing", () => undefined, "got an empty value"],
      ["a list", () => [config], "got a list"],
      ["a string", async () => "configuration_files", "got a string"],
    ])("returned as %s by a function is refused, saying what came back", async (_what, source, got) => {
      const { handler } = handlerSeeing({
        workerName: "GitHubSyncWorker",
        config: source as unknown as () => StarfleetConfig,
      });

      const error = await handler({}, lambdaContext()).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ name: "StarfleetConfigError" });
      expect((error as Error).message).toBe(
        "Invalid Starfleet configuration:\n  - The configuration must be a plain object with a STARFLEET stanza (an " +
          `object literal, or what loadStarfleetConfig() returns), ${got}. Copy a class instance into one: ` +
          "{ ...config }.",
      );
    });

    it("must be plain data: a function inside it is refused, naming the problem", async () => {
      const withFunction = starfleetConfig(undefined, { Hook: () => undefined });
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", config: withFunction });

      const error = await handler({}, lambdaContext()).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ name: "StarfleetConfigError" });
      expect((error as Error).message).toBe(
        "Invalid Starfleet configuration:\n  - The configuration must be plain data, as YAML gives (objects, " +
          "lists, strings, numbers, booleans); it holds something that cannot be copied (DataCloneError), such " +
          "as a function.",
      );
    });

    it("is validated when a function returns it, sync or async", async () => {
      const invalid = { STARFLEET: { DeploymentRegion: "us-east-2" } } as unknown as StarfleetConfig;
      for (const source of [() => invalid, async () => invalid]) {
        const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", config: source });

        await expect(handler({}, lambdaContext())).rejects.toMatchObject({ name: "StarfleetConfigError" });
      }
    });
  });

  describe("prefetch", () => {
    it("starts the fetch at the factory when the configuration is at hand", async () => {
      starfleetSecrets({ workerName: "GitHubSyncWorker", config });
      await new Promise((resolve) => setImmediate(resolve));

      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    });

    it("lets the first invocation pick up the prefetched value without a second call", async () => {
      const handler = middy()
        .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config }))
        .handler(async (_event: unknown, context) => context.secrets);

      await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    });

    it("does not prefetch when disabled, when cacheExpiry is 0, or when the configuration is a function", async () => {
      starfleetSecrets({ workerName: "GitHubSyncWorker", config, disablePrefetch: true });
      starfleetSecrets({ workerName: "GitHubSyncWorker", config, cacheExpiry: 0 });
      starfleetSecrets({ workerName: "GitHubSyncWorker", config: () => config });
      await new Promise((resolve) => setImmediate(resolve));

      expect(secretsManager.calls()).toHaveLength(0);
    });

    it(`gives up on a prefetch nobody waits for after ${MAX_FETCH_MS} ms`, async () => {
      jest.useFakeTimers();
      secretsManager
        .on(GetSecretValueCommand)
        .callsFakeOnce(() => new Promise(() => {}))
        .resolves({ SecretString: SECRET_STRING });
      starfleetSecrets({ workerName: "GitHubSyncWorker", config });
      await jest.advanceTimersByTimeAsync(MAX_FETCH_MS);

      // The invocation makes a call of its own instead of waiting for the abandoned one until its deadline.
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });
      const result = handler({}, lambdaContext()).catch((caught: unknown) => caught);
      await jest.advanceTimersByTimeAsync(30_000);

      await expect(result).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    });
  });

  describe("a request that never answers, under steady traffic", () => {
    /** Invocations with 3 s each, one every 300 ms for `forMs`, as a busy Managed Instances container. */
    async function steadyTraffic(handler: ReturnType<typeof handlerSeeing>["handler"], forMs: number) {
      const outcomes: Promise<unknown>[] = [];
      for (let elapsed = 0; elapsed < forMs; elapsed += 300) {
        outcomes.push(
          handler({}, lambdaContext(3_000)).then(
            (value) => ({ ok: value }),
            (error: unknown) => ({ failed: (error as StarfleetSecretsError).code }),
          ),
        );
        await jest.advanceTimersByTimeAsync(300);
      }
      await jest.advanceTimersByTimeAsync(5_000);
      return Promise.all(outcomes);
    }

    it(`is given up within ${MAX_FETCH_MS} ms however many invocations join it, and the container recovers`, async () => {
      jest.useFakeTimers();
      secretsManager
        .on(GetSecretValueCommand)
        .callsFakeOnce(() => new Promise(() => {}))
        .resolves({ SecretString: SECRET_STRING });
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker" });

      const outcomes = await steadyTraffic(handler, MAX_FETCH_MS + 6_000);

      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
      expect(outcomes.at(-1)).toEqual({ ok: SECRET_DOCUMENT.GitHubSyncWorker });
      const firstSuccess = outcomes.findIndex((outcome) => "ok" in (outcome as object));
      expect(firstSuccess * 300).toBeLessThanOrEqual(MAX_FETCH_MS);
    });

    it("with a last good value, is given up at the deadline of the invocation that started it, then backs off", async () => {
      jest.useFakeTimers();
      const warnedAt: number[] = [];
      const logger = { warn: () => warnedAt.push(Date.now()) };
      secretsManager
        .on(GetSecretValueCommand)
        .resolvesOnce({ SecretString: SECRET_STRING })
        .callsFakeOnce(() => new Promise(() => {}))
        .resolves({ SecretString: SECRET_STRING });
      const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", cacheExpiry: 1_000, logger });
      await handler({}, lambdaContext());
      await jest.advanceTimersByTimeAsync(1_000);
      const trafficStart = Date.now();

      const outcomes = await steadyTraffic(handler, 3_000);

      // Every invocation had the last good value, and the hung refresh ended with the invocation that
      // started it (3 s less the deadline margin), not kept alive by the invocations that came after it.
      expect(outcomes.every((outcome) => "ok" in (outcome as object))).toBe(true);
      expect(warnedAt[0]).toBe(trafficStart + 3_000 - DEADLINE_MARGIN_MS);
    });
  });

  describe("prefetch, continued", () => {
    it("does not replay a failed prefetch's error, and leaves no unhandled rejection", async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      secretsManager
        .on(GetSecretValueCommand)
        .rejectsOnce(new Error("socket hang up"))
        .resolves({ SecretString: SECRET_STRING });

      const handler = middy()
        .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config }))
        .handler(async (_event: unknown, context) => context.secrets);
      await new Promise((resolve) => setTimeout(resolve, 20));

      await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
      process.off("unhandledRejection", onUnhandled);
      expect(unhandled).toEqual([]);
    });
  });

  describe("options", () => {
    it("throws a TypeError at the factory when no worker name is given", () => {
      expect(() => starfleetSecrets({ config })).toThrow(
        expect.objectContaining({
          name: "TypeError",
          message: expect.stringContaining("STARFLEET_WORKER_NAME"),
        }),
      );
    });

    it.each([
      [{ workerName: 42 }, "workerName"],
      [{ workerName: "" }, "workerName"],
      [{ workerName: " \t" }, "workerName"],
      [{ optional: "yes" }, "optional"],
      [{ disablePrefetch: 1 }, "disablePrefetch"],
      [{ AwsClient: {} }, "AwsClient"],
      [{ awsClientOptions: "us-east-1" }, "awsClientOptions"],
      [{ cacheExpiry: -2 }, "cacheExpiry"],
      [{ cacheExpiry: "60000" }, "cacheExpiry"],
      [{ cacheExpiry: Number.NaN }, "cacheExpiry"],
      [{ cacheExpiry: Number.POSITIVE_INFINITY }, "cacheExpiry"],
      [{ logger: {} }, "logger"],
      [{ logger: { warn: () => {}, debug: "loud" } }, "logger.debug"],
      [{ config: "configuration_files" }, "config"],
      [{ config: { Starfleet: {} } }, "config"],
      [{ cacheExpire: 1000 }, "cacheExpire"],
    ])("rejects %j at the factory, naming %s", (bad, name) => {
      expect(() => starfleetSecrets({ workerName: "GitHubSyncWorker", config, ...(bad as object) })).toThrow(
        expect.objectContaining({ name: "TypeError", message: expect.stringContaining(name) }),
      );
    });

    it("throws nothing at the factory for a configuration problem: the invocation reports it", async () => {
      process.env.STARFLEET_CONFIG_DIR = "/nonexistent/configuration_files";
      try {
        const handler = middy()
          .use(starfleetSecrets({ workerName: "GitHubSyncWorker" }))
          .handler(async () => "ran");

        await expect(handler({}, lambdaContext())).rejects.toMatchObject({
          name: "StarfleetConfigError",
          message: expect.stringContaining("/nonexistent/configuration_files"),
        });
      } finally {
        delete process.env.STARFLEET_CONFIG_DIR;
      }
    });

    it("reads the configuration folder again at each invocation until it loads, then keeps it", async () => {
      const root = mkdtempSync(path.join(tmpdir(), "starfleet-middleware-"));
      const folder = path.join(root, "configuration_files");
      process.env.STARFLEET_CONFIG_DIR = folder;
      try {
        const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", config: undefined });
        await expect(handler({}, lambdaContext())).rejects.toMatchObject({ name: "StarfleetConfigError" });

        mkdirSync(folder);
        writeFileSync(path.join(folder, "starfleet.yaml"), JSON.stringify(config));
        await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);

        rmSync(folder, { recursive: true });
        await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      } finally {
        delete process.env.STARFLEET_CONFIG_DIR;
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  it("logs nothing on the happy path but a debug line, and never a value", async () => {
    const { lines, logger } = recordingLogger();
    const { handler } = handlerSeeing({ workerName: "GitHubSyncWorker", logger });

    await handler({}, lambdaContext());

    expect(lines.map((line) => line.level)).toEqual(["debug"]);
    expect(lines[0]?.details[0]).toMatchObject({ secretId: "Starfleet", region: "us-east-2" });
    expect(inspect(lines, { depth: 10 })).not.toContain(SECRET_VALUES[1]);
  });

  it("prints nothing to the console by default on the happy path", async () => {
    const printed = (["log", "info", "debug", "warn", "error"] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(() => {}),
    );
    const handler = middy()
      .use(starfleetSecrets({ workerName: "GitHubSyncWorker", config }))
      .handler(async (_event: unknown, context) => context.secrets);

    await handler({}, lambdaContext());

    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  });

  it("sends warnings to console.warn by default, without values", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    const handler = middy()
      .use(
        starfleetSecrets({ workerName: "GitHubSyncWorker", config, cacheExpiry: 0, disablePrefetch: true }),
      )
      .handler(async (_event: unknown, context) => context.secrets);
    await handler({}, lambdaContext());
    secretsManager.on(GetSecretValueCommand).rejects(new Error("socket hang up"));

    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatchObject({ secretId: "Starfleet", error: "FETCH_FAILED" });
    expect(inspect(warn.mock.calls, { depth: 10 })).not.toContain(SECRET_VALUES[1]);
  });
});
