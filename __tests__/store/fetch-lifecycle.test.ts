// What invocations see of the one shared fetch, through the middleware on a clock moved by hand: when a hung
// request is aborted and when it is kept, what the next invocation does after it, how the invocation's
// remaining time is read, and what the log lines say of it all. The client is a stand-in for the SDK's that
// answers by hand and records the abort signal each call was given (the SDK aborts the socket on it).
import { ResourceNotFoundException } from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import {
  BACKOFF_BASE_MS,
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  getSlackToken,
  MAX_FETCH_MS,
  MISS_REFETCH_INTERVAL_MS,
  type SecretsAccessOptions,
  type SecretsManagerClientClass,
  StarfleetSecretsError,
  type StarfleetSecretsOptions,
  starfleetSecrets,
} from "../../src/index.js";
import {
  lambdaContext,
  recordingLogger,
  SECRET_DOCUMENT,
  SECRET_STRING,
  starfleetConfig,
} from "../support/fixtures.js";
import { workerHandler } from "../support/worker.js";

/** The context Middy hands the middleware; a test may build its own. */
type InvocationContext = ReturnType<typeof lambdaContext>;

interface Call {
  readonly signal: AbortSignal;
  answer(secretString?: string): void;
  fail(error: Error): void;
}

/** A client class whose every GetSecretValue call waits until the test answers it. */
function handAnsweredClient() {
  const calls: Call[] = [];
  const AwsClient = class {
    send(_command: unknown, options: { abortSignal: AbortSignal }) {
      return new Promise((resolve, reject) => {
        calls.push({
          signal: options.abortSignal,
          answer: (secretString = SECRET_STRING) => resolve({ SecretString: secretString }),
          fail: reject,
        });
      });
    }
  } as unknown as SecretsManagerClientClass;
  return { AwsClient, calls };
}

const config = starfleetConfig();
let client: ReturnType<typeof handAnsweredClient>;
let log: ReturnType<typeof recordingLogger>;

function worker(options: Partial<StarfleetSecretsOptions> = {}) {
  return workerHandler({ config, AwsClient: client.AwsClient, logger: log.logger, ...options });
}

/** A middleware made at module init with its configuration at hand, as a bundle makes it: it prefetches. */
function prefetchingMiddleware(workerName = "GitHubSyncWorker") {
  return starfleetSecrets({ workerName, config, AwsClient: client.AwsClient, logger: log.logger });
}

/** The invocation's outcome, without an unhandled rejection while the clock moves. */
function settled(promise: Promise<unknown>) {
  const seen: { value?: unknown; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(seen, { value, done: true }),
    (error: unknown) => Object.assign(seen, { error, done: true }),
  );
  return seen;
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/**
 * Starts `invocation`, lets `afterMs` pass and settles the call it made (the client's newest) with
 * `outcome`: the secret's text to answer with, or the error to fail with.
 */
async function answered(
  invocation: Promise<unknown>,
  { afterMs = 0, outcome = SECRET_STRING }: { afterMs?: number; outcome?: string | Error } = {},
) {
  const seen = settled(invocation);
  await advance(afterMs);
  const call = client.calls.at(-1);
  if (outcome instanceof Error) call?.fail(outcome);
  else call?.answer(outcome);
  await advance(0);
  return seen;
}

const WITHOUT_WORKER = JSON.stringify({ STARFLEET: {}, OtherWorker: {} });
const notFound = () => new ResourceNotFoundException({ message: "not here", $metadata: {} });
const linesAt = (level: string) => log.lines.filter((line) => line.level === level);

beforeEach(() => {
  jest.useFakeTimers({ now: 1_900_000_000_000 });
  clearStarfleetSecretsCache();
  client = handAnsweredClient();
  log = recordingLogger();
});

afterEach(() => {
  jest.useRealTimers();
});

describe("a hung fetch nobody waits for any longer", () => {
  it("is aborted at the deadline of the invocation that gave up on it, and the next invocation starts anew", async () => {
    const handler = worker();
    const first = settled(handler({}, lambdaContext(1_000)));

    await advance(1_000 - DEADLINE_MARGIN_MS - 1);
    expect(first.done).toBe(false);
    expect(client.calls[0]?.signal.aborted).toBe(false);

    await advance(1);
    expect(first.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(true);

    const second = await answered(handler({}, lambdaContext(1_000)));
    expect(client.calls).toHaveLength(2);
    expect(second.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("says it gave up at the deadline, and names no endpoint when the client never reported one", async () => {
    const failure = settled(worker()({}, lambdaContext(1_000)));
    await advance(1_000);

    expect(failure.error).toBeInstanceOf(StarfleetSecretsError);
    expect((failure.error as Error).message).toContain(
      "(no answer before the Lambda deadline; gave up to fail with this error instead of a Lambda timeout)",
    );
  });

  /** An invocation with 1 s left starts the fetch; 100 ms later one with 3 s left joins it. */
  async function earlyAndLate() {
    const handler = worker();
    const early = settled(handler({}, lambdaContext(1_000)));
    await advance(100);
    return { early, late: settled(handler({}, lambdaContext(3_000))) };
  }

  it("joined by an invocation with a later deadline, is kept past the earlier one and answers the later one", async () => {
    const { early, late } = await earlyAndLate();

    await advance(1_000);
    expect(early.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(false);

    client.calls[0]?.answer();
    await advance(0);
    expect(late.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(client.calls).toHaveLength(1);
  });

  it("joined by an invocation with a later deadline, is aborted at that one when it never answers", async () => {
    const { late } = await earlyAndLate();

    await advance(3_000 - DEADLINE_MARGIN_MS - 1);
    expect(late.done).toBe(false);
    expect(client.calls[0]?.signal.aborted).toBe(false);
    await advance(1);
    expect(late.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(true);
  });

  it("joined by an invocation without a deadline, is kept to the starter's deadline, no longer and no shorter", async () => {
    const handler = worker();
    const early = settled(handler({}, lambdaContext(1_000)));
    await advance(100);
    const unbounded = settled(handler({}, {} as InvocationContext));

    await advance(1_000 - DEADLINE_MARGIN_MS - 101);
    expect(client.calls[0]?.signal.aborted).toBe(false);
    await advance(1);
    expect(early.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(true);
    expect(unbounded.error).toMatchObject({ code: "FETCH_FAILED" });
  });

  it("started by a prefetch, is aborted at the deadline of the first invocation that waits for it", async () => {
    prefetchingMiddleware();
    await advance(0);
    expect(client.calls).toHaveLength(1);
    const handler = worker();
    const first = settled(handler({}, lambdaContext(2_000)));

    await advance(2_000 - DEADLINE_MARGIN_MS);
    expect(first.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(true);

    const second = await answered(handler({}, lambdaContext(2_000)));
    expect(client.calls).toHaveLength(2);
    expect(second.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });
});

describe("the prefetch", () => {
  it("is made once by the middlewares of one bundle, and not again once the secret is at hand", async () => {
    prefetchingMiddleware();
    prefetchingMiddleware("OtherWorker");
    await advance(0);
    expect(client.calls).toHaveLength(1);

    client.calls[0]?.answer();
    await advance(0);
    prefetchingMiddleware();
    await advance(0);
    expect(client.calls).toHaveLength(1);
  });

  it("that fails leaves a debug line saying which secret, which worker and which error", async () => {
    prefetchingMiddleware();
    await advance(0);
    client.calls[0]?.fail(notFound());
    await advance(0);

    expect(linesAt("debug")).toEqual([
      {
        level: "debug",
        message: "middy-starfleet-secrets: prefetch failed; the first invocation will retry",
        details: [
          { secretId: "Starfleet", region: "us-east-2", workerName: "GitHubSyncWorker", error: "NOT_FOUND" },
        ],
      },
    ]);
  });
});

describe("the invocation's remaining time", () => {
  it.each([
    ["a context without getRemainingTimeInMillis (as a unit test may pass)", {}],
    ["a remaining time that is not a number", { getRemainingTimeInMillis: () => Number.NaN }],
  ])("counts as no deadline for %s: the invocation waits for the answer", async (_case, context) => {
    const invocation = settled(worker()({}, context as InvocationContext));

    await advance(MAX_FETCH_MS - 1);
    expect(invocation.done).toBe(false);
    client.calls[0]?.answer();
    await advance(0);
    expect(invocation.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("counts as no deadline when infinite, so an invocation with a deadline that joins bounds the fetch", async () => {
    const handler = worker();
    const unbounded = settled(
      handler({}, { getRemainingTimeInMillis: () => Number.POSITIVE_INFINITY } as InvocationContext),
    );
    await advance(100);
    const bounded = settled(handler({}, lambdaContext(1_000)));

    await advance(1_000 - DEADLINE_MARGIN_MS);
    expect(bounded.error).toMatchObject({ code: "FETCH_FAILED" });
    expect(client.calls[0]?.signal.aborted).toBe(true);
    expect(unbounded.error).toMatchObject({ code: "FETCH_FAILED" });
  });
});

describe("refetching for a missing entry", () => {
  it(`looks again ${MISS_REFETCH_INTERVAL_MS} ms after the last look, and not a millisecond sooner`, async () => {
    const handler = worker({ logger: { warn: () => {} } });
    const first = await answered(handler({}, lambdaContext()), { outcome: WITHOUT_WORKER });
    expect(first.error).toMatchObject({ code: "WORKER_MISSING" });

    // The first read after the fetch looks again at once (nothing looked for this entry yet)...
    await answered(handler({}, lambdaContext()), { outcome: WITHOUT_WORKER });
    expect(client.calls).toHaveLength(2);
    await advance(MISS_REFETCH_INTERVAL_MS - 1);

    // ...then not again within the interval, with a logger that has no debug method.
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "WORKER_MISSING" });
    expect(client.calls).toHaveLength(2);
    await advance(1);
    const third = await answered(handler({}, lambdaContext()));
    expect(client.calls).toHaveLength(3);
    expect(third.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
  });

  it("says so in a debug line naming the secret and the worker", async () => {
    const handler = worker();
    const first = await answered(handler({}, lambdaContext()), { outcome: WITHOUT_WORKER });
    expect(first.error).toMatchObject({ code: "WORKER_MISSING" });
    log.lines.length = 0;

    settled(handler({}, lambdaContext()));
    await advance(0);

    expect(log.lines).toEqual([
      {
        level: "debug",
        message:
          "middy-starfleet-secrets: worker entry missing or invalid in the cached secret; refetching once",
        details: [{ secretId: "Starfleet", region: "us-east-2", workerName: "GitHubSyncWorker" }],
      },
    ]);
  });
});

describe("the log lines", () => {
  it("say how long the fetch took", async () => {
    const invocation = await answered(worker()({}, lambdaContext()), { afterMs: 250 });
    expect(invocation.done).toBe(true);

    expect(linesAt("debug")).toEqual([
      {
        level: "debug",
        message: "middy-starfleet-secrets: fetched the secret",
        details: [
          { secretId: "Starfleet", region: "us-east-2", workerName: "GitHubSyncWorker", durationMs: 250 },
        ],
      },
    ]);
  });

  it("say, when a refresh fails, how old the value served is and when the next try comes", async () => {
    const handler = worker({ cacheExpiry: 1_000 });
    const first = await answered(handler({}, lambdaContext()), { afterMs: 100 });
    expect(first.done).toBe(true);

    await advance(5_000);
    const stale = await answered(handler({}, lambdaContext()), { afterMs: 200, outcome: notFound() });

    expect(stale.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(linesAt("warn")).toEqual([
      {
        level: "warn",
        message: "middy-starfleet-secrets: refreshing the secret failed; serving the last good value",
        details: [
          {
            secretId: "Starfleet",
            region: "us-east-2",
            workerName: "GitHubSyncWorker",
            error: "NOT_FOUND",
            ageMs: 5_200,
            retryInMs: BACKOFF_BASE_MS,
          },
        ],
      },
    ]);
  });

  it("of getSlackToken() name the secret and no worker", async () => {
    const options: SecretsAccessOptions = {
      config: starfleetConfig(undefined, { SlackEnabled: true }),
      AwsClient: client.AwsClient,
      logger: log.logger,
      cacheExpiry: 1_000,
    };
    const first = await answered(getSlackToken(options));
    expect(first.done).toBe(true);

    await advance(2_000);
    const stale = await answered(getSlackToken(options), { outcome: notFound() });

    expect(stale.value).toBe(SECRET_DOCUMENT.STARFLEET.SlackToken);
    expect(Object.keys(linesAt("warn")[0]?.details[0] as object)).toEqual([
      "secretId",
      "region",
      "error",
      "ageMs",
      "retryInMs",
    ]);
  });
});

describe("a warm invocation", () => {
  /** Runs the middleware's before-phase as Middy would, with a context nothing else reads the clock for. */
  function middlewareRun(options: Partial<StarfleetSecretsOptions> = {}) {
    const { before } = starfleetSecrets({
      workerName: "GitHubSyncWorker",
      config,
      AwsClient: client.AwsClient,
      logger: log.logger,
      disablePrefetch: true,
      ...options,
    });
    return () => {
      const request = { event: {}, context: {}, response: undefined, error: undefined, internal: {} };
      const outcome = before?.(request as never);
      return { outcome, secrets: () => (request.context as { secrets?: unknown }).secrets };
    };
  }

  it.each([
    ["a configuration object", {}],
    ["a config function", { config: () => config }],
  ])(
    "without a TTL only hands out the entry again: no clock read, no store lookup (%s)",
    async (_, options) => {
      const invoke = middlewareRun(options);
      await answered(Promise.resolve(invoke().outcome));
      // The first read of the stored secret goes through the store's rules; the ones after it need not.
      expect(invoke().secrets()).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      const clock = jest.spyOn(Date, "now");

      for (let invocation = 0; invocation < 3; invocation += 1) {
        const { outcome, secrets } = invoke();
        expect(outcome).toBeUndefined();
        expect(secrets()).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
      }

      expect(clock).not.toHaveBeenCalled();
      expect(client.calls).toHaveLength(1);
    },
  );

  it("can reuse one context object, as a unit test often does, across a refresh that changed the entry", async () => {
    const handler = worker({ cacheExpiry: 1_000 });
    const context = lambdaContext();
    await answered(handler({}, context));
    await expect(handler({}, context)).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);

    await advance(2_000);
    const changed = { ...SECRET_DOCUMENT, GitHubSyncWorker: { "my-org": "rotated" } };
    const refreshed = await answered(handler({}, context), { outcome: JSON.stringify(changed) });

    expect(refreshed).toEqual({ done: true, value: { "my-org": "rotated" } });
  });

  it("works with a logger that has only warn: the fetch's debug line is skipped", async () => {
    const warnings: unknown[] = [];
    const handler = worker({ logger: { warn: (...line: unknown[]) => warnings.push(line) } });

    const first = await answered(handler({}, lambdaContext()));

    expect(first.value).toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(warnings).toEqual([]);
  });
});

describe("a client that answers nothing", () => {
  it("(a mock not told about GetSecretValue) gets NOT_JSON naming the secret, not a TypeError", async () => {
    const AwsClient = class {
      async send() {
        return undefined;
      }
    } as unknown as SecretsManagerClientClass;
    const handler = worker({ AwsClient });

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({
      name: "StarfleetSecretsError",
      code: "NOT_JSON",
      secretId: "Starfleet",
      message: expect.stringContaining("the response has no SecretString"),
    });
  });
});

describe("a client that is not the SDK's", () => {
  it("with a middleware stack that builds no HTTP request still fetches", async () => {
    type Middleware = (next: (args: unknown) => unknown) => (args: unknown) => unknown;
    const AwsClient = class {
      readonly added: Middleware[] = [];
      readonly middlewareStack = { add: (middleware: Middleware) => this.added.push(middleware) };
      async send() {
        for (const request of [undefined, null, "GET /", { hostname: 42 }, { port: 443 }]) {
          for (const middleware of this.added) middleware((args) => args)({ request });
        }
        return { SecretString: SECRET_STRING };
      }
    } as unknown as SecretsManagerClientClass;

    await expect(worker({ AwsClient })({}, lambdaContext())).resolves.toEqual(
      SECRET_DOCUMENT.GitHubSyncWorker,
    );
  });
});

describe("a client that could not be made", () => {
  it("is made again by the next invocation, which then succeeds", async () => {
    let constructions = 0;
    const AwsClient = class {
      constructor() {
        constructions += 1;
        if (constructions === 1) throw new Error("credential provider not ready");
      }
      async send() {
        return { SecretString: SECRET_STRING };
      }
    } as unknown as SecretsManagerClientClass;
    const handler = worker({ AwsClient });

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "FETCH_FAILED" });
    await expect(handler({}, lambdaContext())).resolves.toEqual(SECRET_DOCUMENT.GitHubSyncWorker);
    expect(constructions).toBe(2);
  });
});
