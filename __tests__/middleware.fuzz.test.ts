// Property tests of the factory: any options object either yields a middleware or a TypeError that names
// the package, never another error and never a half-configured middleware.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { starfleetSecrets } from "../src/index.js";
import { starfleetConfig } from "./support/fixtures.js";

const optionValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    -1,
    0,
    1,
    60_000,
    -2,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    "",
    "GitHubSyncWorker",
    console,
  ),
);
const optionName = fc.constantFrom(
  "workerName",
  "config",
  "optional",
  "cacheExpiry",
  "AwsClient",
  "awsClientOptions",
  "disablePrefetch",
  "logger",
  "setToContext",
  "cacheKey",
);

describe("starfleetSecrets() factory (fuzz)", () => {
  it("returns a middleware or throws a TypeError, for any options", () => {
    fc.assert(
      fc.property(fc.dictionary(optionName, optionValue, { maxKeys: 5 }), (options) => {
        let outcome: unknown;
        try {
          outcome = starfleetSecrets({
            workerName: "GitHubSyncWorker",
            config: starfleetConfig(null),
            ...options,
          });
        } catch (error) {
          // As Middy's own option errors: a TypeError whose cause names the package.
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).cause).toEqual({ package: "middy-starfleet-secrets" });
          return;
        }
        expect(typeof (outcome as { before?: unknown }).before).toBe("function");
      }),
      { numRuns: 400 },
    );
  });

  it("accepts exactly -1, 0 and finite positive numbers as cacheExpiry", () => {
    fc.assert(
      fc.property(fc.double(), (cacheExpiry) => {
        const valid = cacheExpiry === -1 || (cacheExpiry >= 0 && Number.isFinite(cacheExpiry));
        const create = () =>
          starfleetSecrets({ workerName: "GitHubSyncWorker", config: starfleetConfig(null), cacheExpiry });
        if (valid) expect(create).not.toThrow();
        else expect(create).toThrow(TypeError);
      }),
      { numRuns: 400 },
    );
  });
});
