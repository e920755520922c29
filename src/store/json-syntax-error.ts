/**
 * Where the first syntax error of invalid JSON text is, found by scanning the text rather than from
 * `JSON.parse`'s error: V8's message quotes the input (the secret), and for an unexpected token it names
 * no position at all. Iterative, so any nesting depth is scanned.
 */

const WHITESPACE = /[ \t\n\r]*/y;
const LITERAL = /true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX_DIGITS = /[0-9a-fA-F]{0,3}/y;
// A string's longest valid start: where it stops is where it breaks (or the end of an unterminated one).
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters.
const STRING_START = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** The end of the match of `pattern` at `at`, or `at` when it does not match there. */
function endOf(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : at;
}

/** Where a string starting at `at` ends, or a negative offset `-(error + 1)` where it breaks. */
function stringEnd(text: string, at: number): number {
  if (text[at] !== '"') return -(at + 1);
  const end = endOf(STRING_START, text, at);
  if (text[end] === '"') return end + 1;
  if (text[end] !== "\\") return -(end + 1);
  // A bad escape is where it goes wrong, as V8 counts it: the letter after the backslash, or the first
  // character of a \u escape that is not a hex digit.
  return -(text[end + 1] === "u" ? endOf(HEX_DIGITS, text, end + 2) + 1 : end + 2);
}

type Expecting = "value" | "valueOrEnd" | "key" | "keyOrEnd" | "afterValue";

/** The offset of the first syntax error in `text`, or `undefined` when it is valid JSON. */
function firstErrorOffset(text: string): number | undefined {
  const closers: string[] = [];
  const skip = (from: number) => endOf(WHITESPACE, text, from);
  let at = skip(0);
  let expecting: Expecting = "value";
  for (;;) {
    const char = text[at];
    const closer = closers.at(-1);
    if ((expecting === "valueOrEnd" || expecting === "keyOrEnd") && char === closer) {
      closers.pop();
      at = skip(at + 1);
      expecting = "afterValue";
    } else if (expecting === "value" || expecting === "valueOrEnd") {
      if (char === "{" || char === "[") {
        closers.push(char === "{" ? "}" : "]");
        at = skip(at + 1);
        expecting = char === "{" ? "keyOrEnd" : "valueOrEnd";
      } else {
        const end = char === '"' ? stringEnd(text, at) : endOf(LITERAL, text, at);
        if (end < 0) return -end - 1;
        if (end === at) return at;
        at = skip(end);
        expecting = "afterValue";
      }
    } else if (expecting === "key" || expecting === "keyOrEnd") {
      const end = stringEnd(text, at);
      if (end < 0) return -end - 1;
      const colon = skip(end);
      if (text[colon] !== ":") return colon;
      at = skip(colon + 1);
      expecting = "value";
    } else if (closer === undefined) {
      return at === text.length ? undefined : at;
    } else if (char === ",") {
      at = skip(at + 1);
      expecting = closer === "}" ? "key" : "value";
    } else if (char === closer) {
      closers.pop();
      at = skip(at + 1);
    } else {
      return at;
    }
  }
}

/**
 * `line 3, column 17`: where the first syntax error of `text` is (the end of the text when it ends too
 * soon), counting lines and columns from 1; `undefined` when the text is valid JSON.
 */
export function syntaxErrorPosition(text: string): string | undefined {
  const offset = firstErrorOffset(text);
  if (offset === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
