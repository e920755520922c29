/**
 * An example GitHub sync worker. Its entry in the shared Starfleet secret is "GitHubSyncWorker": one GitHub
 * App private key (PEM) per organization. The middleware puts that entry, and only that entry, on
 * `context.secrets`: typed, read-only, fetched once per container (prefetched at module init) and shared
 * by concurrent invocations.
 *
 * Offline on purpose: instead of calling GitHub it reports which organizations it would sync, and raises a
 * Slack alert (see slack-alert.ts) for organizations it has no usable key for.
 *
 * Deployed by ../template.yaml (sam build), ../deploy/cdk-bundling.ts (AWS CDK) or ../deploy/esbuild-bundle.ts.
 */
import middy from "@middy/core";
import { loadStarfleetConfig, starfleetSecrets } from "middy-starfleet-secrets";
import { logger } from "./logger.ts";
import { type SlackAlertResult, sendSlackAlert } from "./slack-alert.ts";

/** This worker's entry in the secret: organization name → GitHub App private key (PEM). */
export interface GitHubSyncSecrets {
  readonly [organization: string]: string;
}

/**
 * What to sync. (A real Starfleet worker is invoked from SQS or EventBridge with its payload template;
 * this example keeps the event minimal.)
 */
export interface GitHubSyncEvent {
  /** Default: every organization that has a key in the secret. */
  readonly organizations?: readonly string[];
}

export interface GitHubSyncResult {
  /** Organizations with a usable key: the worker would sign a GitHub App JWT with it and sync them. */
  readonly wouldSync: readonly string[];
  /** Organizations asked for that have no usable key in the secret. */
  readonly missingKeys: readonly string[];
  /** The alert raised for `missingKeys`, if any. */
  readonly alert?: SlackAlertResult;
}

export const WORKER_NAME = "GitHubSyncWorker";

function isPemPrivateKey(value: unknown): value is string {
  return (
    typeof value === "string" &&
    /^-----BEGIN [A-Z ]*PRIVATE KEY-----\n/.test(value) &&
    /\n-----END [A-Z ]*PRIVATE KEY-----\n?$/.test(value)
  );
}

/** `GitHubSyncWorkerShip.AlertConfiguration.ChannelId` from the Starfleet configuration. */
function alertChannel(): string {
  const stanza = loadStarfleetConfig().GitHubSyncWorkerShip as
    | { AlertConfiguration?: { ChannelId?: unknown } }
    | undefined;
  const channel = stanza?.AlertConfiguration?.ChannelId;
  return typeof channel === "string" && channel !== "" ? channel : "starfleet-alerts";
}

export const handler = middy<GitHubSyncEvent, GitHubSyncResult>()
  .use(starfleetSecrets<GitHubSyncSecrets>({ workerName: WORKER_NAME, logger }))
  .handler(async (event, context) => {
    const keys = context.secrets;
    const organizations = event.organizations ?? Object.keys(keys);
    const wouldSync: string[] = [];
    const missingKeys: string[] = [];
    for (const organization of organizations) {
      const privateKey = Object.hasOwn(keys, organization) ? keys[organization] : undefined;
      // Here a real worker would sign a JWT with privateKey and call the GitHub API for the organization.
      (isPemPrivateKey(privateKey) ? wouldSync : missingKeys).push(organization);
    }
    if (missingKeys.length === 0) return { wouldSync, missingKeys };

    const alert = await sendSlackAlert({
      channel: alertChannel(),
      text:
        `${WORKER_NAME}: no usable GitHub App private key for ${missingKeys.join(", ")}; skipped. ` +
        `Add one per organization to the "${WORKER_NAME}" entry of the Starfleet secret.`,
    });
    return { wouldSync, missingKeys, alert };
  });
