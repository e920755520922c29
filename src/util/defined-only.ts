/**
 * `object` without its undefined members, so that `{ ...defaults, ...definedOnly(given) }` keeps a default
 * that the caller passed as `undefined` (an option read from an unset variable, say).
 */
export function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
