// powertools.js with a maxAge of one hour: no refetch during a measurement, which is Powertools at its
// fastest on a warm invocation.
import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import middy from "@middy/core";

export const handler = middy().handler(async () => {
  const secret = await getSecret("Starfleet", { transform: "json", maxAge: 3_600 });
  return secret.GitHubSyncWorker;
});
