// The factory's option errors, word for word: each says which option, what it must be and what it got, so
// a deploy's first cold start says how to fix it. All are TypeErrors whose cause names the package.
import { afterEach, describe, expect, it } from "@jest/globals";
import { getSlackToken, type StarfleetSecretsOptions, starfleetSecrets } from "../src/index.js";
import { starfleetConfig } from "./support/fixtures.js";

const PREFIX = "middy-starfleet-secrets: ";
const config = starfleetConfig();
const savedWorkerName = process.env.STARFLEET_WORKER_NAME;

afterEach(() => {
  if (savedWorkerName === undefined) delete process.env.STARFLEET_WORKER_NAME;
  else process.env.STARFLEET_WORKER_NAME = savedWorkerName;
});

/** The error the factory throws for `options`, or undefined when it accepts them. */
function factoryError(options: unknown): unknown {
  try {
    starfleetSecrets(options as StarfleetSecretsOptions);
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectOptionError(options: unknown, message: string): void {
  const error = factoryError(options);
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).message).toBe(`${PREFIX}${message}`);
  expect((error as TypeError).cause).toEqual({ package: "middy-starfleet-secrets" });
}

const worker = { workerName: "GitHubSyncWorker", config, disablePrefetch: true };

describe("the options object", () => {
  it.each([
    ["GitHubSyncWorker", "a string"],
    [[], "an array"],
    [null, "null"],
  ])("must be an object: %j is refused", (options, got) => {
    expectOptionError(options, `options must be an object; got ${got}`);
  });
});

describe("cacheExpiry", () => {
  const rule =
    "option 'cacheExpiry' must be -1 (keep for the container's life), 0 (fetch on every invocation) or a " +
    "positive number of milliseconds (a time-to-live); got";

  it.each([[-1], [0], [0.5], [60_000]])("accepts %p", (cacheExpiry) => {
    expect(factoryError({ ...worker, cacheExpiry })).toBeUndefined();
  });

  it.each([
    [-2, "-2"],
    [-0.5, "-0.5"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    ["60000", "a string"],
  ])("refuses %p, saying what it got", (cacheExpiry, got) => {
    expectOptionError({ ...worker, cacheExpiry }, `${rule} ${got}`);
  });
});

describe("logger", () => {
  const warnRule =
    "option 'logger' must be an object with a warn() method, such as console or a Powertools Logger";

  it.each([
    [{ warn: () => {} }],
    [{ warn: () => {}, debug: () => {}, info: () => {} }],
    [{ warn: () => {}, debug: undefined }],
  ])("accepts %p", (logger) => {
    expect(factoryError({ ...worker, logger })).toBeUndefined();
  });

  it.each([[{}], [null], ["console"], [{ warn: "loud" }]])("refuses %p: it has no warn()", (logger) => {
    expectOptionError({ ...worker, logger }, warnRule);
  });

  it.each([["debug"], ["info"]])("refuses a %s that is not a function", (level) => {
    expectOptionError(
      { ...worker, logger: { warn: () => {}, [level]: "loud" } },
      `option 'logger.${level}' must be a function when given`,
    );
  });
});

describe("config", () => {
  const rule =
    "option 'config' must be a loaded Starfleet configuration (from loadStarfleetConfig()), or a function " +
    "returning one; got";

  it.each([
    ["configuration_files", "a string"],
    [null, "null"],
    [{ Starfleet: {} }, "an object without a STARFLEET stanza"],
    [{ STARFLEET: null }, "an object without a STARFLEET stanza"],
    [{ STARFLEET: "yes" }, "an object without a STARFLEET stanza"],
  ])("refuses %j, saying what it got", (given, got) => {
    expectOptionError({ ...worker, config: given }, `${rule} ${got}`);
  });

  it("accepts a function, which it calls only at the first invocation", () => {
    let calls = 0;
    const source = () => {
      calls += 1;
      return config;
    };
    expect(factoryError({ ...worker, config: source })).toBeUndefined();
    expect(calls).toBe(0);
  });
});

describe("schema", () => {
  const rule =
    "option 'schema' must be a Standard Schema v1 validator, such as a zod 4, valibot 1 or arktype 2 schema; got";
  const validate = () => ({ value: {} });

  it.each([
    [null, 'null without a "~standard" property'],
    [() => {}, 'a function without a "~standard" property'],
    [{ "~standard": { version: "1", validate } }, 'one whose "~standard" has version a string'],
    [{ "~standard": { validate } }, 'one whose "~standard" has version null'],
    [{ "~standard": null }, 'one whose "~standard" has version null'],
    [{ "~standard": { version: 1, validate: "yes" } }, 'one whose "~standard" has no validate function'],
  ])("refuses %p, saying what it got", (schema, got) => {
    expectOptionError({ ...worker, schema }, `${rule} ${got}`);
  });

  it("accepts a callable schema, as arktype makes them", () => {
    const schema = Object.assign(() => {}, { "~standard": { version: 1, vendor: "arktype", validate } });
    expect(factoryError({ ...worker, schema })).toBeUndefined();
  });
});

describe("workerName", () => {
  it("is required, from the option or STARFLEET_WORKER_NAME", () => {
    delete process.env.STARFLEET_WORKER_NAME;
    expectOptionError(
      { config },
      "no worker name. Pass starfleetSecrets({ workerName: 'GitHubSyncWorker' }) or set the " +
        "STARFLEET_WORKER_NAME environment variable to the worker's key in the secret.",
    );
  });

  it("counts an empty STARFLEET_WORKER_NAME as unset", () => {
    process.env.STARFLEET_WORKER_NAME = "";
    expect((factoryError({ config }) as Error).message).toContain("no worker name.");
  });

  it("may not be blank, and the message says where the blank name came from", () => {
    expectOptionError(
      { ...worker, workerName: " \t" },
      "option 'workerName' is blank; set it to the worker's key in the secret, such as 'GitHubSyncWorker'.",
    );
    process.env.STARFLEET_WORKER_NAME = "  ";
    expectOptionError(
      { config },
      "the STARFLEET_WORKER_NAME environment variable is blank; set it to the worker's key in the secret, " +
        "such as 'GitHubSyncWorker'.",
    );
  });
});

describe("getSlackToken()", () => {
  it("checks the options it shares with the middleware, and knows none of the worker's", async () => {
    await expect(getSlackToken({ cacheExpiry: -5 })).rejects.toThrow(
      `${PREFIX}option 'cacheExpiry' must be -1`,
    );
    await expect(getSlackToken({ schema: {} } as never)).rejects.toThrow("schema");
  });
});
