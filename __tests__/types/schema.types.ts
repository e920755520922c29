// Type tests for the `schema` option: compiled by `npm run typecheck` (tsc), never run. A wrong type fails
// the build.
import middy from "@middy/core";
import type { StandardSchemaV1 as OfficialStandardSchemaV1 } from "@standard-schema/spec";
import { type } from "arktype";
import * as v from "valibot";
import { z } from "zod";
import { type DeepReadonly, starfleetSecrets } from "../../src/index.js";
import type { InferSchemaOutput, StandardSchemaV1 } from "../../src/types/standard-schema.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

// The copied interface and @standard-schema/spec's accept each other's schemas, both ways: a drift in
// either fails here.
type Sample = { readonly port: number };
assertType<
  OfficialStandardSchemaV1<string, Sample> extends StandardSchemaV1<string, Sample> ? true : false
>();
assertType<
  StandardSchemaV1<string, Sample> extends OfficialStandardSchemaV1<string, Sample> ? true : false
>();
assertType<
  Equal<
    InferSchemaOutput<StandardSchemaV1<string, Sample>>,
    OfficialStandardSchemaV1.InferOutput<OfficialStandardSchemaV1<string, Sample>>
  >
>();

// The example: a record of PEM keys is a read-only record of strings, no generic needed.
export const githubSync = middy()
  .use(
    starfleetSecrets({
      workerName: "GitHubSyncWorker",
      schema: z.record(z.string(), z.string().startsWith("-----BEGIN")),
    }),
  )
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, Readonly<Record<string, string>>>>();
    // @ts-expect-error the entry is read-only
    context.secrets["my-org"] = "x";
    return context.awsRequestId;
  });

// The output type, not the input: transforms and defaults show in the type.
const zodDb = z.object({
  host: z.string(),
  db: z.object({ port: z.coerce.number(), password: z.string() }),
  poolSize: z.number().default(4),
});
type DbOutput = { host: string; db: { port: number; password: string }; poolSize: number };

export const zodHandler = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: zodDb }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput>>>();
    const port: number = context.secrets.db.port;
    // @ts-expect-error nested values are read-only
    context.secrets.db.port = 1;
    return port;
  });

const valibotDb = v.object({
  host: v.string(),
  db: v.object({ port: v.pipe(v.string(), v.transform(Number)), password: v.string() }),
  poolSize: v.optional(v.number(), 4),
});

export const valibotHandler = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: valibotDb }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput>>>();
  });

const arktypeDb = type({
  host: "string",
  db: { port: "string.integer.parse", password: "string" },
  poolSize: "number = 4",
});

export const arktypeHandler = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: arktypeDb }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput>>>();
  });

// optional: true adds undefined, whatever the library.
export const optionalZod = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: zodDb, optional: true }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput> | undefined>>();
    // @ts-expect-error possibly undefined
    return context.secrets.db;
  });

export const optionalValibot = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: valibotDb, optional: true }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput> | undefined>>();
  });

export const optionalArktype = middy()
  .use(starfleetSecrets({ workerName: "DbWorker", schema: arktypeDb, optional: true }))
  .handler(async (_event, context) => {
    assertType<Equal<typeof context.secrets, DeepReadonly<DbOutput> | undefined>>();
  });

// An explicit type argument with a schema must be a type the schema's output fits.
starfleetSecrets<{ host: string }>({ workerName: "DbWorker", schema: zodDb });
// @ts-expect-error the schema's output has no `user`
starfleetSecrets<{ user: string }>({ workerName: "DbWorker", schema: zodDb });

// @ts-expect-error a schema is a Standard Schema, not a plain validation function
starfleetSecrets({ workerName: "DbWorker", schema: (value: unknown) => value });
