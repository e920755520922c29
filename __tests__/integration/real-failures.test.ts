// The failures a new user meets first, through the built package and the real SDK in a child process (so
// the SDK's errors are exactly what a Lambda function gets), with nothing reaching AWS: the endpoint is on
// 127.0.0.1 in every test.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { assertCliBuilt, childRunner, createWorkspace } from "../cli/harness.js";
import { expectNoSecretLeak, SECRET_STRING, starfleetConfig } from "../support/fixtures.js";

const REPORTER = fileURLToPath(new URL("../support/failure-report.js", import.meta.url));
const config = starfleetConfig({ SecretId: "Starfleet", SecretRegion: "us-east-2" }, { SlackEnabled: true });

interface Failure {
  readonly name: string;
  readonly code?: string;
  readonly retryable?: boolean;
  readonly message?: string;
  readonly everything?: string;
}

let server: LocalSecretsManager;
let home: string;

/** The environment of a machine with no AWS setup at all: no AWS_* variables, an empty home folder. */
function bareEnv(endpoint: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
  };
}

/** With test credentials, as a function with a role has. */
function credentialedEnv(endpoint: string): Record<string, string> {
  return { ...bareEnv(endpoint), AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test" };
}

/** How a worker's invocation and getSlackToken() fail in a child process with `env`. */
function failuresWith(
  env: Record<string, string>,
  remainingMs = 30_000,
): Promise<{ worker: Failure; slack: Failure }> {
  const input = JSON.stringify({ config, remainingMs, awsClientOptions: { maxAttempts: 1 } });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [REPORTER, input], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the child process failed: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

function expectFailure(failure: Failure, code: string, retryable: boolean, named: readonly string[]): void {
  expect(failure).toMatchObject({ name: "StarfleetSecretsError", code, retryable });
  for (const text of named) expect(failure.message).toContain(text);
  expectNoSecretLeak(failure.everything as string);
}

/** A loopback port nothing listens on: one the system handed out, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  assertCliBuilt();
  server = await startLocalSecretsManager({ secrets: { Starfleet: SECRET_STRING } });
  home = mkdtempSync(path.join(tmpdir(), "starfleet-no-aws-home-"));
});

afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => server.reset());

describe("no credentials at all", () => {
  it("CREDENTIALS, not retryable, saying how to fix on Lambda and on a workstation; nothing is sent", async () => {
    const { worker, slack } = await failuresWith(bareEnv(server.endpoint));

    for (const failure of [worker, slack]) {
      expectFailure(failure, "CREDENTIALS", false, [
        'secret "Starfleet" in us-east-2',
        "no AWS credentials found (CredentialsProviderError)",
        "execution role",
        "AWS_PROFILE",
        "aws sso login",
      ]);
      expect(failure.message).not.toContain("usually temporary");
    }
    expect(server.calls).toEqual([]);
  });

  it("the CLI says the same, with its own code", async () => {
    const workspace = createWorkspace(server, { secret: SECRET_STRING });
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HOME: home };

    const shown = await childRunner(workspace)(["show"], { env });
    const checked = await childRunner(workspace)(["check", "--json"], { env });

    expect(shown.code).toBe(1);
    expect(shown.stderr).toMatch(/no AWS credentials found \(CredentialsProviderError\).*aws sso login/);
    expect(JSON.parse(checked.stdout).problems).toEqual([
      { code: "NO_CREDENTIALS", message: expect.stringContaining("execution role") },
    ]);
    expectNoSecretLeak(shown.stdout + shown.stderr + checked.stdout + checked.stderr);
  });
});

describe("AWS refusing the credentials", () => {
  it.each([
    ["expired-token", "ExpiredTokenException"],
    ["unrecognized-client", "UnrecognizedClientException"],
  ] as const)("%s: CREDENTIALS, not retryable, naming %s", async (kind, name) => {
    server.injectFault({ kind, times: 2 });

    const { worker, slack } = await failuresWith(credentialedEnv(server.endpoint));

    for (const failure of [worker, slack]) {
      expectFailure(failure, "CREDENTIALS", false, [
        `AWS refused the credentials as expired or unknown (${name})`,
        "execution role",
      ]);
    }
  });
});

describe("each other AWS error the local endpoint returns", () => {
  it.each([
    ["access-denied", "ACCESS_DENIED", false, "secretsmanager:GetSecretValue"],
    ["decryption-failure", "DECRYPTION_FAILED", false, "kms:Decrypt"],
    ["throttle", "FETCH_FAILED", true, "(ThrottlingException). This is usually temporary"],
    ["internal", "FETCH_FAILED", true, "(InternalServiceError). This is usually temporary"],
    // The SDK renames a reset TimeoutError; the system code still says what happened.
    ["reset", "FETCH_FAILED", true, "(ECONNRESET, TimeoutError from 127.0.0.1:"],
    ["malformed", "FETCH_FAILED", true, "the response could not be parsed (SyntaxError)"],
  ] as const)("%s: %s, retryable %s", async (kind, code, retryable, named) => {
    server.injectFault({ kind, times: 2 });

    const { worker, slack } = await failuresWith(credentialedEnv(server.endpoint));

    for (const failure of [worker, slack]) expectFailure(failure, code, retryable, [named]);
  });
});

describe("an endpoint that cannot be reached", () => {
  it("a closed port: names ECONNREFUSED and the endpoint, and what to check, VPC included", async () => {
    const port = await closedPort();

    const { worker, slack } = await failuresWith(credentialedEnv(`http://127.0.0.1:${port}`));

    for (const failure of [worker, slack]) {
      expectFailure(failure, "FETCH_FAILED", true, [
        `could not connect to 127.0.0.1:${port} (ECONNREFUSED, Error)`,
        "AWS_ENDPOINT_URL_SECRETS_MANAGER",
        "a Secrets Manager VPC endpoint or a NAT gateway",
      ]);
      expect(failure.message).not.toContain("usually temporary");
    }
  });

  it("a connection accepted and never answered: the worker at its deadline, getSlackToken() at the request timeout", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { worker, slack } = await failuresWith(credentialedEnv(`http://127.0.0.1:${port}`), 800);

      expectFailure(worker, "FETCH_FAILED", true, [
        `no answer from 127.0.0.1:${port} before the Lambda deadline`,
        "a Secrets Manager VPC endpoint or a NAT gateway",
      ]);
      // getSlackToken() has no deadline: the SDK's per-request timeout ends it.
      expectFailure(slack, "FETCH_FAILED", true, [`(ETIMEDOUT, TimeoutError from 127.0.0.1:${port})`]);
    } finally {
      silent.close();
    }
  });
});
