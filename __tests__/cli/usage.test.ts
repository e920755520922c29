/**
 * The command line itself: help, usage mistakes and configuration errors. Every failure here is one
 * message on stderr, no stack trace, and exit status 2.
 */
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { parseCommandLine } from "../../src/cli/args.js";
import { COMMANDS } from "../../src/cli/command-table.js";
import { helpText } from "../../src/cli/help.js";
import { MAX_WRITE_ATTEMPTS } from "../../src/cli/optimistic-write.js";
import { MAX_SECRET_BYTES } from "../../src/cli/secret-shape.js";
import { expectNoSecretLeak, SECRET_STRING, SECRET_VALUES } from "../support/fixtures.js";
import { type CliResult, createWorkspace, linesOf, RUNNERS, useCliTestServer } from "./harness.js";

const suite = useCliTestServer({ cliBuilt: true, inProcessAws: true });

/** One line on stderr, no stack frames, nothing on stdout, exit status 2. */
function expectUsageFailure(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr).toMatch(/^starfleet-secrets: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe("");
}

describe.each(RUNNERS)("usage (%s)", (_mode, runner) => {
  const cli = (args: readonly string[], env?: Record<string, string | undefined>) =>
    runner(createWorkspace(suite.server, { secret: SECRET_STRING }))(args, env === undefined ? {} : { env });

  it("--help describes every command, the exit status and examples", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^starfleet-secrets: /);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(result.stdout).toContain("Exit status:");
    expect(result.stdout).toContain("2  usage or configuration error");
    expect(result.stdout).toContain("Examples:\n  starfleet-secrets init");
    expect((await cli(["-h"])).stdout).toBe(result.stdout);
    expect((await cli(["help"])).stdout).toBe(result.stdout);
  });

  it.each(COMMANDS)("%s --help shows its usage, options and examples", async (command) => {
    const result = await cli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(new RegExp(`^Usage: starfleet-secrets ${command}\\b`));
    expect(result.stdout).toContain("--config DIR");
    expect(result.stdout).toContain("Exit status:");
    expect(result.stdout).toMatch(new RegExp(`Examples:\\n  starfleet-secrets ${command}\\b`));
    // Same text however help is asked for, even next to a mistake.
    expect((await cli(["help", command])).stdout).toBe(result.stdout);
    expect((await cli([command, "--no-such-option", "-h"])).stdout).toBe(result.stdout);
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const result = await cli(["--version"]);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("an unknown option is one line, naming it", async () => {
    expectUsageFailure(
      await cli(["check", "--bogus"]),
      /unknown option --bogus \(see starfleet-secrets check --help\)/,
    );
    expectUsageFailure(await cli(["show", "-x"]), /unknown option -x/);
    expectUsageFailure(await cli(["--bogus"]), /unknown option --bogus \(see starfleet-secrets --help\)/);
    // An option of another command is unknown here.
    expectUsageFailure(await cli(["show", "--dry-run"]), /unknown option --dry-run/);
  });

  it("an unknown command is one line", async () => {
    expectUsageFailure(await cli(["chekc"]), /unknown command "chekc"/);
    expectUsageFailure(await cli(["help", "chekc"]), /help: unknown command chekc/);
  });

  it("a missing command or argument is one line", async () => {
    expectUsageFailure(await cli([]), /missing command: one of check, policy, init, set, unset, show/);
    expectUsageFailure(await cli(["set"]), /set needs a WORKER argument/);
    expectUsageFailure(await cli(["unset"]), /unset needs a WORKER argument/);
    expectUsageFailure(
      await cli(["set", "GitHubSyncWorker"]),
      /set needs the value: --from-file FILE, --stdin or --json VALUE/,
    );
    expectUsageFailure(await cli(["check", "--config"]), /--config needs a value/);
    expectUsageFailure(await cli(["check", "--worker"]), /--worker needs a value/);
    expectUsageFailure(await cli(["set", "W", "--json", "--dry-run"]), /--json needs a value/);
    expectUsageFailure(await cli(["check", "--region="]), /--region needs a value/);
  });

  it("conflicting, repeated or misused options are one line", async () => {
    expectUsageFailure(
      await cli(["set", "W", "--stdin", "--json", "{}"]),
      /one of --from-file, --stdin and --json, not several/,
    );
    expectUsageFailure(await cli(["show", "--reveal=yes"]), /--reveal does not take a value/);
    expectUsageFailure(
      await cli(["check", "--config", "a", "--config", "b"]),
      /--config is given more than once/,
    );
    expectUsageFailure(
      await cli(["policy", "--account", "12345"]),
      /--account must be a 12-digit AWS account id/,
    );
    expectUsageFailure(await cli(["check", "--region", "us-east2"]), /did you mean "us-east-2"/);
    expectUsageFailure(await cli(["show", ""]), /an empty name is not allowed/);
  });

  describe("policy --resource-policy", () => {
    const ROLE = "arn:aws:iam::123456789012:role/GitHubSyncWorkerRole";
    const resourcePolicy = (...roles: string[]) =>
      cli(["policy", "--resource-policy", ...roles.flatMap((role) => ["--role", role])]);

    it("refuses an empty role list and options that do not go with it", async () => {
      expectUsageFailure(await resourcePolicy(), /--resource-policy needs at least one --role ARN/);
      expectUsageFailure(await cli(["policy", "--role", ROLE]), /--role goes with --resource-policy/);
      expectUsageFailure(
        await cli(["policy", "--resource-policy", "--account", "123456789012", "--role", ROLE]),
        /takes the account from the --role ARNs, not --account/,
      );
      expectUsageFailure(await cli(["policy", "--resource-policy", "--role"]), /--role needs a value/);
    });

    it.each([
      ["arn:aws:iam::123456789012:user/alice", "is an IAM user, not a role"],
      [
        "arn:aws:sts::123456789012:assumed-role/StarfleetOperator/alice",
        "is a role session (as aws sts get-caller-identity prints it), not the role: pass the role's ARN, " +
          "path included (aws iam get-role --role-name StarfleetOperator --query Role.Arn)",
      ],
      ["arn:aws:iam::123456789012:role/starfleet-*", "has a wildcard (* or ?)"],
      ["arn:aws:iam::123456789012:role/worker-?", "has a wildcard (* or ?)"],
      ["arn:aws-xx:iam::123456789012:role/GitHubSyncWorkerRole", 'has an unknown partition "aws-xx"'],
      ["arn:aws:iam::12345678901:role/GitHubSyncWorkerRole", "has no 12-digit account id"],
      ["arn:aws:iam::123456789012:root", "is not an IAM role ARN: expected arn:PARTITION:iam::ACCOUNT:role/"],
      ["arn:aws:iam::123456789012:role/", "is not an IAM role ARN"],
      ["arn:aws:iam::123456789012:role/bad name", "is not an IAM role ARN"],
      [`arn:aws:iam::123456789012:role/${"n".repeat(65)}`, "is not an IAM role ARN"],
      ["arn:aws:iam:us-east-2:123456789012:role/GitHubSyncWorkerRole", "is not an IAM role ARN"],
      ["arn:aws:lambda:us-east-2:123456789012:function:GitHubSyncWorker", "is not an IAM role ARN"],
      ["GitHubSyncWorkerRole", "is not an ARN: expected arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME"],
    ])("names the bad value %s and what is wrong with it", async (role, problem) => {
      const result = await resourcePolicy(ROLE, role);
      const shown = role.startsWith("arn:") ? `--role ${role}` : "--role number 2 (not shown";
      expectUsageFailure(result, /\(see starfleet-secrets policy --help\)$/m);
      expect(result.stderr).toContain(shown);
      expect(result.stderr).toContain(problem);
    });

    it("does not print back a value that is not an ARN", async () => {
      const result = await resourcePolicy(SECRET_VALUES[0] as string);
      expectUsageFailure(result, /--role number 1 \(not shown: it does not look like an ARN\) is not an ARN/);
      expectNoSecretLeak(result.stderr);
    });

    it("refuses roles of different accounts or partitions, naming both", async () => {
      const otherAccount = "arn:aws:iam::210987654321:role/SecurityGroupWorkerRole";
      expectUsageFailure(
        await resourcePolicy(ROLE, otherAccount),
        new RegExp(
          `--role ${otherAccount} is in account 210987654321 in aws, but --role ${ROLE} is in account ` +
            "123456789012 in aws: every role must be in the secret's account",
        ),
      );
      const otherPartition = "arn:aws-cn:iam::123456789012:role/SecurityGroupWorkerRole";
      expectUsageFailure(
        await resourcePolicy(ROLE, otherPartition),
        /is in account 123456789012 in aws-cn, but --role .* is in account 123456789012 in aws:/,
      );
    });
  });

  it("a value typed as an argument is refused without being printed back", async () => {
    const token = SECRET_VALUES[0];
    const extra = await cli(["set", "STARFLEET", "SlackToken", token]);
    expectUsageFailure(extra, /set takes at most WORKER and KEY; got 3 arguments/);
    expectNoSecretLeak(extra.stderr);
    const asCommand = await cli([token]);
    expectUsageFailure(asCommand, /unknown command \(see/);
    expectNoSecretLeak(asCommand.stderr);
    const asOption = await cli(["show", `--${token}`]);
    expectUsageFailure(asOption, /unknown option \(see/);
    expectNoSecretLeak(asOption.stderr);
    const badJson = await cli(["set", "STARFLEET", "SlackToken", "--json", token]);
    expectUsageFailure(badJson, /--json: the value is not valid JSON/);
    expectNoSecretLeak(badJson.stderr);
  });

  it("global options work before the command too", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const result = await runner(ws)(["--config", ws.configDir, "--secret-id", ws.secretId, "show"], {
      env: { STARFLEET_CONFIG_DIR: undefined },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty("GitHubSyncWorker");
  });
});

describe.each(RUNNERS)("configuration errors (%s)", (_mode, runner) => {
  it("an invalid configuration lists every issue and exits 2", async () => {
    const ws = createWorkspace(suite.server, {
      secret: SECRET_STRING,
      yaml: "STARFLEET:\n  DeploymentRegion: us-east2\n  FanOutQueueUrl: http://example.com\n",
    });
    const result = await runner(ws)(["check"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Invalid Starfleet configuration");
    expect(result.stderr).toContain("STARFLEET.DeploymentRegion");
    expect(result.stderr).toContain("STARFLEET.TemplateBucket");
    expect(result.stderr).toContain("STARFLEET.FanOutQueueUrl");
    expect(result.stderr).toContain(`starfleet-secrets read ${ws.configDir}, from STARFLEET_CONFIG_DIR`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(suite.server.calls.filter((call) => call.body.SecretId === ws.secretId)).toEqual([]);
  });

  it("a configuration file that cannot be read is a configuration error, not a crash", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    symlinkSync("loop.yaml", path.join(ws.configDir, "loop.yaml"));
    const result = await runner(ws)(["check"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("loop.yaml: Could not read the file (ELOOP)");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing configuration folder says where it looked and how to choose another", async () => {
    const ws = createWorkspace(suite.server);
    const elsewhere = path.join(ws.dir, "elsewhere");
    mkdirSync(elsewhere);
    const result = await runner(ws)(["show"], { env: { STARFLEET_CONFIG_DIR: undefined }, cwd: elsewhere });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${elsewhere}/configuration_files`);
    expect(result.stderr).toContain("from configuration_files in the working directory");
    // A relative --config is resolved against the working folder.
    const viaOption = await runner(ws)(["show", "--config", "nowhere"]);
    expect(viaOption.code).toBe(2);
    expect(viaOption.stderr).toMatch(/does not exist/);
    expect(viaOption.stderr).toContain(`starfleet-secrets read ${ws.dir}/nowhere, from --config;`);
    // One origin throughout the message, the CLI's own, never the library's option name.
    expect(viaOption.stderr).toContain(`${ws.dir}/nowhere (from --config) does not exist`);
    expect(viaOption.stderr).not.toContain("options.directory");
  });

  it("finds the configuration under LAMBDA_TASK_ROOT, as the middleware does", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    const result = await runner(ws)(["check"], {
      env: { STARFLEET_CONFIG_DIR: undefined, LAMBDA_TASK_ROOT: ws.dir },
    });
    expect(result.code).toBe(0);
  });

  it("without STARFLEET.SecretsManager, asks for it or for --secret-id and --region", async () => {
    const ws = createWorkspace(suite.server, { secretsManager: false });
    const result = await runner(ws)(["check"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("STARFLEET.SecretsManager is not configured");
    expect(result.stderr).toContain("or pass both --secret-id and --region");
    suite.server.setSecret(ws.secretId, SECRET_STRING);
    const overridden = await runner(ws)(["check", "--secret-id", ws.secretId, "--region", "us-east-2"]);
    expect(overridden.code).toBe(0);
    expect(overridden.stdout).toContain(`Secret: "${ws.secretId}" in us-east-2`);
  });
});

describe("help and parser agree", () => {
  /** The `--name` flags of a help text's "Options:" section, with whether they show a value. */
  function documentedOptions(help: string): { flag: string; takesValue: boolean }[] {
    const section = help.split("\nOptions:\n")[1]?.split("\n\n")[0] ?? "";
    return [...section.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)( [A-Z]+)?/gm)].map(([, flag, value]) => ({
      flag: flag as string,
      takesValue: value !== undefined,
    }));
  }

  it.each(COMMANDS)("every option %s --help documents is one the parser accepts as documented", (command) => {
    const documented = documentedOptions(helpText(command));
    expect(documented.length).toBeGreaterThan(0);
    for (const { flag, takesValue } of documented) {
      const args = takesValue ? [command, flag, "x"] : [command, flag];
      let message = "";
      try {
        parseCommandLine(args);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toMatch(/unknown option|does not take a value|needs a value/);
    }
  });

  it("set --help states the write attempts and the value size the tool enforces", () => {
    expect(helpText("set")).toContain(`up to ${MAX_WRITE_ATTEMPTS} attempts`);
    expect(helpText("set")).toContain(`at most ${MAX_SECRET_BYTES.toLocaleString("en-US")} bytes`);
  });

  it("every option the tool's --help documents is accepted on its own", () => {
    const section = helpText().split("\nOptions for every command:\n")[1]?.split("\n\n")[0] ?? "";
    const flags = [...section.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map(([, flag]) => flag as string);
    expect(flags).toEqual(
      expect.arrayContaining(["--config", "--secret-id", "--region", "--help", "--version"]),
    );
    expect(parseCommandLine(["--version"])).toEqual({ kind: "version" });
    expect(parseCommandLine(["--help"])).toEqual({ kind: "help" });
  });
});
