// The deadline error names the endpoint the SDK resolved for the request it gave up on, port included, so an
// operator can tell a wrong endpoint from an unreachable one. The SDK is real; its request handler never
// answers, as a black-holed VPC route does not.

import type { SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { clearStarfleetSecretsCache, DEADLINE_MARGIN_MS, type StarfleetSecretsError } from "../src/index.js";
import { lambdaContext, starfleetConfig } from "./support/fixtures.js";
import { workerHandler } from "./support/worker.js";

/** A request handler that takes every request and never answers it. */
const blackHole = {
  handle: () => new Promise<never>(() => {}),
  updateHttpClientConfig: () => {},
  httpHandlerConfigs: () => ({}),
} as unknown as SecretsManagerClientConfig["requestHandler"];

async function deadlineMessage(endpoint: string): Promise<string> {
  const handler = workerHandler({
    config: starfleetConfig(),
    awsClientOptions: {
      endpoint,
      requestHandler: blackHole,
      maxAttempts: 1,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    },
  });
  const error = await handler({}, lambdaContext(DEADLINE_MARGIN_MS + 200)).then(
    () => new Error("expected the invocation to fail"),
    (caught: unknown) => caught as StarfleetSecretsError,
  );
  expect(error).toMatchObject({ code: "FETCH_FAILED" });
  return error.message;
}

// The first fetch of the file also imports the SDK; within a short deadline that could be all it does.
beforeAll(async () => {
  await import("@aws-sdk/client-secrets-manager");
});

beforeEach(() => {
  clearStarfleetSecretsCache();
});

describe("the deadline error", () => {
  it.each([
    ["http://secretsmanager.internal:4566", "secretsmanager.internal:4566"],
    ["http://secretsmanager.internal", "secretsmanager.internal:80"],
    [
      "https://vpce-0abc.secretsmanager.us-east-2.vpce.amazonaws.com",
      "vpce-0abc.secretsmanager.us-east-2.vpce.amazonaws.com:443",
    ],
    ["http://[::1]:4567", "[::1]:4567"],
    ["http://10.0.0.7:4567", "10.0.0.7:4567"],
  ])("for an endpoint %s names %s", async (endpoint, named) => {
    expect(await deadlineMessage(endpoint)).toContain(`(no answer from ${named} before the Lambda deadline;`);
  });
});
