/**
 * Freezes `value` and everything reachable from it, so a worker cannot change what every later invocation
 * in the container will read. Parsed JSON is a tree, so no cycle check is needed.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
