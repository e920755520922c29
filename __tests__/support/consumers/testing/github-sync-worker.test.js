// The README's complete test of a worker, run from a project that installed the packed tarball: under jest
// (ESM) and under vitest (--globals), with no network, no aws-sdk-client-mock and no configuration folder.
import { createTestSecrets } from "middy-starfleet-secrets/testing";
import { createGitHubSyncHandler } from "./github-sync-worker.js";

const context = { getRemainingTimeInMillis: () => 30_000 };
const secret = {
  STARFLEET: {},
  GitHubSyncWorker: { "my-org": "-----BEGIN RSA PRIVATE KEY-----\nFAKE\n-----END RSA PRIVATE KEY-----\n" },
};

describe("GitHubSyncWorker", () => {
  it("syncs the organizations it has a key for", async () => {
    const fake = createTestSecrets(secret);
    const handler = createGitHubSyncHandler(fake.options);

    await expect(handler({ organizations: ["my-org", "new-org"] }, context)).resolves.toEqual({
      synced: ["my-org"],
      missingKeys: ["new-org"],
    });
    expect(fake.calls).toBe(1);
  });

  it("sees a key added to the secret once its cache expires", async () => {
    const fake = createTestSecrets(secret);
    const handler = createGitHubSyncHandler({ ...fake.options, cacheExpiry: 0 });
    await handler({}, context);

    fake.update({ ...secret, GitHubSyncWorker: { ...secret.GitHubSyncWorker, "new-org": "KEY" } });

    await expect(handler({}, context)).resolves.toEqual({ synced: ["my-org", "new-org"], missingKeys: [] });
    expect(fake.calls).toBe(2);
  });

  it("fails with a retryable error while Secrets Manager throttles, then recovers", async () => {
    const fake = createTestSecrets(secret);
    fake.failNext("ThrottlingException");
    const handler = createGitHubSyncHandler(fake.options);

    await expect(handler({}, context)).rejects.toMatchObject({ code: "FETCH_FAILED", retryable: true });
    await expect(handler({}, context)).resolves.toEqual({ synced: ["my-org"], missingKeys: [] });
  });

  it("fails for good when its role may not read the secret", async () => {
    const fake = createTestSecrets(secret);
    fake.failNext("AccessDeniedException");

    await expect(createGitHubSyncHandler(fake.options)({}, context)).rejects.toMatchObject({
      code: "ACCESS_DENIED",
      retryable: false,
    });
  });
});
