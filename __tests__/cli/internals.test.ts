/**
 * The edges of the CLI's modules that the end-to-end scenarios do not reach on their own: every retry of
 * the optimistic write, terminals, unusual paths and argument forms.
 */
import { Readable } from "node:stream";
import { SecretsManagerClient, UpdateSecretVersionStageCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "@jest/globals";
import { parseCommandLine } from "../../src/cli/args.js";
import { awsFailure, openAwsSession } from "../../src/cli/aws.js";
import { CliError } from "../../src/cli/cli-error.js";
import { maskedDiff } from "../../src/cli/diff.js";
import { processIo } from "../../src/cli/io.js";
import { MAX_WRITE_ATTEMPTS, writeSecret } from "../../src/cli/optimistic-write.js";
import { runCli } from "../../src/cli/run-cli.js";
import { detectFormat, jsonDepth, jsonKind, parseJson } from "../../src/cli/secret-json.js";
import { describeValue } from "../../src/util/describe-value.js";
import { formatPath } from "../../src/util/format-path.js";
import { expectNoSecretLeak, SECRET_DOCUMENT, SECRET_STRING, waitFor } from "../support/fixtures.js";
import { createWorkspace, inProcessRunner, useCliTestServer } from "./harness.js";

const suite = useCliTestServer({ inProcessAws: true, resetEachTest: true });

describe("the optimistic write", () => {
  function session(secretId: string) {
    return openAwsSession({ secretId, region: "us-east-2", slackEnabled: false, configDirectory: "(test)" });
  }

  it("gives up after MAX_WRITE_ATTEMPTS when every attempt is beaten, losing nothing", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const aws = await session(ws.secretId);
    const conflicts: number[] = [];
    let otherWrites = 0;
    const attempt = writeSecret(
      aws,
      (current) => {
        // Another operator writes after every read of ours.
        otherWrites += 1;
        suite.server.setSecret(
          ws.secretId,
          JSON.stringify({ ...SECRET_DOCUMENT, [`Other${otherWrites}`]: true }),
        );
        const document = { ...current.document, Mine: true };
        return { document, text: JSON.stringify(document) };
      },
      { dryRun: false, onConflict: (n) => conflicts.push(n), backoffMs: () => 0 },
    );
    await expect(attempt).rejects.toThrow(
      new CliError(
        `The secret kept changing while we wrote (${MAX_WRITE_ATTEMPTS} attempts, each beaten by another writer): ` +
          "nothing was lost and this edit was not applied; try again.",
        { code: "CONFLICT" },
      ),
    );
    aws.close();
    expect(conflicts).toEqual(Array.from({ length: MAX_WRITE_ATTEMPTS - 1 }, (_, index) => index + 1));
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, [`Other${MAX_WRITE_ATTEMPTS}`]: true });
    // No version of ours is left looking like a rotation in progress.
    const pendingReleases = suite.server.calls.filter(
      (call) => call.operation === "UpdateSecretVersionStage" && call.body.VersionStage === "AWSPENDING",
    );
    expect(pendingReleases).toHaveLength(MAX_WRITE_ATTEMPTS);
  });

  it("a refused move for any other reason is an error, not a retry", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    suite.server.injectFault({ kind: "access-denied", operation: "UpdateSecretVersionStage" });
    const result = await inProcessRunner(ws)(["set", "W", "--json", "1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Access denied: UpdateSecretVersionStage");
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
  });

  it("redoes the edit on the version another writer made current meanwhile", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    suite.server.injectFault({
      kind: "slow",
      operation: "PutSecretValue",
      secretId: ws.secretId,
      delayMs: 200,
    });
    const running = inProcessRunner(ws)(["set", "Mine", "--json", "1"]);
    await waitFor(() => suite.server.callCount("PutSecretValue") === 1);
    suite.server.setSecret(ws.secretId, JSON.stringify({ ...SECRET_DOCUMENT, Theirs: 2 }));
    const result = await running;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`re-reading and retrying (attempt 2 of ${MAX_WRITE_ATTEMPTS})`);
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Theirs: 2, Mine: 1 });
  });
});

describe("terminals", () => {
  it("show --reveal warns when stdout is a terminal", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const result = await inProcessRunner(ws)(["show", "--reveal"], { stdoutIsTTY: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Warning: printing secret values to a terminal/);
    const masked = await inProcessRunner(ws)(["show"], { stdoutIsTTY: true });
    expect(masked.stderr).not.toContain("Warning");
  });

  it("set --stdin tells a terminal user how to end the value", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const result = await inProcessRunner(ws)(["set", "W", "k", "--stdin"], {
      stdin: "typed\r\n",
      stdinIsTTY: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Paste the value, then press Enter and Ctrl-D");
    expect((ws.secret() as { W: unknown }).W).toEqual({ k: "typed" });
  });

  it("processIo describes this process", () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.cwd).toBe(process.cwd());
    expect(io.isTTY).toEqual({ stdin: expect.any(Boolean), stdout: expect.any(Boolean) });
  });
});

describe("init and policy with a secret named by ARN", () => {
  it("init confirms an existing secret and refuses to create one from an ARN", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const run = inProcessRunner(ws);
    const policy = JSON.parse((await run(["policy"])).stdout);
    const arn: string = policy.Statement[0].Resource;
    const existing = await run(["init", "--secret-id", arn]);
    expect(existing.code).toBe(0);
    expect(existing.stdout).toContain("already exists");
    const missing = await run(["init", "--secret-id", `${arn.slice(0, -6)}zzzzzz`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("init creates a secret from its name: pass --secret-id NAME");
    suite.server.injectFault({ kind: "access-denied", operation: "DescribeSecret" });
    const denied = await run(["init", "--secret-id", arn]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("Access denied: DescribeSecret");
  });

  it("init reports a CreateSecret it may not call", async () => {
    const ws = createWorkspace(suite.server);
    suite.server.injectFault({ kind: "access-denied", operation: "CreateSecret" });
    const result = await inProcessRunner(ws)(["init"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^starfleet-secrets: Access denied: CreateSecret on secret ".*" in us-east-2: .*secretsmanager:CreateSecret on the secret\.\n$/,
    );
  });

  it("policy uses a configured ARN as is when DescribeSecret is denied, and notes another account", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const run = inProcessRunner(ws);
    const arn: string = JSON.parse((await run(["policy"])).stdout).Statement[0].Resource;
    suite.server.injectFault({ kind: "access-denied", operation: "DescribeSecret" });
    const fromArn = await run(["policy", "--secret-id", arn]);
    expect(JSON.parse(fromArn.stdout).Statement[0].Resource).toBe(arn);
    const otherAccount = await run(["policy", "--account", "999999999999"]);
    expect(otherAccount.stderr).toContain("the secret is in account 123456789012, not 999999999999");
    expect(JSON.parse(otherAccount.stdout).Statement[0].Resource).toBe(arn);
  });
});

describe("failures outside AWS", () => {
  it("no AWS credentials: says how to configure them", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, key: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const result = await inProcessRunner(ws)(["show"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^starfleet-secrets: GetSecretValue on secret ".*" in us-east-2: no AWS credentials found \(CredentialsProviderError\).*AWS_PROFILE/,
      );
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.key;
    }
  });

  it("a bug is reported with its stack, and exit status 1", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    let stderr = "";
    const code = await runCli(["show"], {
      stdout: {
        write() {
          throw new TypeError("stdout is broken");
        },
      },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: Readable.from([]),
      env: ws.env,
      isTTY: { stdin: false, stdout: false },
      cwd: ws.dir,
      waitForStop: () => new Promise(() => {}),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^starfleet-secrets: unexpected error \(please report it\): TypeError: stdout is broken\n\s+at /m,
    );
    expectNoSecretLeak(stderr);
  });
});

describe("argument forms", () => {
  it("-- ends the options", () => {
    expect(parseCommandLine(["--", "show", "--odd-entry"])).toMatchObject({
      kind: "run",
      invocation: { command: "show", entry: "--odd-entry" },
    });
    expect(parseCommandLine(["show", "--", "-h"])).toMatchObject({
      kind: "run",
      invocation: { entry: "-h" },
    });
    expect(() => parseCommandLine(["--"])).toThrow(/missing command/);
  });

  it("commands without arguments refuse them", () => {
    expect(() => parseCommandLine(["check", "extra"])).toThrow(/check takes no arguments; got 1 arguments/);
    expect(() => parseCommandLine(["help", "Bogus1"])).toThrow(/^help: unknown command \(see/);
  });
});

describe("the masked diff", () => {
  it("names added, removed and changed paths, masked, down to array items", () => {
    const before = parseJson(
      '{"a": {"list": [1, "x", {"k": true}]}, "b": [1], "gone": "v", "odd key": 1, "n": 1.0}',
    );
    const after = parseJson(
      '{"a": {"list": [2, "xy", {"k": true}]}, "b": [1, 2], "odd key": "1", "n": 1.0, "new": null}',
    );
    expect(maskedDiff(before, after)).toEqual([
      "~ a.list[0]: number -> number",
      "~ a.list[1]: string (1 char) -> string (2 chars)",
      "~ b: array (1 item) -> array (2 items)",
      "- gone: string (1 char)",
      '~ ["odd key"]: number -> string (1 char)',
      "+ new: null",
    ]);
    expect(formatPath(["W", 'quote"d', 0])).toBe('W["quote\\"d"][0]');
  });

  it("kinds and layouts", () => {
    expect(jsonKind(parseJson("1.0"))).toBe("number");
    expect(describeValue(null)).toBe("null");
    expect(describeValue([])).toBe("an array");
    expect(describeValue(parseJson("1.0"))).toBe("a number");
    expect(detectFormat('{\n"a": 1\n}')).toEqual({ indent: "  ", trailingNewline: false });
    expect(detectFormat('{\n\t"a": 1\n}\n')).toEqual({ indent: "\t", trailingNewline: true });
  });

  it("measures nesting without counting brackets or escaped quotes inside strings", () => {
    expect(jsonDepth('{"a": "[[{\\"{", "b": [{}], "c": {"d": "}}"}}')).toBe(3);
    expect(jsonDepth('"just text"')).toBe(0);
  });
});

describe("AWS failures, explained", () => {
  const target = {
    secretId: "Starfleet",
    region: "us-east-2",
    slackEnabled: false,
    configDirectory: "(test)",
  };

  it("names the operation and the SDK error, in one bounded line", () => {
    const long = new Error(`Rate\nexceeded ${"x".repeat(600)}`);
    long.name = "ThrottlingException";
    const failure = awsFailure("PutSecretValue", target, long);
    expect(failure.code).toBe("AWS_ERROR");
    expect(failure.message).toMatch(
      /^PutSecretValue failed for secret "Starfleet" in us-east-2: ThrottlingException: Rate exceeded x+\.\.\.\. This is usually temporary/,
    );
    expect(failure.message.length).toBeLessThan(800);
    expect(awsFailure("GetSecretValue", target, "a string").message).toBe(
      'GetSecretValue failed for secret "Starfleet" in us-east-2: string.',
    );
  });

  it("prints nothing of an error response that AWS did not define: its body may be the secret", () => {
    const fromProxy = Object.assign(new Error(SECRET_STRING), {
      name: "BadGateway",
      $fault: "server",
      $metadata: { httpStatusCode: 502 },
      SecretString: SECRET_STRING,
    });

    const failure = awsFailure("GetSecretValue", target, fromProxy);

    expect(failure.message).toContain("BadGateway");
    expectNoSecretLeak(failure);
  });
});

describe("the optimistic write, when the answer to a move is lost", () => {
  it("finds its own version current on the re-read, and counts the write as done", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    suite.server.injectFault({
      kind: "slow",
      operation: "UpdateSecretVersionStage",
      secretId: ws.secretId,
      delayMs: 300,
    });
    const running = inProcessRunner(ws)(["set", "Mine", "--json", "1"]);
    await waitFor(() => suite.server.callCount("UpdateSecretVersionStage") === 1);
    const [put] = suite.server.calls.filter((call) => call.operation === "PutSecretValue");
    const [move] = suite.server.calls.filter((call) => call.operation === "UpdateSecretVersionStage");
    // What the first try of a move the SDK then retried would have done.
    const client = new SecretsManagerClient({
      region: "us-east-2",
      endpoint: suite.server.endpoint,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" },
    });
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: ws.secretId,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: put?.body.ClientRequestToken as string,
        RemoveFromVersionId: move?.body.RemoveFromVersionId as string,
      }),
    );
    client.destroy();
    const result = await running;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Mine: 1 });
  });
});

describe("the optimistic write, when every answer to a move is lost", () => {
  it("finds its own version current on the re-read, and reports the write as done, not failed", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    suite.server.injectFault({
      kind: "lost-answer",
      operation: "UpdateSecretVersionStage",
      secretId: ws.secretId,
      times: Number.POSITIVE_INFINITY,
    });

    const result = await inProcessRunner(ws)(["set", "Mine", "--json", "1"]);

    expect(result.code).toBe(0);
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Mine: 1 });
  });
});

describe("an empty secret", () => {
  it("lists no entries in errors", async () => {
    const ws = createWorkspace(suite.server, { secret: "{}" });
    const unset = await inProcessRunner(ws)(["unset", "W"]);
    expect(unset.stderr).toContain('the secret has no entry "W" (entries: none)');
    const show = await inProcessRunner(ws)(["show", "W"]);
    expect(show.stderr).toContain('The secret has no entry "W" (entries: none)');
  });

  it("binary stdin is refused", async () => {
    const ws = createWorkspace(suite.server, { secret: "{}" });
    const result = await inProcessRunner(ws)(["set", "W", "--stdin"], {
      stdin: Buffer.from([0xff, 0xfe, 0x00]),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("stdin is not UTF-8 text");
  });
});

describe("an entry set to the value it has", () => {
  it("writes nothing", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const value = JSON.stringify(SECRET_DOCUMENT.OtherWorker);
    const result = await inProcessRunner(ws)(["set", "OtherWorker", "--json", value]);
    expect(result.stdout).toBe("No change: OtherWorker already has this value; nothing written.\n");
    expect(suite.server.callCount("PutSecretValue")).toBe(0);
  });
});
