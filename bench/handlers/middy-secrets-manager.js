// @middy/secrets-manager puts the whole parsed secret on the context; the handler picks its own entry, as a
// worker using it would have to.
import middy from "@middy/core";
import secretsManager from "@middy/secrets-manager";

export const handler = middy()
  .use(secretsManager({ fetchData: { secrets: "Starfleet" }, setToContext: true }))
  .handler(async (_event, context) => context.secrets.GitHubSyncWorker);
