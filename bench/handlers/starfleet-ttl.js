// This package with a TTL: the secret is refetched after 8 to 10 minutes, so each warm invocation reads the
// clock once to know whether the entry it holds has expired.
import middy from "@middy/core";
import { starfleetSecrets } from "../../dist/index.js";

export const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker", cacheExpiry: 10 * 60_000 }))
  .handler(async (_event, context) => context.secrets);
