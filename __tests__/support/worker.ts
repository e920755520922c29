import middy from "@middy/core";
import { type StarfleetSecretsOptions, starfleetSecrets } from "../../src/index.js";

/**
 * GitHubSyncWorker's handler behind the middleware, answering with its `context.secrets`. No prefetch
 * unless the options ask for one, so each test decides when the first call is made.
 */
export function workerHandler(options: StarfleetSecretsOptions) {
  return middy()
    .use(starfleetSecrets({ workerName: "GitHubSyncWorker", disablePrefetch: true, ...options }))
    .handler(async (_event: unknown, context) => context.secrets);
}
