// A user's TypeScript Lambda handler, type-checked in a temporary project that installed the packed tarball
// (once with moduleResolution nodenext, once with bundler; skipLibCheck off). Every @ts-expect-error line
// must be an error: if context.secrets lost its type (became any), tsc reports the directive as unused.
import middy from "@middy/core";
import { StarfleetSecretsError, starfleetSecrets } from "middy-starfleet-secrets";
import { createTestSecrets } from "middy-starfleet-secrets/testing";
import { z } from "zod";

interface GitHubSecrets {
  readonly "my-org": string;
}

export const handler = middy()
  .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => {
    const privateKey: string = context.secrets["my-org"];
    // @ts-expect-error -- not a key of this worker's entry
    const other: string = context.secrets["other-org"];
    // @ts-expect-error -- the entry is read-only
    context.secrets["my-org"] = "changed";
    return privateKey.length + other.length;
  });

export const optionalHandler = middy()
  .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker", optional: true }))
  .handler(async (_event, context) => {
    // @ts-expect-error -- with optional: true the entry may be undefined
    const unchecked: string = context.secrets["my-org"];
    return (context.secrets?.["my-org"] ?? unchecked).length;
  });

// With a schema the type comes from the schema's output, through declarations that name no package the
// project lacks (the Standard Schema types are the package's own).
export const validatedHandler = middy()
  .use(
    starfleetSecrets({
      workerName: "DbWorker",
      schema: z.object({ port: z.coerce.number(), password: z.string() }),
    }),
  )
  .handler(async (_event, context) => {
    const port: number = context.secrets.port;
    // @ts-expect-error -- the schema's output has no such key
    const user: string = context.secrets.user;
    // @ts-expect-error -- the output is read-only
    context.secrets.port = 1;
    return port + user.length;
  });

export function isNotFound(error: unknown): boolean {
  return error instanceof StarfleetSecretsError && error.code === "NOT_FOUND";
}

// A unit test's use of the testing kit: its options fit the middleware's, and its methods are typed.
export function createTestedHandler() {
  const fake = createTestSecrets({ STARFLEET: {}, GitHubSyncWorker: { "my-org": "KEY" } });
  fake.failNext("ThrottlingException");
  // @ts-expect-error -- not an AWS error GetSecretValue fails with
  fake.failNext("ThrottledException");
  // @ts-expect-error -- the count is the kit's to keep
  fake.calls = 0;
  const calls: number = fake.calls;
  return {
    calls,
    handler: middy()
      .use(starfleetSecrets<GitHubSecrets>({ workerName: "GitHubSyncWorker", ...fake.options }))
      .handler(async (_event, context) => context.secrets["my-org"].length),
  };
}
