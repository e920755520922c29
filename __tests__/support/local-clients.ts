/**
 * Real SDK clients pointed at a local endpoint, as a worker's or an operator's would be (test credentials,
 * no retries, so a failure shows at once), destroyed after each test.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach } from "@jest/globals";

/** Registers the clean-up; the returned function makes a client for `endpoint`, signed for `region`. */
export function useLocalClients(): (endpoint: string, region?: string) => SecretsManagerClient {
  const made: SecretsManagerClient[] = [];
  afterEach(() => {
    for (const client of made.splice(0)) client.destroy();
  });
  return function localClient(endpoint, region = "us-east-2") {
    const client = new SecretsManagerClient({
      region,
      endpoint,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    made.push(client);
    return client;
  };
}
