// validateEntry on its own: how odd validator answers read, and that none of them lets a value through.
import { describe, expect, it } from "@jest/globals";
import { type EntryVerdict, validateEntry } from "../../src/schema/validate-entry.js";
import type { StandardSchemaV1 } from "../../src/types/standard-schema.js";

const location = { secretId: "Starfleet", region: "us-east-2", workerName: "DbWorker" };
const SECRET = "pa55-SeCrEt-w0rd-77";
const entry = { db: { password: SECRET }, list: [SECRET] };

function failingWith(issues: unknown, vendor = "handmade"): StandardSchemaV1 {
  return { "~standard": { version: 1, vendor, validate: () => ({ issues }) as never } };
}

function rejectionOf(verdict: EntryVerdict | Promise<EntryVerdict>) {
  if (verdict instanceof Promise || !("rejection" in verdict)) throw new Error("expected a rejection");
  return verdict.rejection;
}

describe("validateEntry", () => {
  it("shows paths by their keys and indexes, whichever form the validator gives", () => {
    const { issues } = rejectionOf(
      validateEntry(
        failingWith([
          { message: "a", path: ["db", { key: "password" }] },
          { message: "b", path: [{ key: "list" }, 0] },
          { message: "c", path: [] },
          { message: "d" },
          { message: "e", path: ["db", Symbol("hidden")] },
          { message: "f", path: ["list", -1] },
          { message: "g", path: ["list", 1.5] },
          { message: "h", path: ["db", null] },
        ]),
        entry,
        location,
      ),
    );

    expect(issues).toEqual([
      "db.password: a",
      "list[0]: b",
      "(the entry): c",
      "(the entry): d",
      "db (inside a value): e",
      "list (inside a value): f",
      "list (inside a value): g",
      "db (inside a value): h",
    ]);
  });

  it("puts a message on one line, cut at 300 characters, and says when there is none", () => {
    const { issues } = rejectionOf(
      validateEntry(
        failingWith([
          { message: "must be\n  a   string", path: ["db"] },
          { message: "x".repeat(400), path: ["db"] },
          { message: 42, path: ["db"] },
          { message: "   ", path: ["db"] },
          null,
        ]),
        entry,
        location,
      ),
    );

    expect(issues[0]).toBe("db: must be a string");
    expect(issues[1]).toBe(`db: ${"x".repeat(299)}…`);
    expect(issues.slice(2)).toEqual(["db: (no message)", "db: (no message)", "(the entry): (no message)"]);
  });

  it("names a schema without a vendor as 'the schema'", () => {
    const { reason } = rejectionOf(validateEntry(failingWith([{ message: "a" }], ""), entry, location));

    expect(reason).toBe("the schema");
  });

  it("tells a result whose getters throw as the validator's throw, withholding a message that quotes", () => {
    const schema: StandardSchemaV1 = {
      "~standard": {
        version: 1,
        vendor: "handmade",
        validate: () =>
          ({
            get issues(): never {
              throw new Error(`cannot judge ${SECRET}`);
            },
          }) as never,
      },
    };

    const { reason } = rejectionOf(validateEntry(schema, entry, location));

    expect(reason).toBe(
      "handmade threw Error: (the validator's message is withheld: it may contain part of the value)",
    );
  });

  it.each([
    ["is blank", " "],
    ["quotes a value", SECRET],
  ])("calls the error an error when its name %s", (_case, name) => {
    const error = Object.assign(new Error("plain"), { name });
    const schema: StandardSchemaV1 = {
      "~standard": {
        version: 1,
        vendor: "handmade",
        validate: () => {
          throw error;
        },
      },
    };

    expect(rejectionOf(validateEntry(schema, entry, location)).reason).toBe("handmade threw an error: plain");
  });
});
