// The `schema` option with real zod 4, valibot 1 and arktype 2 schemas, through Middy and a mocked
// SecretsManagerClient: the output on the context, ENTRY_INVALID with paths and never a value, async and
// throwing validators, and freshness (the clock is Date.now, spied).
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import middy from "@middy/core";
import { type } from "arktype";
import { mockClient } from "aws-sdk-client-mock";
import * as v from "valibot";
import { z } from "zod";
import {
  clearStarfleetSecretsCache,
  DEADLINE_MARGIN_MS,
  type LambdaContext,
  MISS_REFETCH_INTERVAL_MS,
  StarfleetSecretsError,
  type StarfleetSecretsOptions,
  starfleetSecrets,
} from "../../src/index.js";
import type { StandardSchemaV1 } from "../../src/types/standard-schema.js";
import {
  everythingIn,
  expectNoSecretLeak,
  lambdaContext,
  recordingLogger,
  starfleetConfig,
} from "../support/fixtures.js";

const secretsManager = mockClient(SecretsManagerClient);
const config = starfleetConfig();
const WORKER = "DbWorker";
const PASSWORD = "pa55-SeCrEt-w0rd-77";
const SECRET_VALUES = [PASSWORD, "xoxb-SlAcK-SeCrEt-token"];

const VALID_ENTRY = { host: "db.internal", db: { port: "5432", password: PASSWORD } };
/** What each library's schema below makes of VALID_ENTRY: the port parsed, the pool size defaulted. */
const OUTPUT = { host: "db.internal", db: { port: 5432, password: PASSWORD }, poolSize: 4 };

const SCHEMAS = {
  zod: z.object({
    host: z.string(),
    db: z.object({ port: z.coerce.number().int(), password: z.string().min(8) }),
    poolSize: z.number().default(4),
  }),
  valibot: v.object({
    host: v.string(),
    db: v.object({
      port: v.pipe(v.string(), v.transform(Number), v.integer()),
      password: v.pipe(v.string(), v.minLength(8)),
    }),
    poolSize: v.optional(v.number(), 4),
  }),
  arktype: type({
    host: "string",
    db: { port: "string.integer.parse", password: "string >= 8" },
    poolSize: "number = 4",
  }),
} as const;
const LIBRARIES = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];

let now = 1_900_000_000_000;
let log: ReturnType<typeof recordingLogger>;

function secretWith(entry: unknown): { SecretString: string } {
  return { SecretString: JSON.stringify({ STARFLEET: { SlackToken: SECRET_VALUES[1] }, [WORKER]: entry }) };
}

function answer(entry: unknown): void {
  secretsManager.on(GetSecretValueCommand).resolves(secretWith(entry));
}

function handlerWith(schema: StandardSchemaV1, options: StarfleetSecretsOptions = {}) {
  const seen: (LambdaContext & { secrets?: unknown })[] = [];
  const handler = middy()
    .use(
      starfleetSecrets({
        workerName: WORKER,
        config,
        disablePrefetch: true,
        logger: log.logger,
        ...options,
        schema,
      }),
    )
    .handler(async (_event: unknown, context) => {
      seen.push(context);
      return context.secrets;
    });
  return { handler, seen };
}

/** The schema, counting its validate calls. */
function counted(schema: StandardSchemaV1): { schema: StandardSchemaV1; calls: () => number } {
  let calls = 0;
  const standard = schema["~standard"];
  return {
    schema: {
      "~standard": {
        ...standard,
        validate: (value) => {
          calls += 1;
          return standard.validate(value);
        },
      },
    },
    calls: () => calls,
  };
}

/** A hand-made Standard Schema, for behaviours no library shows on demand. */
function schemaOf(validate: StandardSchemaV1["~standard"]["validate"]): StandardSchemaV1 {
  return { "~standard": { version: 1, vendor: "handmade", validate } };
}

async function failureOf(promise: Promise<unknown>): Promise<StarfleetSecretsError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StarfleetSecretsError);
  return error as StarfleetSecretsError;
}

/** Neither the error (message, stack, properties, cause) nor any log line holds a fragment of a value. */
function expectNoLeakAnywhere(error?: unknown): void {
  expectNoSecretLeak(error, SECRET_VALUES);
  expectNoSecretLeak(log.lines.map((line) => everythingIn(line)).join("\n"), SECRET_VALUES);
}

beforeEach(() => {
  clearStarfleetSecretsCache();
  secretsManager.reset();
  log = recordingLogger();
  now = 1_900_000_000_000;
  jest.spyOn(Date, "now").mockImplementation(() => now);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe.each(LIBRARIES)("a %s schema", (library) => {
  const schema = SCHEMAS[library];

  it("puts its output on the context, transforms and defaults applied, frozen and hidden", async () => {
    answer(VALID_ENTRY);
    const { handler, seen } = handlerWith(schema);

    await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);
    const context = seen[0] as LambdaContext & { secrets: typeof OUTPUT };
    expect(Object.isFrozen(context.secrets)).toBe(true);
    expect(Object.isFrozen(context.secrets.db)).toBe(true);
    expect(Object.keys(context)).not.toContain("secrets");
    expect(JSON.stringify(context)).not.toContain(PASSWORD);
  });

  it("validates once per fetched document, not on warm invocations", async () => {
    answer(VALID_ENTRY);
    const { schema: countedSchema, calls } = counted(schema);
    const { handler } = handlerWith(countedSchema);

    await Promise.all([1, 2, 3].map(() => handler({}, lambdaContext())));
    for (let invocation = 0; invocation < 5; invocation += 1) {
      await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);
    }

    expect(calls()).toBe(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("fails with ENTRY_INVALID naming the nested path, the secret, region and worker", async () => {
    answer({ host: "db.internal", db: { port: "5432", password: 42 } });
    const { handler } = handlerWith(schema);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error).toMatchObject({
      code: "ENTRY_INVALID",
      retryable: false,
      secretId: "Starfleet",
      region: "us-east-2",
      workerName: WORKER,
    });
    expect(error.message).toContain(`The entry "${WORKER}" of secret "Starfleet" in us-east-2`);
    expect(error.message).toContain(`(${library})`);
    expect(error.message).toMatch(/\n {2}- db\.password: /);
    expect(error.message).toContain("starfleet-secrets set DbWorker");
    expect(error.cause).toBeUndefined();
    expectNoLeakAnywhere(error);
  });

  it("fails at the top level when the entry is not the shape at all", async () => {
    answer(PASSWORD);
    const { handler } = handlerWith(schema);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.code).toBe("ENTRY_INVALID");
    expect(error.message).toMatch(/\n {2}- \(the entry\): /);
    expectNoLeakAnywhere(error);
  });
});

describe("the validator's message", () => {
  it("is passed on when it quotes nothing of the entry (zod's own messages)", async () => {
    answer({ host: "db.internal", db: { port: "5432", password: 42 } });
    const { handler } = handlerWith(SCHEMAS.zod);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("- db.password: Invalid input: expected string, received number");
  });

  // Each quotes what it received: the password, or its first characters.
  it.each([
    ["valibot", v.object({ db: v.object({ password: v.pipe(v.string(), v.startsWith("pw-")) }) })],
    ["valibot", v.object({ db: v.object({ password: v.picklist(["a", "b"]) }) })],
    ["arktype", type({ db: { password: /^pw-/ } })],
    [
      "zod",
      z.object({
        db: z.object({
          password: z.string().refine(() => false, { error: (issue) => `rejected ${String(issue.input)}` }),
        }),
      }),
    ],
  ])("is withheld when it quotes part of a value (%s)", async (_library, schema) => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schema);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain(
      "- db.password: (the validator's message is withheld: it may contain part of the value)",
    );
    expect(error.message).not.toContain('"pa5"');
    expectNoLeakAnywhere(error);
  });

  it("never shows valibot's path objects, which hold the values", async () => {
    answer({ host: "db.internal", db: { port: "5432", password: 42 } });
    const { handler } = handlerWith(SCHEMAS.valibot);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("- db.password: ");
    expect(everythingIn(error)).not.toContain("db.internal");
  });

  it("is shown as a path that stops where the schema went inside a value (JSON in a string)", async () => {
    const inner = JSON.stringify({ [PASSWORD]: "x" });
    answer({ db: inner });
    const schema = z.object({
      db: z
        .string()
        .transform((text) => JSON.parse(text))
        .pipe(z.record(z.string(), z.number())),
    });
    const { handler } = handlerWith(schema);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("- db (inside a value): ");
    expectNoLeakAnywhere(error);
  });

  it("lists at most 10 issues, then how many more", async () => {
    const entry = Object.fromEntries(Array.from({ length: 14 }, (_, index) => [`key${index}`, index]));
    answer(entry);
    const { handler } = handlerWith(z.record(z.string(), z.string()));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message.match(/\n {2}- key\d+: /g)).toHaveLength(10);
    expect(error.message).toContain("\n  - ... and 4 more");
  });
});

describe("async and throwing validators", () => {
  const asyncSchema = z
    .object({ host: z.string(), db: z.object({ port: z.coerce.number(), password: z.string() }) })
    .refine(async (entry) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return entry.db.port > 1024;
    }, "db.port must be above 1024");

  it("waits for an async schema, once for concurrent invocations", async () => {
    answer(VALID_ENTRY);
    const { schema, calls } = counted(asyncSchema);
    const { handler } = handlerWith(schema);

    const results = await Promise.all([1, 2, 3].map(() => handler({}, lambdaContext())));

    expect(results).toEqual(
      [1, 2, 3].map(() => ({ ...VALID_ENTRY, db: { port: 5432, password: PASSWORD } })),
    );
    expect(calls()).toBe(1);
  });

  it("fails with ENTRY_INVALID when an async schema rejects the entry", async () => {
    answer({ ...VALID_ENTRY, db: { port: "80", password: PASSWORD } });
    const { handler } = handlerWith(asyncSchema);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("- (the entry): db.port must be above 1024");
  });

  it.each([
    [
      "throws",
      () =>
        schemaOf((value) => {
          throw new TypeError(`cannot read ${JSON.stringify(value)}`);
        }),
    ],
    [
      "rejects",
      () =>
        schemaOf(async (value) => {
          throw new RangeError(`bad ${JSON.stringify(value)}`);
        }),
    ],
  ])(
    "turns a schema that %s with the value in its message into ENTRY_INVALID, withholding it",
    async (_how, make) => {
      answer(VALID_ENTRY);
      const { handler } = handlerWith(make());

      const error = await failureOf(handler({}, lambdaContext()));

      expect(error.code).toBe("ENTRY_INVALID");
      expect(error.message).toMatch(
        /\(handmade threw (TypeError|RangeError): \(the validator's message is withheld/,
      );
      expect(error.cause).toBeUndefined();
      expectNoLeakAnywhere(error);
    },
  );

  it("passes on the message of a throw that quotes nothing, and a thrown non-error by its kind", async () => {
    answer(VALID_ENTRY);
    const misconfigured = handlerWith(
      schemaOf(() => {
        throw new Error("the schema was built without a shape");
      }),
    ).handler;
    const throwsString = handlerWith(
      schemaOf(() => {
        throw PASSWORD;
      }),
    ).handler;

    expect((await failureOf(misconfigured({}, lambdaContext()))).message).toContain(
      "(handmade threw Error: the schema was built without a shape)",
    );
    const error = await failureOf(throwsString({}, lambdaContext()));
    expect(error.message).toContain("(handmade threw a string)");
    expectNoLeakAnywhere(error);
  });

  it.each([
    ["no result", () => undefined],
    ["issues that are not a list", () => ({ issues: PASSWORD })],
    ["an empty list of issues", () => ({ issues: [] })],
  ])("rejects a validate that returns %s", async (_what, result) => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schemaOf(result as StandardSchemaV1["~standard"]["validate"]));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.code).toBe("ENTRY_INVALID");
    expectNoLeakAnywhere(error);
  });

  it("gives up on a validator that never settles at the deadline, and runs it again next time", async () => {
    answer(VALID_ENTRY);
    let calls = 0;
    const { handler } = handlerWith(
      schemaOf(() => {
        calls += 1;
        return calls === 1 ? new Promise(() => {}) : { value: "second try" };
      }),
    );
    jest.restoreAllMocks();

    const error = await failureOf(handler({}, lambdaContext(DEADLINE_MARGIN_MS + 50)));

    expect(error.code).toBe("ENTRY_INVALID");
    expect(error.message).toContain("did not finish before the Lambda deadline");
    // No last good output was served, so there is nothing to warn about: the invocation failed.
    expect(log.lines.filter((line) => line.level === "warn")).toEqual([]);
    await expect(handler({}, lambdaContext())).resolves.toBe("second try");
    expect(calls).toBe(2);
  });
  it("makes the invocation after one that gave up wait for the validation it runs again, then reuses its output", async () => {
    answer(VALID_ENTRY);
    let calls = 0;
    const { handler } = handlerWith(
      schemaOf(async () => {
        calls += 1;
        if (calls === 1) return new Promise(() => {});
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { value: "second try" };
      }),
    );
    jest.restoreAllMocks();
    await expect(handler({}, lambdaContext(DEADLINE_MARGIN_MS + 50))).rejects.toMatchObject({
      code: "ENTRY_INVALID",
    });

    // The secret is cached now: only the validation is waited for.
    await expect(handler({}, lambdaContext())).resolves.toBe("second try");
    await expect(handler({}, lambdaContext())).resolves.toBe("second try");

    expect(calls).toBe(2);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});

describe("a validator that breaks the Standard Schema contract", () => {
  it.each([
    ["returns null", () => null, "handmade's validate returned null, not a result"],
    ["returns a number", () => 7, "handmade's validate returned a number, not a result"],
    [
      "reports an empty issue list",
      () => ({ issues: [] }),
      "handmade reported a failure without a list of issues",
    ],
    [
      "reports issues that are no list",
      () => ({ issues: "bad" }),
      "handmade reported a failure without a list of issues",
    ],
    [
      "throws an error without a message",
      () => {
        throw new RangeError();
      },
      "handmade threw RangeError",
    ],
  ])("%s: ENTRY_INVALID saying so, with no issue lines", async (_case, validate, reason) => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schemaOf(validate as never));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.code).toBe("ENTRY_INVALID");
    expect(error.message).toContain(`(${reason})`);
    expect(error.message).not.toContain("\n");
  });

  it("is named by its vendor, or called the schema when it names none", async () => {
    answer(VALID_ENTRY);
    const anonymous = { "~standard": { version: 1, validate: () => null } } as unknown as StandardSchemaV1;
    const { handler } = handlerWith(anonymous);

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("(the schema's validate returned null, not a result)");
  });
});

describe("issue lists", () => {
  const issues = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ message: `rule ${index + 1} broken`, path: ["host"] }));

  it("show up to 10 issues, then say how many more there are", async () => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schemaOf(() => ({ issues: issues(12) })));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain("\n  - host: rule 10 broken\n  - ... and 2 more");
    expect(error.message).not.toContain("rule 11");
  });

  it("name the entry's keys in paths when the entry also holds nulls", async () => {
    answer({ ...VALID_ENTRY, replica: null });
    const { handler } = handlerWith(
      schemaOf(() => ({ issues: [{ message: "unknown host", path: ["host"] }] })),
    );

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toMatch(/\n {2}- host: unknown host$/);
  });

  it("show exactly 10 issues without a line for more", async () => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schemaOf(() => ({ issues: issues(10) })));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toMatch(/\n {2}- host: rule 10 broken$/);
  });

  it("keep a message of exactly 300 characters whole, and cut a longer one", async () => {
    answer(VALID_ENTRY);
    const exact = `${"x ".repeat(149)}ok`;
    const longer = `${exact}!`;
    const { handler } = handlerWith(schemaOf(() => ({ issues: [{ message: exact }, { message: longer }] })));

    const error = await failureOf(handler({}, lambdaContext()));

    expect(exact).toHaveLength(300);
    expect(error.message).toContain(`\n  - (the entry): ${exact}\n`);
    expect(error.message).toContain(`\n  - (the entry): ${exact.slice(0, 299)}…`);
  });
});

describe("async validators and time", () => {
  it("warns of nothing once an async validation finished in time, not even when the deadline passes", async () => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(schemaOf(async (value) => ({ value })));

    await expect(handler({}, lambdaContext(DEADLINE_MARGIN_MS + 20))).resolves.toEqual(VALID_ENTRY);
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(log.lines.filter((line) => line.level === "warn")).toEqual([]);
  });

  it("waits for an async schema as long as it takes when the context has no deadline", async () => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(
      schemaOf(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { value: "judged" };
      }),
    );
    const noDeadline = { ...lambdaContext(), getRemainingTimeInMillis: undefined } as unknown as Parameters<
      typeof handler
    >[1];

    await expect(handler({}, noDeadline)).resolves.toBe("judged");
  });

  it("serves the last good output, with a warning, when a refreshed entry's validation does not finish", async () => {
    answer(VALID_ENTRY);
    let calls = 0;
    const { handler } = handlerWith(
      schemaOf(() => {
        calls += 1;
        return calls === 1 ? { value: "first" } : new Promise(() => {});
      }),
      { cacheExpiry: 60_000 },
    );
    await expect(handler({}, lambdaContext())).resolves.toBe("first");

    // Date.now stands still: the deadline's timer still fires, 50 ms from now.
    now += 60_001;
    await expect(handler({}, lambdaContext(DEADLINE_MARGIN_MS + 50))).resolves.toBe("first");

    expect(log.lines.filter((line) => line.level === "warn")).toEqual([
      {
        level: "warn",
        message:
          "middy-starfleet-secrets: the worker's entry does not match its schema; serving the last good value",
        details: [
          {
            secretId: "Starfleet",
            region: "us-east-2",
            workerName: WORKER,
            error: "ENTRY_INVALID",
            reason:
              "its validation did not finish before the Lambda deadline; the next invocation runs it again",
            issues: [],
          },
        ],
      },
    ]);
  });
});

describe("freshness", () => {
  it("keeps the last good output when a refreshed entry fails, warns per document, and takes the next good one", async () => {
    answer(VALID_ENTRY);
    const { handler } = handlerWith(SCHEMAS.zod, { cacheExpiry: 60_000 });
    await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);

    answer({ ...VALID_ENTRY, db: { port: "5432", password: 42 } });
    now += 60_001;
    for (let invocation = 0; invocation < 5; invocation += 1) {
      await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);
    }

    // The refresh, then one look for a fix (as for a missing entry); each failing document warns once.
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
    const warnings = log.lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.details[0]).toEqual({
      secretId: "Starfleet",
      region: "us-east-2",
      workerName: WORKER,
      error: "ENTRY_INVALID",
      reason: "zod",
      issues: ["db.password: Invalid input: expected string, received number"],
    });
    expectNoLeakAnywhere();

    answer({ ...VALID_ENTRY, host: "db2.internal" });
    now += MISS_REFETCH_INTERVAL_MS;
    await expect(handler({}, lambdaContext())).resolves.toEqual({ ...OUTPUT, host: "db2.internal" });
  });

  it("keeps the last good output of an async schema too when a refreshed entry fails", async () => {
    const hostIsText = schemaOf(async (value) =>
      typeof (value as { host?: unknown }).host === "string"
        ? { value }
        : { issues: [{ message: "host must be text", path: ["host"] }] },
    );
    answer(VALID_ENTRY);
    const { handler } = handlerWith(hostIsText, { cacheExpiry: 60_000 });
    await expect(handler({}, lambdaContext())).resolves.toEqual(VALID_ENTRY);

    answer({ ...VALID_ENTRY, host: 42 });
    now += 60_001;
    await expect(handler({}, lambdaContext())).resolves.toEqual(VALID_ENTRY);
    expect(log.lines.filter((line) => line.level === "warn")).toHaveLength(1);
  });

  it("fails the first fetch's invocations, then refetches at most once per interval until the entry is fixed", async () => {
    answer({ host: "db.internal" });
    const { handler } = handlerWith(SCHEMAS.zod);

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "ENTRY_INVALID" });
    // Failing invocations say it themselves; warnings are for a last good output served instead.
    expect(log.lines.filter((line) => line.level === "warn")).toEqual([]);
    // The next invocation looks again once (an operator may just have fixed it), later ones wait.
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "ENTRY_INVALID" });
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "ENTRY_INVALID" });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);

    answer(VALID_ENTRY);
    now += MISS_REFETCH_INTERVAL_MS;
    await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it("keeps each secret's last good output apart when a config function switches secrets", async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: "Starfleet" }).resolves(secretWith(VALID_ENTRY));
    secretsManager.on(GetSecretValueCommand, { SecretId: "Other" }).resolves(secretWith({ host: 1 }));
    const other = starfleetConfig({ SecretId: "Other", SecretRegion: "us-east-2" });
    let useOther = false;
    const { handler } = handlerWith(SCHEMAS.zod, { config: () => (useOther ? other : config) });

    await expect(handler({}, lambdaContext())).resolves.toEqual(OUTPUT);
    useOther = true;

    await expect(handler({}, lambdaContext())).rejects.toMatchObject({
      code: "ENTRY_INVALID",
      secretId: "Other",
    });
  });
});

describe("with optional: true", () => {
  it("leaves a missing entry undefined without validating, and still rejects an invalid one", async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ STARFLEET: {} }) });
    const { schema, calls } = counted(SCHEMAS.zod);
    const { handler } = handlerWith(schema, { optional: true });

    await expect(handler({}, lambdaContext())).resolves.toBeUndefined();
    expect(calls()).toBe(0);

    clearStarfleetSecretsCache();
    answer({ host: 1 });
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ code: "ENTRY_INVALID" });
  });
});

describe("the schema option", () => {
  it.each([
    [{}, 'got an object without a "~standard" property'],
    ["zod", 'got a string without a "~standard" property'],
    [
      { "~standard": { version: 2, validate: () => ({ value: 1 }) } },
      'got one whose "~standard" has version 2',
    ],
    [{ "~standard": { version: 1 } }, 'got one whose "~standard" has no validate function'],
  ])("refuses %p at the factory with a TypeError saying what a schema is", (schema, got) => {
    const create = () => starfleetSecrets({ workerName: WORKER, schema: schema as StandardSchemaV1 });

    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      "middy-starfleet-secrets: option 'schema' must be a Standard Schema v1 validator, such as a zod 4, " +
        `valibot 1 or arktype 2 schema; ${got}`,
    );
  });
});

describe("a hostile entry", () => {
  it("nested deeper than a copy can go is ENTRY_INVALID saying so, not a crash", async () => {
    const deep = `${'{"a":'.repeat(50_000)}"${PASSWORD}"${"}".repeat(50_000)}`;
    secretsManager.on(GetSecretValueCommand).resolves({
      SecretString: `{"STARFLEET":{},"${WORKER}":${deep}}`,
    });
    const { handler } = handlerWith(z.any());

    const error = await failureOf(handler({}, lambdaContext()));

    expect(error.message).toContain(
      "(the entry could not be copied for zod (RangeError); is it nested too deeply?)",
    );
    expectNoLeakAnywhere(error);
  });
});
