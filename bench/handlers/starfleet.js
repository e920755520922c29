// This package, as a Starfleet worker uses it: the configuration comes from configuration_files
// (STARFLEET_CONFIG_DIR here), and the handler gets its own entry of the shared secret.
import middy from "@middy/core";
import { starfleetSecrets } from "../../dist/index.js";

export const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => context.secrets);
