/**
 * The edits `set` and `unset` make to the parsed secret, as pure functions: a new document is built and
 * every entry not named is carried over as the same value, in the same key order.
 */
import { describeValue } from "../util/describe-value.js";
import { formatPath } from "../util/format-path.js";
import { CliError } from "./cli-error.js";
import { isJsonObject, type JsonObject, type JsonValue, memberOf, sameJson } from "./secret-json.js";

/** One change to the secret: an entry (a worker's, or `STARFLEET`), or one key inside an entry. */
export type SecretEdit =
  | { readonly action: "set"; readonly entry: string; readonly key?: string; readonly value: JsonValue }
  | { readonly action: "unset"; readonly entry: string; readonly key?: string };

/** The edited document, or why there is nothing to write. */
export type EditOutcome =
  | { readonly changed: true; readonly document: JsonObject }
  | { readonly changed: false; readonly reason: string };

// fromEntries, not assignment: a key named __proto__ stays an own key instead of replacing the prototype.
function withMember(object: JsonObject, key: string, value: JsonValue): JsonObject {
  const entries = Object.entries(object);
  const index = entries.findIndex(([name]) => name === key);
  if (index === -1) entries.push([key, value]);
  else entries[index] = [key, value];
  return Object.fromEntries(entries);
}

function withoutMember(object: JsonObject, key: string): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([name]) => name !== key));
}

function entryNames(document: JsonObject): string {
  const names = Object.keys(document);
  return names.length === 0 ? "none" : names.map((name) => JSON.stringify(name)).join(", ");
}

/** The entry that holds KEY, which must be an object. */
function asContainer(entry: string, key: string, container: JsonValue): JsonObject {
  if (isJsonObject(container)) return container;
  throw new CliError(
    `Entry ${JSON.stringify(entry)} is ${describeValue(container)}, not an object, so it has no key ` +
      `${JSON.stringify(key)}. ` +
      `Replace the whole entry instead: \`starfleet-secrets set ${entry} --json ...\`.`,
    { code: "ENTRY_NOT_AN_OBJECT" },
  );
}

function applySet(
  document: JsonObject,
  entry: string,
  key: string | undefined,
  value: JsonValue,
): EditOutcome {
  const path = formatPath(key === undefined ? [entry] : [entry, key]);
  let next: JsonValue = value;
  if (key !== undefined) {
    const existing = memberOf(document, entry);
    const container = existing === undefined ? {} : asContainer(entry, key, existing);
    const current = memberOf(container, key);
    if (current !== undefined && sameJson(current, value)) {
      return { changed: false, reason: `${path} already has this value` };
    }
    next = withMember(container, key, value);
  } else {
    const current = memberOf(document, entry);
    if (current !== undefined && sameJson(current, value)) {
      return { changed: false, reason: `${path} already has this value` };
    }
  }
  return { changed: true, document: withMember(document, entry, next) };
}

function nothingToRemove(message: string): CliError {
  return new CliError(`Nothing to remove: ${message}.`, { code: "NOTHING_TO_REMOVE" });
}

function applyUnset(document: JsonObject, entry: string, key: string | undefined): EditOutcome {
  const current = memberOf(document, entry);
  if (current === undefined) {
    throw nothingToRemove(
      `the secret has no entry ${JSON.stringify(entry)} (entries: ${entryNames(document)})`,
    );
  }
  if (key === undefined) return { changed: true, document: withoutMember(document, entry) };
  const container = asContainer(entry, key, current);
  if (!Object.hasOwn(container, key)) {
    throw nothingToRemove(`entry ${JSON.stringify(entry)} has no key ${JSON.stringify(key)}`);
  }
  return { changed: true, document: withMember(document, entry, withoutMember(container, key)) };
}

/**
 * Applies one edit.
 *
 * @throws {CliError} `ENTRY_NOT_AN_OBJECT` for a KEY inside an entry that is not an object,
 * `NOTHING_TO_REMOVE` when `unset` names something absent.
 */
export function applyEdit(document: JsonObject, edit: SecretEdit): EditOutcome {
  return edit.action === "set"
    ? applySet(document, edit.entry, edit.key, edit.value)
    : applyUnset(document, edit.entry, edit.key);
}
