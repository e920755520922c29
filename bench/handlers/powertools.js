// Powertools Parameters has no Middy middleware: the handler calls getSecret() itself (default provider,
// default 5 s maxAge) and picks its own entry.
import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import middy from "@middy/core";

export const handler = middy().handler(async () => {
  const secret = await getSecret("Starfleet", { transform: "json" });
  return secret.GitHubSyncWorker;
});
