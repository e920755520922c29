import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { syntaxErrorPosition } from "../src/store/json-syntax-error.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// V8 names a line and column for most errors, and none for an unexpected token. Inside a token (a number,
// `true`) it points where it stopped reading, the scan at the token: only errors between tokens compare.
function v8Position(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (!/^(Expected|Unterminated|Bad|Unexpected non-whitespace)/.test(message) || /number/.test(message)) {
      return undefined;
    }
    const match = /\(line (\d+) column (\d+)\)/.exec(message);
    return match ? `line ${match[1]}, column ${match[2]}` : undefined;
  }
  return undefined;
}

describe("syntaxErrorPosition", () => {
  it.each([
    ['{\n  "STARFLEET": {},\n  "GitHubSyncWorker": {"my-org": "k",},\n}', "line 3, column 38"],
    ['{"a": 1,}', "line 1, column 9"],
    ["GitHubSyncWorker=1", "line 1, column 1"],
    ['{"a": x}', "line 1, column 7"],
    ["[1,]", "line 1, column 4"],
    ['{"a" 1}', "line 1, column 6"],
    ['{"a": "b', "line 1, column 9"],
    ['{"a": "\\q"}', "line 1, column 9"],
    ['{"a": "\t"}', "line 1, column 8"],
    ['{"a":1}}', "line 1, column 8"],
    ["", "line 1, column 1"],
    ['{\r\n  "a": 1\r\n  "b": 2}', "line 3, column 3"],
    // A \u escape breaks at its first character that is not a hex digit, as V8 says.
    [String.raw`{"a": "\u12G4"}`, "line 1, column 12"],
    [String.raw`"\uZ"`, "line 1, column 4"],
    [String.raw`["\u00e9\u12"]`, "line 1, column 13"],
    [String.raw`"\u0041\uFFFg"`, "line 1, column 13"],
    [String.raw`"\u1"`, "line 1, column 5"],
  ])("%j: %s", (text, position) => {
    expect(syntaxErrorPosition(text)).toBe(position);
  });

  it("is undefined for valid JSON, however deeply nested", () => {
    expect(syntaxErrorPosition(' {"a": [1, -2.5e3, true, null, "\\u00e9"]} ')).toBeUndefined();
    expect(syntaxErrorPosition(String.raw`{"a": "\u00E9\u0041 ok"}`)).toBeUndefined();
    expect(syntaxErrorPosition(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toBeUndefined();
    expect(syntaxErrorPosition(`${"[".repeat(100_000)}${"]".repeat(99_999)}`)).toBe("line 1, column 200000");
  });

  it("finds an error exactly when JSON.parse does, where V8 says when it says", () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc
        .tuple(fc.json(), fc.nat(), fc.constantFrom(",", "}", "]", "\n", '"', "x", "\\", "-", ""))
        .map(
          ([text, at, insert]) =>
            text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
        ),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        const position = syntaxErrorPosition(text);
        expect(position === undefined).toBe(parses(text));
        const fromV8 = v8Position(text);
        if (fromV8 !== undefined) expect(position).toBe(fromV8);
      }),
      { numRuns: 2_000 },
    );
  });
});
