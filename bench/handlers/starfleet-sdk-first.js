// An experiment for "where the time goes", not a way to use the package: the same worker as starfleet.js,
// but its module starts importing the AWS SDK before the middleware reads the configuration, which is the
// order @middy/secrets-manager gets from its static import. The middleware's own lazy import of the same
// module then joins the one under way.
import middy from "@middy/core";
import { starfleetSecrets } from "../../dist/index.js";

import("@aws-sdk/client-secrets-manager");

export const handler = middy()
  .use(starfleetSecrets({ workerName: "GitHubSyncWorker" }))
  .handler(async (_event, context) => context.secrets);
