// The rule that decides whether a validator's words may be passed on: any text that may quote part of a
// value in the entry is withheld. Examples for each kind of value, then properties over random entries.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { createQuoteCheck } from "../../src/schema/quotes-value.js";

describe("createQuoteCheck", () => {
  const entry = {
    "my-org": "-----BEGIN KEY-----\nMIIEpQ-SeCrEt\n-----END KEY-----",
    db: { port: 5432, host: "db.internal", tls: true },
    short: "on",
    tags: ["abc", 7, null],
    quoted: 'a"b"c',
    pin: "!?",
    code: "wxyz",
    offset: "-1",
    mark: 'q"',
  };
  const quotesValue = createQuoteCheck(entry);

  it.each([
    ['Invalid start: Expected "-----BEGIN" but received "MIIE"', "4 characters of a string"],
    ["received secret (case changed)", "a run of a string in another case"],
    ["must be at most 100 (was 5432)", "a number's text"],
    ["expected false, received true", "a boolean"],
    ['Expected ("a" | "b") but received "on"', "a short string as a word"],
    ["was abc", "a short string in an array"],
    ["was 7 items", "a short number as a word"],
    ['received "a\\"b\\"c"', "a string as JSON escapes it"],
    ['got a\\"b\\"c', "a string as JSON escapes it, unquoted"],
    ['got q\\" here', "a short string as JSON escapes it"],
    ["was `Ep`", "a backquoted part"],
    ["host db.i is unknown", "a run that crosses a dot"],
    ['Invalid start: Expected "pw-" but received "EpQ"', "a quoted part shorter than 4 characters"],
    ["was 'MII'", "a single-quoted part"],
    ["got x!?y", "a short string without letters or digits, wherever it is"],
    ["got awxyzb", "a 4-character string inside a longer word"],
  ])("withholds %j (%s)", (text) => {
    expect(quotesValue(text)).toBe(true);
  });

  it.each([
    ["Invalid input: expected number, received string", "a kind, not a value"],
    ["Invalid option: expected one of a|b", "short forms only inside words ('on' in 'option')"],
    ['Invalid start: expected "pw-"', "quoted text that is in no value"],
    ["db.port: must be a string (was a number)", "the entry's keys"],
    ["Too big: expected array to have <=2 items", "numbers that are not the entry's"],
    ["", "nothing"],
    ["must be at least -10", "a short string that ends in a digit, inside a longer number"],
  ])("passes %j on (%s)", (text) => {
    expect(quotesValue(text)).toBe(false);
  });

  it("ignores null and empty strings, which say no more than a kind", () => {
    const check = createQuoteCheck({ a: null, b: "" });

    expect(check("expected object, received null")).toBe(false);
  });

  it("walks entries nested deeper than the call stack would allow", () => {
    let deep: unknown = "bottom-SeCrEt";
    for (let depth = 0; depth < 20_000; depth += 1) deep = { deep };

    expect(createQuoteCheck(deep)("was bottom-SeCrEt")).toBe(true);
  });
});

describe("createQuoteCheck (properties)", () => {
  const scalar = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
  );
  const entries = fc.dictionary(
    fc.string(),
    fc.oneof(scalar, fc.array(scalar), fc.dictionary(fc.string(), scalar)),
  );

  function scalarsOf(value: unknown): unknown[] {
    if (value === null || typeof value !== "object") return [value];
    return Object.values(value).flatMap(scalarsOf);
  }

  it("withholds any text holding a run of 4 characters of a value, or a whole shorter value", () => {
    fc.assert(
      fc.property(
        entries,
        fc.nat(),
        fc.nat(),
        fc.string(),
        fc.string(),
        (entry, pick, offset, before, after) => {
          const values = scalarsOf(entry).map(String);
          fc.pre(values.length > 0);
          const value = values[pick % values.length] as string;
          fc.pre(value.length > 0);
          const start = value.length > 4 ? offset % (value.length - 3) : 0;
          const part = value.slice(start, start + 4);
          // Spaces keep a short value a word of its own, as a validator's message would quote it.
          const text = `${before} ${part} ${after}`;

          expect(createQuoteCheck(entry)(text)).toBe(true);
        },
      ),
    );
  });

  it("never withholds text made only of characters no value contains", () => {
    fc.assert(
      fc.property(entries, fc.string(), (entry, text) => {
        const forms = scalarsOf(entry).flatMap((value) => [String(value), JSON.stringify(String(value))]);
        const used = new Set(forms.join("").toLowerCase());
        const unused = [...text.toLowerCase()].filter((char) => !used.has(char)).join("");

        expect(createQuoteCheck(entry)(unused)).toBe(false);
      }),
    );
  });
});
