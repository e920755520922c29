/**
 * `npm start`: runs the example workers locally, with no AWS account and no network.
 *
 * 1. Reads the example configuration (examples/configuration_files) for the secret's id and region.
 * 2. Starts the local Secrets Manager-compatible endpoint (the one `starfleet-secrets local` serves) on
 *    127.0.0.1, holding examples/secret.json.
 * 3. Points the AWS SDK at it (AWS_ENDPOINT_URL_SECRETS_MANAGER, fake credentials) and the package at the
 *    example configuration (STARFLEET_CONFIG_DIR) — BEFORE importing the workers, because the middleware
 *    starts fetching when a worker module is loaded (prefetch at module init, as on a Lambda cold start).
 * 4. Invokes each worker several times, some at once, then prints what each received (masked) and how many
 *    GetSecretValue calls the whole run made: 1, for every worker and the Slack alert together.
 *
 * Nothing printed is a secret value: strings show as <string, N chars>.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LambdaContext } from "middy-starfleet-secrets";
// The endpoint `starfleet-secrets local` serves, from the build (`npm start` builds first).
import type { LocalSecretsManager } from "../dist/local/server.js";

const EXAMPLES = path.dirname(fileURLToPath(import.meta.url));
const CONFIG_DIR = path.join(EXAMPLES, "configuration_files");
const SECRET_FILE = path.join(EXAMPLES, "secret.json");
const SLACK_SEND_FLAG = "STARFLEET_SEND_SLACK_ALERTS";

const shown = (file: string): string => path.relative(process.cwd(), file) || ".";

/**
 * The Lambda context the runtime would pass. Middy types a wrapped handler's context as including what
 * the middlewares add (`secrets`), which the runtime's context does not have yet: hence `secrets: never`.
 */
type RuntimeContext = LambdaContext & { readonly secrets: never };

let requestCounter = 0;
function lambdaContext(functionName: string, timeoutMs = 30_000): RuntimeContext {
  const deadline = Date.now() + timeoutMs;
  requestCounter += 1;
  const context: LambdaContext = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-2:123456789012:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: `local-${String(requestCounter).padStart(4, "0")}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local/[$LATEST]run-local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  return context as RuntimeContext;
}

/** What the middleware put on the context (a non-enumerable getter, so console.log(context) does not show it). */
function secretsOf(context: RuntimeContext): unknown {
  return Reflect.get(context, "secrets");
}

/** The shape of a value with every leaf masked: `{ "my-org": <string, 1675 chars> }`. */
function masked(value: unknown, depth = 0): string {
  if (typeof value === "string") return `<string, ${value.length} chars>`;
  if (value === null) return "null";
  if (typeof value !== "object") return `<${typeof value}>`;
  if (depth >= 3) return Array.isArray(value) ? "[...]" : "{...}";
  if (Array.isArray(value)) return `[${value.map((item) => masked(item, depth + 1)).join(", ")}]`;
  const entries = Object.entries(value);
  const listed = entries
    .slice(0, 4)
    .map(([key, item]) => `${JSON.stringify(key)}: ${masked(item, depth + 1)}`);
  if (entries.length > 4) listed.push(`... ${entries.length - 4} more`);
  return `{ ${listed.join(", ")} }`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Runs `invoke` for every event at once; returns the contexts (to see what each invocation received). */
async function invokeAtOnce<TEvent, TResult>(
  invoke: (event: TEvent, context: RuntimeContext) => Promise<TResult>,
  functionName: string,
  events: readonly TEvent[],
): Promise<{ results: TResult[]; contexts: RuntimeContext[] }> {
  const contexts = events.map(() => lambdaContext(functionName));
  const results = await Promise.all(events.map((event, i) => invoke(event, contexts[i] as RuntimeContext)));
  return { results, contexts };
}

/** Checks every invocation got exactly the worker's entry of secret.json, and the same (cached) object. */
function checkReceived(
  worker: string,
  contexts: readonly RuntimeContext[],
  document: Record<string, unknown>,
) {
  const received = contexts.map(secretsOf);
  const first = received[0];
  if (JSON.stringify(first) !== JSON.stringify(document[worker])) {
    throw new Error(`${worker} did not receive its own entry of secret.json`);
  }
  if (!received.every((value) => value === first)) {
    throw new Error(`${worker}'s invocations did not share one cached entry`);
  }
  return first;
}

async function main(): Promise<number> {
  let starfleet: typeof import("middy-starfleet-secrets");
  let local: typeof import("../dist/local/server.js");
  try {
    [starfleet, local] = await Promise.all([
      import("middy-starfleet-secrets"),
      import("../dist/local/server.js"),
    ]);
  } catch {
    console.error(
      "middy-starfleet-secrets is not built (dist/ is missing). Run `npm run build` first, or `npm start`, " +
        "which builds and then runs this script.",
    );
    return 1;
  }

  // 1. Where the secret lives, from the example configuration, exactly as the workers will read it.
  const config = starfleet.loadStarfleetConfig({ directory: CONFIG_DIR });
  const location = config.STARFLEET.SecretsManager;
  if (!location) throw new Error(`${shown(CONFIG_DIR)} has no STARFLEET.SecretsManager`);
  const { SecretId: secretId, SecretRegion: region } = location;
  const secretString = readFileSync(SECRET_FILE, "utf8");
  const document = JSON.parse(secretString) as Record<string, unknown>;

  // 2. The local endpoint, seeded with secret.json under the configured secret id.
  const server: LocalSecretsManager = await local.startLocalSecretsManager({
    secrets: { [secretId]: secretString },
    region,
  });
  try {
    // 3. Environment first, imports second: the workers prefetch as soon as they are imported.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
      AWS_ACCESS_KEY_ID: "AKIDLOCALEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "local-example-not-a-real-key",
      AWS_EC2_METADATA_DISABLED: "true",
      STARFLEET_CONFIG_DIR: CONFIG_DIR,
    });
    for (const name of ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) {
      delete process.env[name];
    }
    delete process.env[SLACK_SEND_FLAG]; // the local run never posts to Slack

    console.log("middy-starfleet-secrets examples, run locally (no AWS account, no network)");
    console.log(`  config  ${shown(CONFIG_DIR)}: secret "${secretId}" in ${region}`);
    console.log(`  secret  ${shown(SECRET_FILE)}, served at ${server.endpoint}`);
    console.log("");

    const github = await import("./workers/github-sync-worker.ts");
    const securityGroups = await import("./workers/security-group-worker.ts");

    // 4. Cold start: both workers, three invocations each, all at once.
    const rules = [
      { groupId: "sg-0a1b2c3d4e5f60718", port: 22, cidr: "0.0.0.0/0" },
      { groupId: "sg-0fedcba9876543210", port: 443, cidr: "0.0.0.0/0" },
      { groupId: "sg-0123456789abcdef0", port: 3389, cidr: "::/0" },
      { groupId: "sg-0aaaabbbbccccdddd", port: 22, cidr: "10.0.0.0/8" },
    ];
    const sgEvent = { accountId: "123456789012", region: "us-east-2", rules };
    const [githubCold, sgCold] = await Promise.all([
      invokeAtOnce(github.handler, "starfleet-github-sync", [{}, {}, {}]),
      invokeAtOnce(securityGroups.handler, "starfleet-security-groups", [sgEvent, sgEvent, sgEvent]),
    ]);
    // Warm invocations, one after another; one asks for an organization with no key (a Slack alert).
    const githubWarm = await invokeAtOnce(github.handler, "starfleet-github-sync", [{}]);
    const githubAlerting = await invokeAtOnce(github.handler, "starfleet-github-sync", [
      { organizations: ["my-org", "my-new-org"] },
    ]);
    const sgWarm = await invokeAtOnce(securityGroups.handler, "starfleet-security-groups", [sgEvent]);

    // What each worker received, masked; and what it did with it.
    const githubContexts = [...githubCold.contexts, ...githubWarm.contexts, ...githubAlerting.contexts];
    const githubSecrets = checkReceived(github.WORKER_NAME, githubContexts, document);
    const githubResult = githubCold.results[0];
    const alerting = githubAlerting.results[0];
    console.log(
      `${github.WORKER_NAME}: ${plural(githubContexts.length, "invocation")} ` +
        `(${githubCold.contexts.length} at once on the cold start), all ok`,
    );
    console.log(`  received ${masked(githubSecrets)}`);
    console.log(`  would sync ${listed(githubResult?.wouldSync ?? [])}`);
    console.log(
      `  one invocation also asked for ${alerting?.missingKeys.join(", ")}: no key, so it raised a Slack alert`,
    );

    const sgContexts = [...sgCold.contexts, ...sgWarm.contexts];
    const sgSecrets = checkReceived(securityGroups.WORKER_NAME, sgContexts, document);
    const sgResult = sgCold.results[0];
    const others = Object.keys(document).filter((key) => key !== securityGroups.WORKER_NAME);
    console.log(
      `${securityGroups.WORKER_NAME}: ${plural(sgContexts.length, "invocation")} ` +
        `(${sgCold.contexts.length} at once on the cold start), all ok`,
    );
    console.log(`  received ${masked(sgSecrets)}`);
    console.log(`  sees only its own entry: ${listed(others)} are not reachable from its context`);
    console.log(
      `  flagged ${listed(sgResult?.flagged ?? [])}: would open ${plural(sgResult?.wouldOpenTickets ?? 0, "ticket")}`,
    );

    const alert = alerting?.alert;
    console.log("Slack alert (getSlackToken: STARFLEET.SlackToken, from the same cached secret)");
    if (alert?.request) {
      console.log(`  would send POST ${alert.request.url} to #${alert.request.body.channel}`);
      console.log(`    authorization: ${alert.request.headers.authorization}`);
    }
    console.log(`  ${alert?.sent ? "sent" : `not sent: ${alert?.reason ?? "no alert raised"}`}`);
    console.log("");

    const calls = server.callCount("GetSecretValue");
    const invocations = githubContexts.length + sgContexts.length;
    console.log(
      `GetSecretValue calls: ${calls} for 2 workers, ${invocations} invocations and the Slack alert` +
        (calls === 1 ? " (fetched once per container, shared)" : " (expected 1)"),
    );
    return calls === 1 ? 0 : 1;
  } finally {
    await server.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  // The package's errors name the secret, region and fix, never a value.
  console.error(`run-local failed: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`);
  process.exitCode = 1;
}
// The SDK's connections are closed with the server; do not wait on anything left behind.
setTimeout(() => process.exit(), 2_000).unref();
