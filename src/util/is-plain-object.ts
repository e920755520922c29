// Node 22 has JSON.isRawJSON; TypeScript's ES2023 lib does not.
const json = JSON as JSON & { isRawJSON(value: unknown): boolean };

/**
 * Whether `value` is a plain object (a literal, or a parsed JSON or YAML mapping), not a class instance nor
 * a number the CLI keeps as its source text (`JSON.rawJSON`). Judged by the prototype chain's shape rather
 * than by identity with this realm's Object.prototype, so an object from another realm (a structuredClone,
 * a vm context) counts too.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || json.isRawJSON(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
