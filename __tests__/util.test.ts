// The small helpers whose output users read in messages (a value's kind, a path in a document) or rely on
// (a frozen configuration and secret, plain data told from class instances).
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "@jest/globals";
import { deepFreeze } from "../src/util/deep-freeze.js";
import { describeValue, JSON_WORDS, YAML_WORDS } from "../src/util/describe-value.js";
import { formatPath } from "../src/util/format-path.js";
import { isPlainObject } from "../src/util/is-plain-object.js";

class Config {}
// Node 22 has JSON.rawJSON (the CLI keeps numbers' exact text with it); TypeScript's ES2023 lib does not.
const json = JSON as JSON & { rawJSON(text: string): object };

describe("describeValue names a value's kind, never the value", () => {
  it.each([
    [null, "null", "an empty value"],
    [undefined, "null", "an empty value"],
    [[1, 2], "an array", "a list"],
    [{ a: 1 }, "an object", "a mapping"],
    [Object.create(null), "an object", "a mapping"],
  ])("%p in JSON's words and YAML's", (value, json, yaml) => {
    expect(describeValue(value)).toBe(json);
    expect(describeValue(value, JSON_WORDS)).toBe(json);
    expect(describeValue(value, YAML_WORDS)).toBe(yaml);
  });

  it.each([
    ["s3cr3t", "a string"],
    [42, "a number"],
    [true, "a boolean"],
    [10n, "a bigint"],
    [() => "s3cr3t", "a function"],
    [Symbol("s3cr3t"), "a symbol"],
    [new Date(0), "a date"],
    [new Uint8Array([1, 2]), "binary data"],
    [new Config(), "an instance of Config"],
    [new Map([["k", "s3cr3t"]]), "an instance of Map"],
    [json.rawJSON("12345678901234567890"), "a number"],
  ])("%p is %s", (value, kind) => {
    expect(describeValue(value)).toBe(kind);
  });

  it("says an object whose class has no name is not a plain one, in the reader's words", () => {
    const anonymous = new (class {})();
    expect(describeValue(anonymous)).toBe("an object that is not a plain one");
    expect(describeValue(anonymous, YAML_WORDS)).toBe("a mapping that is not a plain one");
    const withoutConstructor = Object.create({ constructor: undefined });
    expect(describeValue(withoutConstructor)).toBe("an object that is not a plain one");
  });
});

describe("formatPath prints a path as messages show it", () => {
  it.each([
    [[], ""],
    [["STARFLEET"], "STARFLEET"],
    [["STARFLEET", "SecretsManager", "SecretRegion"], "STARFLEET.SecretsManager.SecretRegion"],
    [["STARFLEET", "ScopeToRegions", 0], "STARFLEET.ScopeToRegions[0]"],
    [[3, "key"], "[3].key"],
    [["GitHubSyncWorker", "my org", 2], 'GitHubSyncWorker["my org"][2]'],
    [
      ["ThirdPartyLoggerLevels", "urllib3.connectionpool"],
      'ThirdPartyLoggerLevels["urllib3.connectionpool"]',
    ],
    [["a-b", "_c", "$d", "e9"], "a-b._c.$d.e9"],
    [["9e"], '["9e"]'],
    [["-a"], '["-a"]'],
    [["a b"], '["a b"]'],
    [[""], '[""]'],
    [['say "hi"'], '["say \\"hi\\""]'],
  ])("%j as %s", (segments, printed) => {
    expect(formatPath(segments)).toBe(printed);
  });
});

describe("isPlainObject", () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null), true],
    [structuredClone({ a: 1 }), true],
    [runInNewContext("({ a: 1 })"), true],
    [[], false],
    [new Config(), false],
    [Object.create({ inherited: true }), false],
    [new Date(0), false],
    [json.rawJSON("1"), false],
    [null, false],
    [undefined, false],
    ["{}", false],
    [() => ({}), false],
  ])("%p: %p", (value, plain) => {
    expect(isPlainObject(value)).toBe(plain);
  });
});

describe("deepFreeze", () => {
  it("freezes every object and array reachable, and hands back the same value", () => {
    const root = { a: { b: [1, { c: "d" }] }, e: [[{}]] };

    expect(deepFreeze(root)).toBe(root);

    for (const value of [root, root.a, root.a.b, root.a.b[1], root.e, root.e[0], root.e[0]?.[0]]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
  });

  it("goes through shared and cyclic structures, as YAML anchors make them, and leaves binary data", () => {
    const shared = { value: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    const binary = new Uint8Array([1, 2, 3]);
    cyclic.binary = binary;

    deepFreeze(cyclic);

    expect(Object.isFrozen(cyclic)).toBe(true);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(binary)).toBe(false);
  });

  it("leaves scalars as they are", () => {
    expect(deepFreeze("text")).toBe("text");
    expect(deepFreeze(null)).toBeNull();
  });
});
