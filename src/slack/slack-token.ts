import { type ClientProvider, createClientProvider, secretFetcher } from "../aws/secrets-manager-client.js";
import { requireSecretLocation, resolveConfig } from "../config/resolve-config.js";
import { StarfleetSecretsError } from "../errors.js";
import { warningsToConsole } from "../logger.js";
import { validateAccessOptions } from "../options.js";
import { getSecretDocument } from "../store/secret-store.js";
import type { SlackTokenOptions } from "../types/options.js";
import { isPlainObject } from "../util/is-plain-object.js";
import { frameworkProblem, slackTokenProblem } from "./secret-shape.js";

interface SharedClients {
  readonly AwsClient: SlackTokenOptions["AwsClient"];
  readonly awsClientOptions: SlackTokenOptions["awsClientOptions"];
  readonly clientFor: ClientProvider;
}

// Callers usually pass a fresh options literal on every call: a client per call would leave its sockets
// open each time, so calls bringing equal settings share one client.
const sharedClients: SharedClients[] = [];
// Settings holding a function or an instance made per call never compare equal; the list stays bounded, the
// oldest set forgotten (its idle connections close on their own).
const MAX_SHARED_CLIENT_SETS = 8;

/**
 * Equal settings: plain objects and arrays compared member by member, anything else (a function, a handler
 * instance, a logger) by identity.
 */
function sameSettings(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  const comparable = (Array.isArray(a) && Array.isArray(b)) || (isPlainObject(a) && isPlainObject(b));
  if (!comparable) return false;
  const members = Object.entries(a as object);
  const other = b as Record<string, unknown>;
  return (
    members.length === Object.keys(other).length &&
    members.every(([key, value]) => Object.hasOwn(other, key) && sameSettings(value, other[key]))
  );
}

function clientsFor({ AwsClient, awsClientOptions }: SlackTokenOptions): ClientProvider {
  const shared = sharedClients.find(
    (clients) => clients.AwsClient === AwsClient && sameSettings(clients.awsClientOptions, awsClientOptions),
  );
  if (shared) return shared.clientFor;
  const clientFor = createClientProvider(AwsClient, awsClientOptions);
  sharedClients.push({ AwsClient, awsClientOptions, clientFor });
  if (sharedClients.length > MAX_SHARED_CLIENT_SETS) sharedClients.shift();
  return clientFor;
}

/**
 * Returns `STARFLEET.SlackToken` from the shared secret, for Starfleet's Slack alerts. It reads the same
 * store as {@link starfleetSecrets}: no extra API call when a middleware in this container already fetched.
 *
 * @throws {StarfleetSecretsError} `SLACK_NOT_ENABLED` when `STARFLEET.SlackEnabled` is not true,
 * `SLACK_TOKEN_MISSING` when the token is absent or not a non-empty string, or any fetch error.
 *
 * @example
 * ```ts
 * import { getSlackToken } from "middy-starfleet-secrets";
 *
 * const token = await getSlackToken();
 * await fetch("https://slack.com/api/chat.postMessage", {
 *   method: "POST",
 *   headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
 *   body: JSON.stringify({ channel: "#starfleet-alerts", text: "GitHubSyncWorker failed" }),
 * });
 * ```
 */
export async function getSlackToken(options: SlackTokenOptions = {}): Promise<string> {
  validateAccessOptions(options);
  const config = await resolveConfig(options.config);
  if (config.STARFLEET.SlackEnabled !== true) throw new StarfleetSecretsError("SLACK_NOT_ENABLED");
  const location = requireSecretLocation(config);
  const clientFor = clientsFor(options);
  const document = await getSecretDocument({
    location,
    ...secretFetcher(clientFor, location),
    cacheExpiry: options.cacheExpiry ?? -1,
    logger: options.logger ?? warningsToConsole,
  });
  const problem =
    frameworkProblem(document) ?? slackTokenProblem(document.STARFLEET as Record<string, unknown>);
  if (problem)
    throw new StarfleetSecretsError("SLACK_TOKEN_MISSING", { ...location, reason: problem.message });
  return (document.STARFLEET as { SlackToken: string }).SlackToken;
}
