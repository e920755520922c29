/**
 * What changed between two versions of the secret: which paths were added, removed or changed. `set`,
 * `unset`, `put` and `rollback` print it with values masked; `history` prints the paths alone.
 */
import { formatPath } from "../util/format-path.js";
import type { VersionContent } from "./current-version.js";
import { describeMasked } from "./mask.js";
import { isJsonObject, type JsonObject, type JsonValue, memberOf, sameJson } from "./secret-json.js";

/** One step of a path into the secret: an object key or an array index. */
export type PathSegment = string | number;

/** One difference: a path added (`+`), removed (`-`) or changed (`~`), with the values on each side. */
interface Change {
  readonly sign: "+" | "-" | "~";
  readonly path: readonly PathSegment[];
  readonly before: JsonValue | undefined;
  readonly after: JsonValue | undefined;
}

function diffInto(
  changes: Change[],
  path: readonly PathSegment[],
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): void {
  // Never both undefined: a key is visited because one side has it.
  if (before === undefined || after === undefined) {
    changes.push({ sign: before === undefined ? "+" : "-", path, before, after });
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of Object.keys(before))
      diffInto(changes, [...path, key], before[key], memberOf(after, key));
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) diffInto(changes, [...path, key], undefined, after[key]);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item: JsonValue, index) => {
      diffInto(changes, [...path, index], item, after[index]);
    });
    return;
  }
  if (!sameJson(before, after)) changes.push({ sign: "~", path, before, after });
}

function changesOf(before: JsonValue, after: JsonValue): Change[] {
  const changes: Change[] = [];
  diffInto(changes, [], before, after);
  return changes;
}

/**
 * The differences between two versions of the secret, one line per added (`+`), removed (`-`) or changed
 * (`~`) path, values masked.
 */
export function maskedDiff(before: JsonValue, after: JsonValue): string[] {
  return changesOf(before, after).map(({ sign, path, before: old, after: now }) => {
    const masked = [old, now].filter((value) => value !== undefined).map((value) => describeMasked(value));
    return `${sign} ${formatPath(path)}: ${masked.join(" -> ")}`;
  });
}

/** The paths added, removed and changed between two versions: names only, nothing of any value. */
export interface ChangedPaths {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** The paths that differ between two versions of the secret, without their values or kinds. */
export function changedPaths(before: JsonValue, after: JsonValue): ChangedPaths {
  const changes = changesOf(before, after);
  const pathsOf = (sign: Change["sign"]) =>
    changes.filter((change) => change.sign === sign).map((change) => formatPath(change.path));
  return { added: pathsOf("+"), removed: pathsOf("-"), changed: pathsOf("~") };
}

/**
 * The masked diff from a version that may not be a usable secret (`put` and `rollback` repair those) to a
 * parsed one: a broken value is replaced whole, so every entry of the new one is new.
 */
export function maskedDiffFrom(before: VersionContent, after: JsonObject): string[] {
  if (before.ok) return maskedDiff(before.document, after);
  return [
    `~ (the whole value): not a usable secret (${before.error.code}) -> ${describeMasked(after)}`,
    ...maskedDiff({}, after),
  ];
}
