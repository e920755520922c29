/**
 * The masked diff `set`/`unset` print: which paths an edit adds, removes or changes, with values masked.
 */
import { formatPath } from "../util/format-path.js";
import { describeMasked } from "./mask.js";
import { isJsonObject, type JsonValue, memberOf, sameJson } from "./secret-json.js";

/** One step of a path into the secret: an object key or an array index. */
export type PathSegment = string | number;

function diffInto(
  lines: string[],
  path: readonly PathSegment[],
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): void {
  // Never both undefined: a key is visited because one side has it.
  if (before === undefined) {
    lines.push(`+ ${formatPath(path)}: ${describeMasked(after as JsonValue)}`);
    return;
  }
  if (after === undefined) {
    lines.push(`- ${formatPath(path)}: ${describeMasked(before)}`);
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of Object.keys(before)) diffInto(lines, [...path, key], before[key], memberOf(after, key));
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) diffInto(lines, [...path, key], undefined, after[key]);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item: JsonValue, index) => {
      diffInto(lines, [...path, index], item, after[index]);
    });
    return;
  }
  if (!sameJson(before, after)) {
    lines.push(`~ ${formatPath(path)}: ${describeMasked(before)} -> ${describeMasked(after)}`);
  }
}

/**
 * The differences between two versions of the secret, one line per added (`+`), removed (`-`) or changed
 * (`~`) path, values masked.
 */
export function maskedDiff(before: JsonValue, after: JsonValue): string[] {
  const lines: string[] = [];
  diffInto(lines, [], before, after);
  return lines;
}
