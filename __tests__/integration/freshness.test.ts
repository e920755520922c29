// Freshness and resilience through the real SDK over HTTP, with faults injected by the local endpoint.
// The clock is Date.now (spied) and the expiry spread is Math.random (spied): no sleeps for expiry or backoff.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from "@jest/globals";
import middy from "@middy/core";
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  getSlackToken,
  MISS_REFETCH_INTERVAL_MS,
  STALE_WAIT_MS,
  type StarfleetSecretsOptions,
  starfleetSecrets,
} from "../../src/index.js";
import { type Fault, type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import {
  expectNoSecretLeak,
  lambdaContext,
  recordingLogger,
  starfleetConfig,
  waitFor,
} from "../support/fixtures.js";

const T0 = 1_900_000_000_000;
let now = T0;
let server: LocalSecretsManager;
let log: ReturnType<typeof recordingLogger>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const savedEnv = { ...process.env };
let resourcesBefore: string[] = [];
const config = starfleetConfig();

/** A secret whose every value carries its version, so a torn read would show mixed versions. */
function versionedSecret(version: number, workers = ["GitHubSyncWorker"]): string {
  const document: Record<string, unknown> = {
    STARFLEET: { SlackToken: `xoxb-v${version}-SeCrEtToKeN-abcdef` },
  };
  for (const worker of workers) {
    document[worker] = {
      version,
      token: `v${version}-${worker}-SeCrEtVaLuE`,
      key: `v${version}-KeY-SeCrEt-123`,
    };
  }
  return JSON.stringify(document);
}
const SECRET_FRAGMENTS = ["SeCrEtToKeN-abcdef", "SeCrEtVaLuE", "KeY-SeCrEt-123"];

function handlerWith(options: StarfleetSecretsOptions = {}) {
  return middy()
    .use(
      starfleetSecrets({
        workerName: "GitHubSyncWorker",
        config,
        disablePrefetch: true,
        logger: log.logger,
        awsClientOptions: { maxAttempts: 1 },
        ...options,
      }),
    )
    .handler(
      async (_event: unknown, context) => context.secrets as { version: number; token: string; key: string },
    );
}

/** Invokes until a version other than 1 shows, at most 20 times (each waits at most STALE_WAIT_MS). */
async function versionAfterRefresh(handler: ReturnType<typeof handlerWith>): Promise<number> {
  let version = 1;
  for (let invocation = 0; version === 1 && invocation < 20; invocation += 1) {
    version = (await handler({}, lambdaContext())).version;
  }
  return version;
}

function useFakeClock(): void {
  now = T0;
  jest.spyOn(Date, "now").mockImplementation(() => now);
}

function warnings() {
  return log.lines.filter((line) => line.level === "warn");
}

/** Timers and sockets still alive: an abandoned fetch or a forgotten timer would show up here. */
function liveHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => /Timeout|TCP|Socket/.test(kind))
    .sort();
}

function countByKind(kinds: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

beforeAll(async () => {
  resourcesBefore = liveHandles();
  server = await startLocalSecretsManager({ secrets: { Starfleet: versionedSecret(1) } });
  process.on("unhandledRejection", onUnhandled);
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server.close();
  // Client sockets see the server's close a few ticks later; give them a bounded moment.
  for (let tick = 0; tick < 50 && liveHandles().length > resourcesBefore.length; tick += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(unhandled).toEqual([]);
  // Other test files in this jest worker may have left handles before we started: none may be added.
  const before = countByKind(resourcesBefore);
  for (const [kind, count] of Object.entries(countByKind(liveHandles()))) {
    expect({ kind, count }).toEqual({ kind, count: Math.min(count, before[kind] ?? 0) });
  }
});

beforeEach(() => {
  log = recordingLogger();
  clearStarfleetSecretsCache();
  server.setSecret("Starfleet", versionedSecret(1));
  server.clearFaults();
  server.reset();
  jest.spyOn(Math, "random").mockReturnValue(0);
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = server.endpoint;
  process.env.AWS_ACCESS_KEY_ID = "AKIDTEST";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  expectNoSecretLeak(log.lines, SECRET_FRAGMENTS);
  // Checked after each test as well as at the end, so that the test that left one fails.
  expect(unhandled.splice(0)).toEqual([]);
});

describe("cacheExpiry", () => {
  it("-1 (default) keeps the secret for the container's life", async () => {
    useFakeClock();
    const handler = handlerWith();
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    now += 30 * 24 * 3600_000;

    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(1);
  });

  it("a positive TTL refetches on the first invocation after expiry, and sees a changed secret", async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 60_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));

    now = T0 + 59_999;
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(1);

    now = T0 + 60_000;
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 2 });
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 2 });
    expect(server.callCount()).toBe(2);
  });

  it.each([
    [0, 60_000],
    [0.5, 54_000],
    [0.999_999, 48_000],
  ])(
    "spreads each container's expiry over the last 20%% of the TTL (random %f expires at %d ms)",
    async (random, expiresAt) => {
      useFakeClock();
      jest.spyOn(Math, "random").mockReturnValue(random);
      const handler = handlerWith({ cacheExpiry: 60_000 });
      await handler({}, lambdaContext());

      now = T0 + expiresAt - 1;
      await handler({}, lambdaContext());
      expect(server.callCount()).toBe(1);

      now = T0 + expiresAt + 1;
      await handler({}, lambdaContext());
      expect(server.callCount()).toBe(2);
    },
  );

  it("0 fetches on every invocation", async () => {
    const handler = handlerWith({ cacheExpiry: 0 });
    for (let version = 1; version <= 3; version += 1) {
      server.setSecret("Starfleet", versionedSecret(version));
      await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version });
    }
    expect(server.callCount()).toBe(3);
  });

  it("shares one refresh between concurrent invocations after expiry", async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    now = T0 + 5_000;

    const results = await Promise.all(Array.from({ length: 30 }, () => handler({}, lambdaContext())));

    expect(results.every((result) => result.version === 2)).toBe(true);
    expect(server.callCount()).toBe(2);
  });
});

describe("serve stale on error", () => {
  const faults: [string, Fault, StarfleetSecretsOptions["awsClientOptions"]][] = [
    ["throttling", { kind: "throttle", times: Number.POSITIVE_INFINITY }, { maxAttempts: 1 }],
    [
      "InternalServiceError (HTTP 500)",
      { kind: "internal", times: Number.POSITIVE_INFINITY },
      { maxAttempts: 1 },
    ],
    ["a connection reset", { kind: "reset", times: Number.POSITIVE_INFINITY }, { maxAttempts: 1 }],
    [
      "a response slower than the timeout",
      { kind: "slow", delayMs: 1_000, times: Number.POSITIVE_INFINITY },
      { maxAttempts: 1, requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true } },
    ],
  ];

  it.each(faults)(
    "keeps serving the last good value through %s, with a warning and no value logged",
    async (_name, fault, awsClientOptions) => {
      useFakeClock();
      const handler = handlerWith({ cacheExpiry: 1_000, awsClientOptions });
      await handler({}, lambdaContext());
      server.setSecret("Starfleet", versionedSecret(2));
      server.injectFault(fault);
      now = T0 + 2_000;

      await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });

      expect(server.callCount()).toBe(2);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]?.details[0]).toMatchObject({
        secretId: "Starfleet",
        region: "us-east-2",
        workerName: "GitHubSyncWorker",
        error: "FETCH_FAILED",
        retryInMs: BACKOFF_BASE_MS,
      });
    },
  );

  it(`waits at most ${STALE_WAIT_MS} ms for a hung refresh, then serves the last good value; the refresh goes on for later invocations`, async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    // Answered after the stale wait, within the per-attempt timeout (3 s) and the invocation's deadline (30 s).
    server.injectFault({ kind: "slow", delayMs: 2 * STALE_WAIT_MS });
    now = T0 + 2_000;

    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });

    // Later invocations join the same refresh (no new call) and see its value once it arrives.
    await expect(versionAfterRefresh(handler)).resolves.toBe(2);
    expect(server.callCount()).toBe(2);
    expect(warnings()).toEqual([]);
  });

  it("an invocation that has a last good value does not cut short a slow refresh getSlackToken() started", async () => {
    useFakeClock();
    const slackConfig = starfleetConfig(undefined, { SlackEnabled: true });
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    server.injectFault({ kind: "slow", delayMs: 2 * STALE_WAIT_MS });
    now = T0 + 2_000;

    const token = getSlackToken({ config: slackConfig, cacheExpiry: 1_000, logger: log.logger });
    await waitFor(() => server.callCount() === 2);
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });

    // getSlackToken() too has the last good token after the stale wait; the refresh goes on for the next readers.
    await expect(token).resolves.toBe("xoxb-v1-SeCrEtToKeN-abcdef");
    await expect(versionAfterRefresh(handler)).resolves.toBe(2);
    expect(server.callCount()).toBe(2);
    expect(warnings()).toEqual([]);
  });

  it("keeps serving the last good value when an operator breaks the secret's JSON, and says so", async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2).replace("}", "},"));
    now = T0 + 2_000;

    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });

    expect(warnings()[0]?.details[0]).toMatchObject({ error: "NOT_JSON", secretId: "Starfleet" });
  });

  it("backs off exponentially between refresh attempts, up to the cap, then recovers", async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    server.injectFault({ kind: "internal", times: Number.POSITIVE_INFINITY });
    now = T0 + 2_000;

    await handler({}, lambdaContext());
    expect(server.callCount()).toBe(2);
    // Within the backoff window: served from memory, no call.
    now += BACKOFF_BASE_MS - 1;
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(2);
    now += 1;
    await handler({}, lambdaContext());
    expect(server.callCount()).toBe(3);
    now += 2 * BACKOFF_BASE_MS - 1;
    await handler({}, lambdaContext());
    expect(server.callCount()).toBe(3);

    const retries = warnings().map((line) => (line.details[0] as { retryInMs: number }).retryInMs);
    expect(retries).toEqual([BACKOFF_BASE_MS, 2 * BACKOFF_BASE_MS]);

    for (let attempt = 0; attempt < 12; attempt += 1) {
      now += BACKOFF_CAP_MS;
      await handler({}, lambdaContext());
    }
    const last = warnings().at(-1)?.details[0] as { retryInMs: number };
    expect(last.retryInMs).toBe(BACKOFF_CAP_MS);

    server.clearFaults();
    now += BACKOFF_CAP_MS;
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 2 });
    const calls = server.callCount();
    now += 500;
    await handler({}, lambdaContext());
    expect(server.callCount()).toBe(calls);
  });

  it("fails the invocation only when there is no good value at all, and retries on the next one", async () => {
    server.injectFault({ kind: "internal", times: 2 });
    const handler = handlerWith({ cacheExpiry: 1_000 });

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "FETCH_FAILED" });
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "FETCH_FAILED" });
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(3);
    expect(warnings()).toHaveLength(0);
  });
});

describe("refresh on miss", () => {
  it("refetches once when the worker's entry is missing, so an entry an operator just added is seen", async () => {
    useFakeClock();
    server.setSecret("Starfleet", versionedSecret(1, ["OtherWorker"]));
    const handler = handlerWith();
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });
    expect(server.callCount()).toBe(1);

    server.setSecret("Starfleet", versionedSecret(2, ["OtherWorker", "GitHubSyncWorker"]));
    now += 1_000;

    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 2 });
    expect(server.callCount()).toBe(2);
  });

  it(`refetches at most once per ${MISS_REFETCH_INTERVAL_MS} ms for a worker that stays missing`, async () => {
    useFakeClock();
    server.setSecret("Starfleet", versionedSecret(1, ["OtherWorker"]));
    const handler = handlerWith();
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });

    now += 1_000;
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });
    expect(server.callCount()).toBe(2);
    for (let index = 0; index < 20; index += 1) {
      now += 1_000;
      await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });
    }
    expect(server.callCount()).toBe(2);

    now += MISS_REFETCH_INTERVAL_MS;
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });
    expect(server.callCount()).toBe(3);
  });
});

describe("time limits", () => {
  it("abandons the fetch before the Lambda deadline with FETCH_FAILED, not a Lambda timeout", async () => {
    server.injectFault({ kind: "slow", delayMs: 5_000 });
    const handler = handlerWith();
    const started = performance.now();

    const error = await handler({}, lambdaContext(DEADLINE_MARGIN_MS + 300)).catch(
      (caught: unknown) => caught,
    );

    const elapsed = performance.now() - started;
    expect(error).toMatchObject({
      code: "FETCH_FAILED",
      message: expect.stringContaining("Lambda deadline"),
    });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    // Far below the 5 s answer: it gave up at the deadline (with slack for a loaded CI machine).
    expect(elapsed).toBeLessThan(2_500);
    // The abandoned request is not left for others to join: the next invocation makes its own call.
    server.clearFaults();
    const calls = server.callCount();
    await expect(handler({}, lambdaContext())).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(calls + 1);
  });

  const slackConfig = starfleetConfig(undefined, { SlackEnabled: true });
  // Per-attempt limits long enough that only the store's own bounds can end the hung request.
  const patientClient = {
    maxAttempts: 1,
    requestHandler: { requestTimeout: 60_000, throwOnRequestTimeout: true },
  };
  it.each([
    [
      "the prefetch at module init",
      () => {
        handlerWith({ disablePrefetch: false, awsClientOptions: patientClient });
      },
    ],
    [
      "getSlackToken()",
      () => {
        getSlackToken({ config: slackConfig, awsClientOptions: patientClient }).catch(() => {});
      },
    ],
  ])("a hung fetch started by %s cannot fail every later invocation", async (_starter, start) => {
    // The first request never gets an answer; Secrets Manager is healthy for every later one.
    server.injectFault({ kind: "slow", delayMs: 60_000 });
    start();
    await waitFor(() => server.callCount() === 1);
    const handler = handlerWith();

    // An invocation that joins the hung fetch can only give up at its deadline, and ends the fetch then...
    await expect(handler({}, lambdaContext(DEADLINE_MARGIN_MS + 200))).rejects.toMatchObject({
      code: "FETCH_FAILED",
    });
    // ...so the next invocation makes a call of its own instead of joining a request nobody will answer.
    await expect(handler({}, lambdaContext(3_000))).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(2);
  });

  it("merges a requestHandler object over the default limits, so a hung attempt is still cut off and retried", async () => {
    server.injectFault({ kind: "slow", delayMs: 5_000 });
    // Only requestTimeout is given: the default throwOnRequestTimeout and connectionTimeout must stay.
    const handler = handlerWith({
      awsClientOptions: { maxAttempts: 2, requestHandler: { requestTimeout: 200 } },
    });

    await expect(handler({}, lambdaContext(2_000))).resolves.toMatchObject({ version: 1 });
    expect(server.callCount()).toBe(2);
  });

  it("uses the per-attempt timeout given in awsClientOptions", async () => {
    server.injectFault({ kind: "slow", delayMs: 3_000 });
    const handler = handlerWith({
      awsClientOptions: {
        maxAttempts: 1,
        requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true },
      },
    });
    const started = performance.now();

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "FETCH_FAILED" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("Lambda Managed Instances: many invocations in one process", () => {
  it("gives each invocation a complete old or a complete new value, with one refresh for all", async () => {
    useFakeClock();
    const handler = handlerWith({ cacheExpiry: 1_000 });
    await handler({}, lambdaContext());
    server.setSecret("Starfleet", versionedSecret(2));
    server.injectFault({ kind: "slow", delayMs: 400 });
    now = T0 + 2_000;

    // The first starts the refresh, which goes on within its deadline; half the others run out of time
    // during it and fall back to the old value.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        handler({}, lambdaContext(index % 2 ? DEADLINE_MARGIN_MS + 100 : 30_000)),
      ),
    );

    for (const result of results) {
      expect(result.token).toBe(`v${result.version}-GitHubSyncWorker-SeCrEtVaLuE`);
      expect(result.key).toBe(`v${result.version}-KeY-SeCrEt-123`);
    }
    expect(results.filter((result) => result.version === 1)).toHaveLength(20);
    expect(results.filter((result) => result.version === 2)).toHaveLength(20);
    expect(server.callCount()).toBe(2);
  });
});
