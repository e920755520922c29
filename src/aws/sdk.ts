/** The AWS SDK's Secrets Manager module: a peer dependency, loaded on first use. */
export type SecretsManagerSdk = typeof import("@aws-sdk/client-secrets-manager");

let loading: Promise<SecretsManagerSdk> | undefined;

/**
 * Imports the SDK once, when a fetch (or a CLI command) first needs it, so a worker without Secrets
 * Manager configured, a cold start served from a prefetch, and `starfleet-secrets --help` never pay for it.
 * A failed import is retried by the next caller.
 */
export function loadSecretsManagerSdk(): Promise<SecretsManagerSdk> {
  loading ??= import("@aws-sdk/client-secrets-manager").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
