/**
 * Whether `value` is a plain object (a literal, or a parsed JSON or YAML mapping), not a class instance.
 * Judged by the prototype chain's shape rather than by identity with this realm's Object.prototype, so an
 * object from another realm (a structuredClone, a vm context) counts too.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
