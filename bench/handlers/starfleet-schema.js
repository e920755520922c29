// This package with a zod schema for the worker's entry: the entry is validated once per fetched secret,
// so a warm invocation should cost what it costs without one.
import middy from "@middy/core";
import { z } from "zod";
import { starfleetSecrets } from "../../dist/index.js";

export const handler = middy()
  .use(
    starfleetSecrets({
      workerName: "GitHubSyncWorker",
      schema: z.record(z.string(), z.string().startsWith("-----BEGIN")),
    }),
  )
  .handler(async (_event, context) => context.secrets);
