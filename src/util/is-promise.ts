/** Tells a pending result from a ready one, so warm invocations stay on a synchronous path. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === "function";
}
