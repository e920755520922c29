/*
 * Standard Schema v1 (https://standardschema.dev), the interface zod 4, valibot 1, arktype 2 and others
 * implement, copied as the spec invites so that this package depends on none of them, nor on
 * @standard-schema/spec: a consumer's compiler must resolve every type our declarations name, and a
 * dependency kept for types alone would still be installed with the package. Types match structurally, so
 * any library's schema fits; __tests__/types/ checks that this copy and @standard-schema/spec's accept each
 * other, so a drift fails the type check.
 */

/**
 * A validator implementing Standard Schema v1: what the `schema` option of {@link starfleetSecrets} takes.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 *
 * const schema: StandardSchemaV1<unknown, Record<string, string>> = z.record(z.string(), z.string());
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1Props<Input, Output>;
}

/**
 * The `~standard` property of a {@link StandardSchemaV1}.
 *
 * @example
 * ```ts
 * const { vendor, validate } = schema["~standard"]; // "zod", "valibot", "arktype", ...
 * ```
 */
export interface StandardSchemaV1Props<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (
    value: unknown,
    options?: StandardSchemaV1Options | undefined,
  ) => StandardSchemaV1Result<Output> | Promise<StandardSchemaV1Result<Output>>;
  /** Only for inference: never present at run time. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/**
 * Options a caller may pass to `validate` (none are passed here).
 *
 * @example
 * ```ts
 * const options: StandardSchemaV1Options = { libraryOptions: {} };
 * ```
 */
export interface StandardSchemaV1Options {
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/**
 * What `validate` returns: the output, or the issues (a falsy `issues` means success).
 *
 * @example
 * ```ts
 * const result: StandardSchemaV1Result<string> = { issues: [{ message: "Required", path: ["my-org"] }] };
 * ```
 */
export type StandardSchemaV1Result<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaV1Issue> };

/**
 * One problem a validator found, with where in the value it is.
 *
 * @example
 * ```ts
 * const issue: StandardSchemaV1Issue = { message: "Expected number", path: ["db", { key: "port" }] };
 * ```
 */
export interface StandardSchemaV1Issue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * The output type of a Standard Schema: what `context.secrets` holds when it is the `schema` option.
 *
 * @example
 * ```ts
 * const schema = z.object({ port: z.coerce.number().default(5432) });
 * type Entry = InferSchemaOutput<typeof schema>; // { port: number }
 * ```
 */
export type InferSchemaOutput<Schema extends StandardSchemaV1> = NonNullable<
  Schema["~standard"]["types"]
>["output"];
