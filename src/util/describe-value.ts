import { isPlainObject } from "./is-plain-object.js";

/** The words for the kinds that JSON and YAML name differently. */
export interface KindWords {
  readonly nothing: string;
  readonly list: string;
  readonly mapping: string;
}

/** JSON's names: `null`, `an array`, `an object`. */
export const JSON_WORDS: KindWords = { nothing: "null", list: "an array", mapping: "an object" };
/** YAML's names, as a configuration author reads them: `an empty value`, `a list`, `a mapping`. */
export const YAML_WORDS: KindWords = { nothing: "an empty value", list: "a list", mapping: "a mapping" };

/**
 * Names a value's kind for a sentence (`a string`, `an array`, `an instance of Config`) without showing any
 * of the value: the one way every message in the package says what it got.
 */
export function describeValue(value: unknown, words: KindWords = JSON_WORDS): string {
  if (value === null || value === undefined) return words.nothing;
  if (Array.isArray(value)) return words.list;
  if (typeof value !== "object") return `a ${typeof value}`;
  if (value instanceof Date) return "a date";
  if (ArrayBuffer.isView(value)) return "binary data";
  if (isPlainObject(value)) return words.mapping;
  // A number the CLI keeps as its exact source text: a frozen object without a prototype.
  if (Object.getPrototypeOf(value) === null) return "a number";
  const className = value.constructor?.name;
  return className ? `an instance of ${className}` : `${words.mapping} that is not a plain one`;
}
