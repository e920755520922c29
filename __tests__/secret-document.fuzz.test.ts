// Property tests: whatever Secrets Manager hands back, parsing yields a frozen object or one of our typed
// errors, and no error ever carries a fragment of the value.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { StarfleetSecretsError } from "../src/index.js";
import { parseSecretDocument } from "../src/store/secret-document.js";
import { everythingIn } from "./support/fixtures.js";

const location = { secretId: "Starfleet", region: "us-east-2", workerName: "GitHubSyncWorker" };
// A marker no message of ours contains, so finding it in an error means the value leaked.
const MARKER = "Qz7XwK";

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

function outcomeOf(secretString: string): { document?: unknown; error?: unknown } {
  try {
    return { document: parseSecretDocument({ SecretString: secretString }, location) };
  } catch (error) {
    return { error };
  }
}

const markedText = fc.tuple(fc.string(), fc.string()).map(([before, after]) => `${before}${MARKER}${after}`);
const markedJson = fc.jsonValue().map((value) => JSON.stringify({ leak: MARKER, value }).slice(0, -1));
const markedValue = fc.oneof(
  markedText,
  markedJson,
  markedText.map((text) => JSON.stringify(text)),
  fc.array(markedText).map((items) => JSON.stringify(items)),
);

describe("parseSecretDocument (fuzz)", () => {
  it("never leaks any part of a value it cannot use", () => {
    fc.assert(
      fc.property(markedValue, (secretString) => {
        const { error } = outcomeOf(secretString);
        if (error === undefined) return;
        expect(error).toBeInstanceOf(StarfleetSecretsError);
        expect(["NOT_JSON", "NOT_AN_OBJECT"]).toContain((error as StarfleetSecretsError).code);
        expect(everythingIn(error)).not.toContain(MARKER);
      }),
      { numRuns: 300 },
    );
  });

  it("returns a deep-frozen copy of any JSON object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (document) => {
        const parsed = parseSecretDocument({ SecretString: JSON.stringify(document) }, location);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(document)));
        expect(isDeepFrozen(parsed)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("only ever throws our typed errors, for any string at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (secretString) => {
        const { error } = outcomeOf(secretString);
        if (error !== undefined) expect(error).toBeInstanceOf(StarfleetSecretsError);
      }),
      { numRuns: 300 },
    );
  });
});
