// A worker as the README's "Testing a worker" section writes it: the handler is built by a function that
// takes the middleware's options, so a test can hand it a test secret. The Lambda entry calls it with none.
import middy from "@middy/core";
import { starfleetSecrets } from "middy-starfleet-secrets";

export function createGitHubSyncHandler(secretsOptions = {}) {
  return middy()
    .use(starfleetSecrets({ workerName: "GitHubSyncWorker", ...secretsOptions }))
    .handler(async (event, context) => {
      const organizations = event.organizations ?? Object.keys(context.secrets);
      return {
        synced: organizations.filter((org) => Object.hasOwn(context.secrets, org)),
        missingKeys: organizations.filter((org) => !Object.hasOwn(context.secrets, org)),
      };
    });
}
