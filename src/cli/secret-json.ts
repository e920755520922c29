/**
 * The secret's JSON as the CLI edits it. An edit re-serializes the whole document, so the parse must not
 * lose anything JSON can say: numbers that `JSON.stringify` would print differently (`1.0`, `1e3`, integers
 * beyond 2^53, `-0`) are kept as their exact source text with `JSON.rawJSON`. Everything else round-trips
 * as an equal JSON value, in the same key order.
 */

/** A JSON number kept as its exact source text (made by `JSON.rawJSON`). */
export interface RawJsonNumber {
  readonly rawJSON: string;
}

/** A parsed JSON value. */
export type JsonValue = null | boolean | number | string | RawJsonNumber | readonly JsonValue[] | JsonObject;

/** A parsed JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** The kinds of JSON value, as `check --json` reports them. */
export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

// Node 22 has JSON.rawJSON and the reviver's source-text argument; TypeScript's ES2023 lib does not.
const json = JSON as JSON & {
  rawJSON(text: string): RawJsonNumber;
  isRawJSON(value: unknown): boolean;
};

/** Keeps a number as its source text when the parsed number would print differently. */
function keepNumberText(_key: string, value: unknown, context: { readonly source?: string }): unknown {
  // Node 22 passes every primitive's source text; a number's is never missing.
  if (typeof value === "number" && JSON.stringify(value) !== context.source) {
    return json.rawJSON(context.source as string);
  }
  return value;
}

/**
 * Parses JSON text, keeping every number's exact text. Throws V8's `SyntaxError` on invalid input: its
 * message quotes the input, so callers must never show it.
 */
export function parseJson(text: string): JsonValue {
  return JSON.parse(text, keepNumberText as (key: string, value: unknown) => unknown) as JsonValue;
}

/**
 * How deeply the CLI nests arrays and objects at most. Parsing, printing, masking and diffing recurse, and
 * a secret nested a few thousand levels (a few kilobytes) would overflow the stack; Starfleet's secrets
 * nest two or three levels.
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/**
 * How many levels of arrays and objects valid JSON text nests, counted without parsing it, so any depth
 * can be measured.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (CLOSERS.has(code)) {
      depth--;
    }
  }
  return deepest;
}

/** Whether `value` is a number kept as source text. */
export function isRawJsonNumber(value: unknown): value is RawJsonNumber {
  return json.isRawJSON(value);
}

/** Whether `value` is a JSON object (not an array, not a kept number). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isRawJsonNumber(value);
}

/** The kind of a JSON value. */
export function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isRawJsonNumber(value)) return "number";
  return typeof value as "object" | "string" | "number" | "boolean";
}

/** Serializes a value parsed by {@link parseJson}; kept numbers print as their source text. */
export function stringifyJson(value: JsonValue, indent = ""): string {
  return JSON.stringify(value, null, indent);
}

/** Whether two values are the same JSON, key order included. */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  return stringifyJson(a) === stringifyJson(b);
}

/** The own member `key` of an object, or `undefined`; never an inherited property such as `constructor`. */
export function memberOf(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** How a secret's text is laid out, so a rewrite keeps the operator's style. */
export interface SecretFormat {
  /** `""` for single-line JSON, else the indentation of the first indented line. */
  readonly indent: string;
  readonly trailingNewline: boolean;
}

/** The layout the secret's text uses: single-line stays single-line, indented keeps its indentation. */
export function detectFormat(text: string): SecretFormat {
  const trailingNewline = text.endsWith("\n");
  const body = text.trim();
  if (!body.includes("\n")) return { indent: "", trailingNewline };
  // JSON.stringify accepts at most 10 characters of indentation.
  const indent = (/\n([ \t]+)\S/.exec(body)?.[1] ?? "  ").slice(0, 10);
  return { indent, trailingNewline };
}

/** Serializes a secret document in the given layout. */
export function formatSecret(document: JsonObject, format: SecretFormat): string {
  return stringifyJson(document, format.indent) + (format.trailingNewline ? "\n" : "");
}

/** What `init` stores, as Starfleet's guide says: `{"STARFLEET": {}}`. */
export const INITIAL_SECRET_TEXT = formatSecret({ STARFLEET: {} }, { indent: "  ", trailingNewline: false });
