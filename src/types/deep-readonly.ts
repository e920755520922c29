/**
 * `T` with every nested property and element read-only: what a worker gets on `context.secrets`, which is
 * deep-frozen at run time too.
 *
 *
 * @example
 * ```ts
 * const secrets: DeepReadonly<{ orgs: { name: string }[] }> = { orgs: [{ name: "my-org" }] };
 * secrets.orgs[0].name = "x"; // compile error
 * ```
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
