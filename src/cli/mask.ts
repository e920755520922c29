/**
 * Showing a secret without showing its values: each value becomes its kind and size. Object keys and
 * array lengths stay visible; they are the structure an operator needs to check, not the secrets.
 */
import { isJsonObject, type JsonValue, jsonKind } from "./secret-json.js";

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * What a value is, without any of it.
 */
export function describeMasked(value: JsonValue): string {
  if (typeof value === "string") return `string (${count([...value].length, "char")})`;
  if (Array.isArray(value)) return `array (${count(value.length, "item")})`;
  if (isJsonObject(value)) return `object (${count(Object.keys(value).length, "key")})`;
  return jsonKind(value);
}

/**
 * The value with every leaf replaced by a marker such as `"<string (27 chars)>"`; objects and arrays keep
 * their keys and lengths. The result is still JSON, so `show` output can be piped to `jq`.
 */
export function maskTree(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(maskTree);
  if (isJsonObject(value)) {
    // fromEntries, not assignment: a key named __proto__ stays a key.
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, maskTree(member)]));
  }
  return `<${describeMasked(value)}>`;
}
