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
import { readCurrentVersion } from "../../src/cli/current-version.js";
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
      () => readCurrentVersion(aws),
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

  it("set --stdin on a terminal reads keystrokes without echo, as a line editor would", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const result = await inProcessRunner(ws)(["set", "W", "k", "--stdin"], {
      // A typo erased, an arrow key, a pasted second line, then Enter and Ctrl-D.
      terminalKeys: ["typox", "\u007f", "\u001b[D", "ed\rline two", "\r", "\u0004"],
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "Paste the value (it will not be shown), then press Enter and Ctrl-D; Ctrl-C cancels.",
    );
    expect((ws.secret() as { W: unknown }).W).toEqual({ k: "typoed\nline two" });
    expect(result.stdout + result.stderr).not.toContain("typo");
  });

  it("set --stdin on a terminal: Ctrl-C cancels before any AWS call, and a closed terminal ends the value", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const cancelled = await inProcessRunner(ws)(["set", "W", "--stdin"], {
      terminalKeys: ["half-typ", "\u0003"],
    });
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toContain("Cancelled (Ctrl-C): nothing was written.");
    expect(suite.server.calls).toEqual([]);
    const closed = await inProcessRunner(ws)(["set", "W", "--stdin"], { terminalKeys: ["tok\b\bx"] });
    expect(closed.code).toBe(0);
    expect((ws.secret() as { W: unknown }).W).toBe("tx");
  });

  it("set --stdin on a terminal stops reading past Secrets Manager's limit", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const endless = Array.from({ length: 100 }, () => "é".repeat(1_000));
    const result = await inProcessRunner(ws)(["set", "W", "--stdin"], { terminalKeys: endless });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("stdin is larger than Secrets Manager's limit of 65536 bytes");
  });

  it("unset of a whole entry asks on a terminal; only yes goes ahead", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const run = inProcessRunner(ws);
    for (const answer of [["\r"], ["n", "\r"], ["yes", "\u0004"], ["x\u007f\u007f"]]) {
      const declined = await run(["unset", "OtherWorker"], { terminalKeys: answer });
      expect(declined.code).toBe(1);
      expect(declined.stderr).toContain('Remove the whole entry "OtherWorker" from secret');
      expect(declined.stderr).toContain("Not confirmed: nothing was written.");
    }
    const interrupted = await run(["unset", "OtherWorker"], { terminalKeys: ["y", "\u0003"] });
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toContain("Cancelled (Ctrl-C): nothing was written.");
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
    const confirmed = await run(["unset", "OtherWorker"], {
      terminalKeys: ["Y", "e", "\u007f", "\u007fyES\r"],
    });
    expect(confirmed.code).toBe(0);
    // The masked diff came before the question, and is not repeated after.
    expect(confirmed.stdout).toMatch(
      /^About to change secret .*:\n {2}- OtherWorker: object \(1 key\)\nUpdated /,
    );
    // The answer is echoed as typed, erasures included.
    expect(confirmed.stderr.endsWith("[y/N] Ye\b \b\b \byES\n")).toBe(true);
    expect(Object.keys(ws.secret() as object)).not.toContain("OtherWorker");
  });

  it("unset of a key, --yes, and --dry-run do not ask", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const run = inProcessRunner(ws);
    expect((await run(["unset", "GitHubSyncWorker", "--dry-run"], { terminalKeys: [] })).code).toBe(0);
    expect((await run(["unset", "GitHubSyncWorker", "my-org"], { terminalKeys: [] })).code).toBe(0);
    const yes = await run(["unset", "OtherWorker", "--yes"], { terminalKeys: [] });
    expect(yes.code).toBe(0);
    expect(yes.stderr).toBe("");
    expect(ws.secret()).toEqual({ STARFLEET: SECRET_DOCUMENT.STARFLEET, GitHubSyncWorker: {} });
  });

  it("processIo describes this process", () => {
    const io = processIo();
    expect(io.env).toBe(process.env);
    expect(io.cwd).toBe(process.cwd());
    expect(io.isTTY).toEqual({ stdout: expect.any(Boolean) });
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
      isTTY: { stdout: false },
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

describe("rollback, in this process", () => {
  /** A workspace whose secret has had one edit, so AWSPREVIOUS is the seeded value. */
  async function edited() {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const run = inProcessRunner(ws);
    expect((await run(["set", "Edit", "--json", "1"])).code).toBe(0);
    suite.server.reset();
    return { ws, run };
  }

  it("on a terminal, shows the diff before asking, and not again after", async () => {
    const { ws, run } = await edited();
    const declined = await run(["rollback"], { terminalKeys: ["\u007f", "no\r"] });
    expect(declined.code).toBe(1);
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Edit: 1 });
    const confirmed = await run(["rollback"], { terminalKeys: ["y\r"] });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^About to make version .*:\n {2}- Edit: number\nRolled back .*\n$/);
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
  });

  it("stops, changing nothing, when another edit lands before its move", async () => {
    const { ws, run } = await edited();
    suite.server.injectFault({ kind: "slow", operation: "UpdateSecretVersionStage", delayMs: 300 });
    const rollback = run(["rollback"]);
    await waitFor(() => suite.server.callCount("UpdateSecretVersionStage") === 1);
    suite.server.setSecret(ws.secretId, JSON.stringify({ ...SECRET_DOCUMENT, Edit: 1, Theirs: 2 }));
    const result = await rollback;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The secret changed after rollback read it");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Edit: 1, Theirs: 2 });
  });

  it("counts a move whose every answer was lost as done once the re-read shows it", async () => {
    const { ws, run } = await edited();
    suite.server.injectFault({ kind: "lost-answer", operation: "UpdateSecretVersionStage", times: Infinity });
    const result = await run(["rollback"]);
    expect(result.code).toBe(0);
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
  });

  it("counts a move the SDK retried after a lost answer as done", async () => {
    const { ws, run } = await edited();
    // The first answer is lost; the SDK's retry is refused, since the label moved.
    suite.server.injectFault({ kind: "lost-answer", operation: "UpdateSecretVersionStage" });
    const result = await run(["rollback"]);
    expect(result.code).toBe(0);
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
  });

  it("reports a move that failed, when the re-read shows nothing moved", async () => {
    const { ws, run } = await edited();
    suite.server.injectFault({ kind: "internal", operation: "UpdateSecretVersionStage", times: Infinity });
    const result = await run(["rollback"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("UpdateSecretVersionStage failed for secret");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, Edit: 1 });
  });
});

describe("history, in this process", () => {
  it("says so when Secrets Manager deleted a version between the listing and the read", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    suite.server.setSecret(ws.secretId, JSON.stringify({ ...SECRET_DOCUMENT, Edit: 1 }));
    suite.server.injectFault({ kind: "slow", operation: "GetSecretValue", delayMs: 300 });
    const history = inProcessRunner(ws)(["history", "--json"]);
    await waitFor(() => suite.server.callCount("GetSecretValue") === 1);
    // The secret made anew: none of the versions listed is there any more.
    suite.server.deleteSecret(ws.secretId);
    suite.server.setSecret(ws.secretId, SECRET_STRING);
    const result = await history;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).versions[0].problem).toEqual({
      code: "VERSION_NOT_FOUND",
      message: "Secrets Manager deleted this version after it was listed.",
    });
  });

  it("one version, with nothing in it", async () => {
    const ws = createWorkspace(suite.server, { secret: "{}" });
    const result = await inProcessRunner(ws)(["history"]);
    expect(result.stdout).toMatch(
      /: 1 version, newest first;[^\n]*\n\n\S+ {2}AWSCURRENT {2}\S+\n {2}\(no path added, removed or changed\)\n$/,
    );
  });
});

describe("put, in this process", () => {
  it("stores a value saved with a byte order mark without it", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const file = ws.file("bom.json", `\uFEFF${SECRET_STRING.replace("OtherWorker", "Renamed")}`);
    const result = await inProcessRunner(ws)(["put", "--from-file", file]);
    expect(result.code).toBe(0);
    expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING.replace("OtherWorker", "Renamed"));
  });
});
