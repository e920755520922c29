/**
 * Runs the worker's Standard Schema on its entry and turns every way it can fail (issues, a throw, a
 * rejected promise, an answer that is not a Standard Schema result) into `ENTRY_INVALID`, carrying each
 * issue's path and only the validator's words that quote no part of the entry (see quotes-value.ts).
 */
import { StarfleetSecretsError } from "../errors.js";
import type { SecretLocation } from "../secret-location.js";
import type { StandardSchemaV1, StandardSchemaV1Issue } from "../types/standard-schema.js";
import { deepFreeze } from "../util/deep-freeze.js";
import { describeValue } from "../util/describe-value.js";
import { formatPath } from "../util/format-path.js";
import { isPromise } from "../util/is-promise.js";
import { createQuoteCheck, type QuoteCheck } from "./quotes-value.js";

/** Enough to fix the entry in one go; a schema failing on every key of a large entry is cut here. */
const MAX_ISSUES = 10;
const MAX_MESSAGE_CHARS = 300;
const WITHHELD = "(the validator's message is withheld: it may contain part of the value)";
const ENTRY_ITSELF = "(the entry)";

/** What made an entry invalid, value-free: enough to build its `ENTRY_INVALID` again for each invocation. */
export interface EntryRejection {
  readonly location: SecretLocation;
  /** The validator's vendor (`zod`, `valibot`, ...), and how it failed when it did not report issues. */
  readonly reason: string;
  /** `path: message` per issue. */
  readonly issues: readonly string[];
}

/** The schema's output (deep-frozen), boxed: an output is never mistaken for a pending result. */
export interface EntryOutput {
  readonly value: unknown;
}

/** The schema's judgement of one entry: its output, or why it was rejected. */
export type EntryVerdict = EntryOutput | { readonly rejection: EntryRejection };

/** A fresh `ENTRY_INVALID` for a rejection: each failing invocation gets an error of its own. */
export function entryInvalid({ location, reason, issues }: EntryRejection): StarfleetSecretsError {
  return new StarfleetSecretsError("ENTRY_INVALID", { ...location, reason, issues });
}
/** Every key in the entry, at any depth: the path segments that may be shown. */
function keysOf(entry: unknown): Set<string> {
  const keys = new Set<string>();
  const pending: unknown[] = [entry];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      keys.add(key);
      pending.push(child);
    }
  }
  return keys;
}

/**
 * The issue's path, shown as far as it runs through the entry's own keys and indexes. A schema that parses a
 * string into structure (`z.string().transform(JSON.parse).pipe(...)`) reports keys that are part of a
 * value; the path stops before them.
 */
function pathOf(issue: StandardSchemaV1Issue, keys: ReadonlySet<string>): string {
  const shown: (string | number)[] = [];
  for (const segment of issue.path ?? []) {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    if (typeof key === "number" && Number.isInteger(key) && key >= 0) shown.push(key);
    else if (typeof key === "string" && keys.has(key)) shown.push(key);
    else return `${formatPath(shown) || ENTRY_ITSELF} (inside a value)`;
  }
  return formatPath(shown) || ENTRY_ITSELF;
}

/** The validator's text on one line, or the notice that it is withheld. */
function vetted(text: unknown, quotesValue: QuoteCheck): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = text.replace(/\s+/g, " ").trim();
  const shown = line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
  if (shown === "") return undefined;
  return quotesValue(shown) ? WITHHELD : shown;
}

function issueLines(issues: readonly StandardSchemaV1Issue[], entry: unknown): string[] {
  const keys = keysOf(entry);
  const quotesValue = createQuoteCheck(entry);
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const message = vetted(issue?.message, quotesValue) ?? "(no message)";
    return `${pathOf(issue ?? {}, keys)}: ${message}`;
  });
  if (issues.length > MAX_ISSUES) lines.push(`... and ${issues.length - MAX_ISSUES} more`);
  return lines;
}

function rejected(location: SecretLocation, reason: string, issues: readonly string[] = []): EntryVerdict {
  return { rejection: { location, reason, issues } };
}

/** An Error from any realm (a validator run in a vm context, the platform's own): `instanceof` is not enough. */
function isError(value: unknown): value is Error {
  return Object.prototype.toString.call(value) === "[object Error]";
}

/** A throw or rejection from the validator: its class name and message, each only if it quotes nothing. */
function thrownBy(error: unknown, entry: unknown, vendor: string, location: SecretLocation): EntryVerdict {
  if (!isError(error)) return rejected(location, `${vendor} threw ${describeValue(error)}`);
  const quotesValue = createQuoteCheck(entry);
  const name = vetted(error.name, quotesValue);
  const what = name === undefined || name === WITHHELD ? "an error" : name;
  const message = vetted(error.message, quotesValue);
  return rejected(location, `${vendor} threw ${what}${message ? `: ${message}` : ""}`);
}

function verdictOf(result: unknown, entry: unknown, vendor: string, location: SecretLocation): EntryVerdict {
  if (typeof result !== "object" || result === null) {
    return rejected(location, `${vendor}'s validate returned ${describeValue(result)}, not a result`);
  }
  const { issues, value } = result as { issues?: unknown; value?: unknown };
  if (!issues) return { value: deepFreeze(value) };
  if (!Array.isArray(issues) || issues.length === 0) {
    return rejected(location, `${vendor} reported a failure without a list of issues`);
  }
  return rejected(location, vendor, issueLines(issues, entry));
}

/**
 * The schema's verdict on `entry`: synchronous when the validator is. Never throws. The validator gets a
 * copy: the entry is part of the frozen, shared document, and some validators (arktype's morphs) write
 * their output into their input.
 */
export function validateEntry(
  schema: StandardSchemaV1,
  entry: unknown,
  location: SecretLocation,
): EntryVerdict | Promise<EntryVerdict> {
  const standard = schema["~standard"];
  const vendor =
    typeof standard.vendor === "string" && standard.vendor !== "" ? standard.vendor : "the schema";
  const failed = (error: unknown) => thrownBy(error, entry, vendor, location);
  function judge(result: unknown): EntryVerdict {
    try {
      return verdictOf(result, entry, vendor, location);
    } catch (error) {
      // A result whose getters throw: the validator's failure, told as its throw.
      return failed(error);
    }
  }
  let copy: unknown;
  try {
    copy = structuredClone(entry);
  } catch (error) {
    // Nested deeper than the copy's stack allows: the validator, recursive too, would fail alike.
    const kind = isError(error) ? error.name : describeValue(error);
    return rejected(
      location,
      `the entry could not be copied for ${vendor} (${kind}); is it nested too deeply?`,
    );
  }
  let result: unknown;
  try {
    result = standard.validate(copy);
  } catch (error) {
    return failed(error);
  }
  return isPromise(result) ? result.then(judge, failed) : judge(result);
}
