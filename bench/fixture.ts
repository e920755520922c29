/**
 * What every figure shares: the secret, the worker, the environment the handlers run in, and the list of
 * libraries compared. Data only: importing this module loads no library.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT_DIR = path.dirname(BENCH_DIR);

export const SECRET_ID = "Starfleet";
export const REGION = "us-east-2";
export const WORKER_NAME = "GitHubSyncWorker";

const fakeKey = (label: string, length: number) =>
  `-----BEGIN RSA PRIVATE KEY-----\n${`${label}-`.repeat(Math.ceil(length / (label.length + 1))).slice(0, length)}\n-----END RSA PRIVATE KEY-----`;

/** A realistic shared secret: the STARFLEET entry and one entry per worker (about 5 kB of JSON). */
export const SECRET_DOCUMENT = {
  STARFLEET: { SlackToken: "xoxb-4711-bench-slack-token" },
  GitHubSyncWorker: {
    "my-org": fakeKey("github-my-org", 1600),
    "other-org": fakeKey("github-other-org", 1600),
  },
  AccountIndexGeneratorWorker: { ReadOnlyRoleArn: "arn:aws:iam::123456789012:role/starfleet-readonly" },
  IamRoleWorker: { ExternalId: "bench-external-id-0001" },
  AwsConfigWorker: { ExternalId: "bench-external-id-0002" },
  SlackNotifierWorker: { WebhookUrl: "https://hooks.slack.com/services/T000/B000/benchbenchbenchbench" },
  PagerDutyWorker: { RoutingKey: "R0UT1NGK3Y0000000000000000000000" },
  DatadogWorker: {
    ApiKey: "0123456789abcdef0123456789abcdef",
    AppKey: "fedcba9876543210fedcba9876543210fedcba98",
  },
};
export const SECRET_STRING = JSON.stringify(SECRET_DOCUMENT);
export const WORKER_ENTRY = SECRET_DOCUMENT[WORKER_NAME];

export const CONFIG_DIR = path.join(BENCH_DIR, "fixtures", "configuration_files");
export const CONFIG_DIR_WITHOUT_SECRETS = path.join(
  BENCH_DIR,
  "fixtures",
  "configuration_files_without_secrets",
);

/**
 * The environment of every handler, in-process and in child processes: a Lambda-like region and fake
 * credentials (never used against AWS: in-process the client is mocked, children talk to the local endpoint),
 * and no shared AWS config files, so nothing on this machine changes what the SDK does.
 */
export function lambdaEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const nowhere = path.join(ROOT_DIR, ".no-aws-config");
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: "AKIDBENCHMARK",
    AWS_SECRET_ACCESS_KEY: "benchmark-secret-access-key",
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    STARFLEET_CONFIG_DIR: CONFIG_DIR,
    ...extra,
  };
}

export type HandlerId =
  | "bare"
  | "ideal"
  | "ideal-getter"
  | "starfleet"
  | "starfleet-ttl"
  | "starfleet-schema"
  | "starfleet-unconfigured"
  | "starfleet-sdk-first"
  | "middy"
  | "powertools"
  | "powertools-1h";
/** A handler as a file of bench/handlers, or bundled as deployed (bundled.ts). */
export type LibraryId = HandlerId | `${HandlerId}-bundled`;

export interface Library {
  readonly id: LibraryId;
  /** How tables name it. */
  readonly label: string;
  /** The example Lambda handler module (plain JS, what a user deploys). */
  readonly handlerFile: string;
  /** Environment the handler needs on top of {@link lambdaEnvironment}. */
  readonly env?: Record<string, string>;
  /** What the first invocation must return: the worker's entry (`undefined` when there is no secret). */
  readonly expected: unknown;
}

const handlerFile = (name: string) => path.join(BENCH_DIR, "handlers", `${name}.js`);

export const LIBRARIES: Record<HandlerId, Library> = {
  bare: {
    id: "bare",
    label: "bare Middy handler (floor)",
    handlerFile: handlerFile("bare"),
    expected: { "my-org": "no secret" },
  },
  ideal: {
    id: "ideal",
    label: "ideal middleware (defineProperty, value)",
    handlerFile: handlerFile("ideal"),
    expected: WORKER_ENTRY,
  },
  "ideal-getter": {
    id: "ideal-getter",
    label: "ideal middleware (defineProperty, getter)",
    handlerFile: handlerFile("ideal-getter"),
    expected: WORKER_ENTRY,
  },
  starfleet: {
    id: "starfleet",
    label: "middy-starfleet-secrets",
    handlerFile: handlerFile("starfleet"),
    expected: WORKER_ENTRY,
  },
  "starfleet-ttl": {
    id: "starfleet-ttl",
    label: "middy-starfleet-secrets, cacheExpiry 10 min",
    handlerFile: handlerFile("starfleet-ttl"),
    expected: WORKER_ENTRY,
  },
  "starfleet-schema": {
    id: "starfleet-schema",
    label: "middy-starfleet-secrets, with a zod schema",
    handlerFile: handlerFile("starfleet-schema"),
    expected: WORKER_ENTRY,
  },
  "starfleet-unconfigured": {
    id: "starfleet-unconfigured",
    label: "middy-starfleet-secrets, no SecretsManager (optional)",
    handlerFile: handlerFile("starfleet-optional"),
    env: { STARFLEET_CONFIG_DIR: CONFIG_DIR_WITHOUT_SECRETS },
    expected: undefined,
  },
  "starfleet-sdk-first": {
    id: "starfleet-sdk-first",
    label: "middy-starfleet-secrets, SDK import started first (experiment)",
    handlerFile: handlerFile("starfleet-sdk-first"),
    expected: WORKER_ENTRY,
  },
  middy: {
    id: "middy",
    label: "@middy/secrets-manager 6",
    handlerFile: handlerFile("middy-secrets-manager"),
    expected: WORKER_ENTRY,
  },
  powertools: {
    id: "powertools",
    label: "Powertools getSecret (maxAge 5 s)",
    handlerFile: handlerFile("powertools"),
    expected: WORKER_ENTRY,
  },
  "powertools-1h": {
    id: "powertools-1h",
    label: "Powertools getSecret (maxAge 1 h)",
    handlerFile: handlerFile("powertools-1h"),
    expected: WORKER_ENTRY,
  },
};

/** The three libraries compared, in table order. */
export const COMPETITORS = [LIBRARIES.starfleet, LIBRARIES.middy, LIBRARIES.powertools] as const;

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** A Lambda context as the runtime passes one: a fresh object per invocation. */
export function lambdaContext(remainingMs = 30_000): Record<string, unknown> {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "starfleet-github-sync",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:starfleet-github-sync",
    memoryLimitInMB: "256",
    awsRequestId: "bench-request",
    logGroupName: "/aws/lambda/starfleet-github-sync",
    logStreamName: "2026/11/29/[$LATEST]bench",
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
