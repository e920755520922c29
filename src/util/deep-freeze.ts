/**
 * Freezes every object and array reachable from `root`, so a worker cannot change what every later
 * invocation in the container reads. Iterative, with the frozen check as the visited set, because YAML
 * anchors can make shared and even cyclic structures. Typed arrays (`!!binary`) are
 * skipped: JavaScript cannot freeze a non-empty one.
 */
export function deepFreeze<T>(root: T): T {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) {
      continue;
    }
    Object.freeze(value);
    for (const child of Object.values(value)) pending.push(child);
  }
  return root;
}
