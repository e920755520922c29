// This package in a worker that may run without Secrets Manager configured: with a configuration that has
// no STARFLEET.SecretsManager, context.secrets is undefined and the AWS SDK is never loaded.
import middy from "@middy/core";
import { starfleetSecrets } from "../../dist/index.js";

export const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker", optional: true }))
  .handler(async (_event, context) => context.secrets);
