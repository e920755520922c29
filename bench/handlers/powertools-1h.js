// powertools.js with a maxAge of one hour: Powertools at its fastest on a warm invocation. Passing maxAge
// spares it reading the default from the environment on every call, and no refetch falls in a measurement.
import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import middy from "@middy/core";

export const handler = middy().handler(async () => {
  const secret = await getSecret("Starfleet", { transform: "json", maxAge: 3_600 });
  return secret.GitHubSyncWorker;
});
