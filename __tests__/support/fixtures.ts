import { inspect } from "node:util";
import { expect } from "@jest/globals";
import type { LambdaContext, StarfleetConfig } from "../../src/index.js";

/** Every secret value in {@link SECRET_DOCUMENT}: none may ever show up in an error or a log line. */
export const SECRET_VALUES = [
  "xoxb-4711-slack-SeCrEtToKeN",
  "MIIEpQIBAAKCAQEA-github-SeCrEtKeYbOdY",
  "0ther-w0rker-pa55w0rd-SeCrEt",
] as const;

export const SECRET_DOCUMENT = {
  STARFLEET: { SlackToken: SECRET_VALUES[0] },
  GitHubSyncWorker: {
    "my-org": `-----BEGIN RSA PRIVATE KEY-----\n${SECRET_VALUES[1]}\n-----END RSA PRIVATE KEY-----`,
  },
  OtherWorker: { password: SECRET_VALUES[2] },
};

export const SECRET_STRING = JSON.stringify(SECRET_DOCUMENT);

export function starfleetConfig(
  secretsManager: { SecretId: string; SecretRegion: string } | null = {
    SecretId: "Starfleet",
    SecretRegion: "us-east-2",
  },
  overrides: Record<string, unknown> = {},
): StarfleetConfig {
  return {
    STARFLEET: {
      DeploymentRegion: "us-east-2",
      TemplateBucket: "starfleet-templates-123456789012",
      FanOutQueueUrl: "https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue",
      AccountIndex: "StarfleetDefaultAccountIndex",
      ScopeToRegions: [],
      SlackEnabled: false,
      LogLevel: "INFO",
      ...(secretsManager ? { SecretsManager: secretsManager } : {}),
      ...overrides,
    },
  };
}

/**
 * A Lambda context as the runtime passes it. Typed with `secrets: never` because Middy types the wrapped
 * handler's context as what middlewares add, which the runtime's context does not have yet.
 */
export function lambdaContext(remainingMs = 30_000): LambdaContext & { readonly secrets: never } {
  const deadline = Date.now() + remainingMs;
  const context: LambdaContext = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "starfleet-github-sync",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:starfleet-github-sync",
    memoryLimitInMB: "256",
    awsRequestId: `req-${Math.random().toString(36).slice(2)}`,
    logGroupName: "/aws/lambda/starfleet-github-sync",
    logStreamName: "2026/11/29/[$LATEST]abc",
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  return context as LambdaContext & { readonly secrets: never };
}

/** Everything an error exposes: message, stack, every property and the whole cause chain, as Node prints it. */
export function everythingIn(value: unknown): string {
  return inspect(value, { depth: 20, showHidden: true, getters: true });
}

/** Asserts that no secret value, nor a 12-character fragment of one, appears anywhere in `value`. */
export function expectNoSecretLeak(value: unknown, secrets: readonly string[] = SECRET_VALUES): void {
  const text = typeof value === "string" ? value : everythingIn(value);
  for (const secret of secrets) {
    for (let start = 0; start + 12 <= secret.length; start += 4) {
      expect(text).not.toContain(secret.slice(start, start + 12));
    }
    expect(text).not.toContain(secret);
  }
}

/** A logger that records every line, to assert on what is logged and that nothing secret is. */
export function recordingLogger() {
  const lines: { level: string; message: string; details: unknown[] }[] = [];
  const record =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      lines.push({ level, message, details });
    };
  return { lines, logger: { warn: record("warn"), info: record("info"), debug: record("debug") } };
}

/** Polls until `condition` holds, failing after `timeoutMs` rather than hanging the suite. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
