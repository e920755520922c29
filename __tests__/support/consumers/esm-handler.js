// A user's ESM Lambda handler, run in a temporary project that installed the packed tarball: wraps a
// handler with starfleetSecrets, makes one invocation and prints what the handler saw.
import middy from "@middy/core";
import { starfleetSecrets } from "middy-starfleet-secrets";

export const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => context.secrets);

const deadline = Date.now() + 10_000;
const secrets = await handler(
  {},
  { awsRequestId: "esm", getRemainingTimeInMillis: () => deadline - Date.now() },
);
const report = { resolved: import.meta.resolve("middy-starfleet-secrets"), secrets };
process.stdout.write(`consumer-result ${JSON.stringify(report)}\n`);
