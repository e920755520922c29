/**
 * The day something goes wrong: history, rollback and put against the local Secrets Manager endpoint, and
 * the AWS CLI's options (--profile, --endpoint-url), and working without a configuration folder.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { expectNoSecretLeak, SECRET_DOCUMENT, SECRET_STRING, SECRET_VALUES } from "../support/fixtures.js";
import {
  type CliRunner,
  callsFor,
  createWorkspace,
  linesOf,
  RUNNERS,
  useCliTestServer,
  type Workspace,
} from "./harness.js";

const suite = useCliTestServer({ cliBuilt: true, inProcessAws: true, resetEachTest: true });

const NEW_TOKEN = "xoxb-9999-new-slack-SeCrEtToKeN";
const ALL_SECRETS = [...SECRET_VALUES, NEW_TOKEN];
const BROKEN = '{"STARFLEET": {},,}';
const VERSION_ID = /[0-9a-f-]{36}/;

/**
 * Sets process.env for the SDK of in-process runs (child runs get `env` on their own), for one run. The SDK
 * reads credentials, profiles and the endpoint from process.env whatever the CLI's io says.
 */
async function withProcessEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe.each(RUNNERS)("%s", (mode, runnerFor) => {
  let ws: Workspace;
  let cli: CliRunner;

  function given(secret: string | null = SECRET_STRING, options: { slackEnabled?: boolean } = {}): void {
    ws = createWorkspace(suite.server, { ...(secret === null ? {} : { secret }), ...options });
    cli = runnerFor(ws);
  }

  /** Runs the CLI with `env` both in the child's environment and, for in-process runs, in process.env. */
  function cliWithEnv(args: readonly string[], env: Record<string, string>) {
    return withProcessEnv(mode === "in process" ? env : {}, () => cli(args, { env }));
  }

  async function versionIds(): Promise<string[]> {
    const result = await cli(["history", "--json"]);
    return JSON.parse(result.stdout).versions.map((version: { versionId: string }) => version.versionId);
  }

  describe("history", () => {
    it("lists the versions newest first, with labels, dates and the paths each changed, never values", async () => {
      given();
      const pem = ws.file("key.pem", "-----BEGIN KEY-----\nnew\n-----END KEY-----\n");
      expect((await cli(["set", "GitHubSyncWorker", "my-org", "--from-file", pem])).code).toBe(0);
      expect((await cli(["set", "STARFLEET", "SlackToken", "--stdin"], { stdin: NEW_TOKEN })).code).toBe(0);
      expect((await cli(["set", "SecurityGroupWorker", "--json", '{"user": "bot"}'])).code).toBe(0);
      expect((await cli(["unset", "OtherWorker"])).code).toBe(0);

      const result = await cli(["history"]);

      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      const lines = linesOf(result.stdout);
      expect(lines[0]).toBe(
        `Secret "${ws.secretId}" in us-east-2: 5 versions, newest first; paths only, never values.`,
      );
      const headers = lines.filter((line) => VERSION_ID.test(line));
      expect(headers.map((line) => line.replace(VERSION_ID, "ID").replace(/\S+Z$/, "DATE"))).toEqual([
        "ID  AWSCURRENT   DATE",
        "ID  AWSPREVIOUS  DATE",
        "ID  -            DATE",
        "ID  -            DATE",
        "ID  -            DATE",
      ]);
      expect(headers[0]).toMatch(/ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const changes = lines.filter((line) => line.startsWith("  "));
      expect(changes).toEqual([
        "  - OtherWorker",
        "  + SecurityGroupWorker",
        "  ~ STARFLEET.SlackToken",
        "  ~ GitHubSyncWorker.my-org",
        "  + STARFLEET",
        "  + GitHubSyncWorker",
        "  + OtherWorker",
      ]);
      expectNoSecretLeak(result.stdout, ALL_SECRETS);
      expect(result.stdout).not.toMatch(/string|chars|object/);
    });

    it("--json and --max-items: the newest N, the total, and what the oldest shown changed", async () => {
      given();
      for (const name of ["A", "B", "C"]) expect((await cli(["set", name, "--json", "1"])).code).toBe(0);
      const human = await cli(["history", "--max-items", "2"]);
      expect(linesOf(human.stdout)[0]).toContain("4 versions, the 2 newest shown (--max-items N shows more)");
      suite.server.reset();
      const result = await cli(["history", "--json", "--max-items", "2"]);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report).toEqual({
        secretId: ws.secretId,
        region: "us-east-2",
        total: 4,
        versions: [
          {
            versionId: expect.stringMatching(VERSION_ID),
            stages: ["AWSCURRENT"],
            createdDate: expect.stringMatching(/Z$/),
            problem: null,
            changes: { added: ["C"], removed: [], changed: [] },
          },
          {
            versionId: expect.stringMatching(VERSION_ID),
            stages: ["AWSPREVIOUS"],
            createdDate: expect.stringMatching(/Z$/),
            problem: null,
            changes: { added: ["B"], removed: [], changed: [] },
          },
        ],
      });
      // One GetSecretValue per version shown, and one for the version before the oldest shown.
      expect(callsFor(suite.server, ws, "GetSecretValue").length).toBe(3);
    });

    it("says which version is not a usable secret, where its JSON breaks, and what is unknown next to it", async () => {
      given();
      suite.server.setSecret(ws.secretId, `{"STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}",}`);
      suite.server.setSecret(ws.secretId, SECRET_STRING);
      const result = await cli(["history"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("  (changes unknown: the version before it is not a usable secret)\n");
      expect(result.stdout).toMatch(
        / {2}not a usable secret: \[NOT_JSON\] The value of .* line 1, column \d+/,
      );
      const json = JSON.parse((await cli(["history", "--json"])).stdout);
      expect(json.versions[1].problem).toEqual({
        code: "NOT_JSON",
        message: expect.stringContaining("the first syntax error is at line 1, column"),
      });
      expect(json.versions[0].changes).toBeNull();
      expectNoSecretLeak(result.stdout + JSON.stringify(json), ALL_SECRETS);
    });

    it("reads every page of a long history", async () => {
      given();
      // ListSecretVersionIds answers at most 100 versions a page.
      for (let index = 0; index < 102; index++)
        suite.server.setSecret(ws.secretId, `{"STARFLEET": {}, "n": ${index}}`);
      const result = await cli(["history", "--json", "--max-items", "1"]);
      expect(JSON.parse(result.stdout).total).toBe(103);
      expect(callsFor(suite.server, ws, "ListSecretVersionIds")).toHaveLength(2);
    });
  });

  describe("rollback", () => {
    it("restores the previous value exactly, and a second rollback undoes the first", async () => {
      const original = `${JSON.stringify(SECRET_DOCUMENT, null, 4)}\n`;
      given(original);
      expect((await cli(["set", "STARFLEET", "SlackToken", "--stdin"], { stdin: NEW_TOKEN })).code).toBe(0);
      const edited = suite.server.getSecretString(ws.secretId);
      const [editedId, originalId] = await versionIds();

      const result = await cli(["rollback"]);

      expect(result.code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(original);
      expect(linesOf(result.stdout)).toEqual([
        `Rolled back secret "${ws.secretId}" in us-east-2: version ${originalId} is AWSCURRENT, and version ` +
          `${editedId} is AWSPREVIOUS (\`starfleet-secrets rollback\` again undoes this).`,
        "  ~ STARFLEET.SlackToken: string (31 chars) -> string (27 chars)",
      ]);
      expectNoSecretLeak(result.stdout + result.stderr, ALL_SECRETS);
      // Nothing new stored: the move names the version it replaces.
      expect(callsFor(suite.server, ws, "PutSecretValue")).toHaveLength(1);
      expect(callsFor(suite.server, ws, "UpdateSecretVersionStage").at(-1)?.body).toEqual({
        SecretId: ws.secretId,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: originalId,
        RemoveFromVersionId: editedId,
      });

      expect((await cli(["rollback"])).code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(edited);
    });

    it("--dry-run shows the masked diff and changes nothing", async () => {
      given();
      expect((await cli(["set", "W", "--json", "1"])).code).toBe(0);
      const result = await cli(["rollback", "--dry-run"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Dry run: would make version \S+ \(AWSPREVIOUS\) AWSCURRENT in place of version \S+, for secret .*; nothing changed\.\n {2}- W: number\n$/,
      );
      expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, W: 1 });
    });

    it("--to goes back to any listed version, even one without a label", async () => {
      given();
      for (const name of ["A", "B"]) expect((await cli(["set", name, "--json", "1"])).code).toBe(0);
      const ids = await versionIds();
      const result = await cli(["rollback", "--to", ids[2] as string]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`version ${ids[2]} is AWSCURRENT`);
      expect(result.stdout).toContain("  - A: number\n  - B: number\n");
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
      const again = await cli(["rollback", "--to", ids[2] as string]);
      expect(again.stdout).toBe(
        `No change: version ${ids[2]} of secret "${ws.secretId}" in us-east-2 is AWSCURRENT already; nothing changed.\n`,
      );
    });

    it("refuses a version that is not a usable secret, and changes nothing", async () => {
      given(`{"STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}",}`);
      suite.server.setSecret(ws.secretId, SECRET_STRING);
      const broken = await cli(["rollback"]);
      expect(broken.code).toBe(1);
      expect(linesOf(broken.stderr)).toHaveLength(1);
      expect(broken.stderr).toMatch(
        /^starfleet-secrets: Refusing to roll back to version \S+: it is not a usable secret \(NOT_JSON\): The value of .* line 1, column \d+.* Nothing was changed\./,
      );
      expectNoSecretLeak(broken.stderr, ALL_SECRETS);
      suite.server.setSecret(ws.secretId, '{"NoStarfleet": {}}');
      suite.server.setSecret(ws.secretId, SECRET_STRING);
      const shapeless = await cli(["rollback"]);
      expect(shapeless.code).toBe(1);
      expect(shapeless.stderr).toContain(
        'Refusing to write: after this change, the secret has no "STARFLEET" entry',
      );
      expect(callsFor(suite.server, ws, "UpdateSecretVersionStage")).toEqual([]);
      expect(ws.secret()).toEqual(SECRET_DOCUMENT);
    });

    it("repairs a broken current version", async () => {
      given();
      suite.server.setSecret(ws.secretId, BROKEN);
      const result = await cli(["rollback"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        "  ~ (the whole value): not a usable secret (NOT_JSON) -> object (3 keys)\n",
      );
      expect(result.stdout).toContain("  + STARFLEET: object (1 key)\n");
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
    });

    it("says when there is no version to go back to", async () => {
      given();
      const none = await cli(["rollback"]);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain("has no version labelled AWSPREVIOUS");
      const unknown = await cli(["rollback", "--to", "00000000-0000-4000-8000-000000000000"]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("has no version 00000000-0000-4000-8000-000000000000");
      const malformed = await cli(["rollback", "--to", SECRET_VALUES[0]]);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain("--to must be a version id");
      expectNoSecretLeak(malformed.stderr);
    });
  });

  describe("put", () => {
    it("repairs a secret that is not JSON; check names both routes, with the line and column", async () => {
      given(BROKEN);
      const check = await cli(["check"]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain("(the first syntax error is at line 1, column 18)");
      expect(check.stdout).toContain("`starfleet-secrets rollback` makes the previous version current again");
      expect(check.stdout).toContain("`starfleet-secrets put --from-file FILE` replaces the whole value");
      const set = await cli(["set", "W", "--json", "1"]);
      expect(set.stderr).toContain("Repair it: `starfleet-secrets rollback`");
      const fixed = ws.file("fixed.json", `${JSON.stringify(SECRET_DOCUMENT, null, 2)}\n`);

      const result = await cli(["put", "--from-file", fixed]);

      expect(result.code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(`${JSON.stringify(SECRET_DOCUMENT, null, 2)}\n`);
      expect(result.stdout).toMatch(/^Updated secret .*: version \S+ is now AWSCURRENT\.\n/);
      expect(result.stdout).toContain(
        "~ (the whole value): not a usable secret (NOT_JSON) -> object (3 keys)",
      );
      expectNoSecretLeak(result.stdout + result.stderr, ALL_SECRETS);
      expect((await cli(["check"])).code).toBe(0);
    });

    it("replaces a usable value too, showing the masked diff; --dry-run writes nothing", async () => {
      given();
      const next = JSON.stringify({ STARFLEET: { SlackToken: NEW_TOKEN }, GitHubSyncWorker: {} });
      const dry = await cli(["put", "--stdin", "--dry-run"], { stdin: next });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain("~ STARFLEET.SlackToken: string (27 chars) -> string (31 chars)");
      expect(dry.stdout).toContain("- OtherWorker: object (1 key)");
      expect(ws.secret()).toEqual(SECRET_DOCUMENT);
      expect((await cli(["put", "--stdin"], { stdin: `${next}\n` })).code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(next);
      const same = await cli(["put", "--stdin"], { stdin: next });
      expect(same.stdout).toBe("No change: the secret already has this value; nothing written.\n");
      expectNoSecretLeak(dry.stdout + dry.stderr, ALL_SECRETS);
    });

    it("refuses a value that is not a JSON object before any AWS call, quoting none of it", async () => {
      given();
      const broken = ws.file("broken.json", `{\n  "STARFLEET": {"SlackToken": "${NEW_TOKEN}"},\n}\n`);
      const notJson = await cli(["put", "--from-file", broken]);
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toBe(
        `starfleet-secrets: --from-file ${broken} is not valid JSON (the first syntax error is at line 3, ` +
          "column 1); nothing was sent to AWS.\n",
      );
      const list = await cli(["put", "--stdin"], { stdin: `["${NEW_TOKEN}"]` });
      expect(list.code).toBe(2);
      expect(list.stderr).toContain("stdin is an array, not a JSON object");
      const deep = await cli(["put", "--stdin"], { stdin: `{"a": ${"[".repeat(300)}${"]".repeat(300)}}` });
      expect(deep.stderr).toContain("is nested 301 levels deep");
      expectNoSecretLeak(notJson.stderr + list.stderr, ALL_SECRETS);
      expect(suite.server.calls).toEqual([]);
    });

    it("refuses a value Starfleet could not use, by the rules of every write", async () => {
      given();
      const result = await cli(["put", "--stdin"], { stdin: '{"GitHubSyncWorker": {}}' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Refusing to write: after this change, the secret has no "STARFLEET" entry',
      );
      const noToken = await cli(["put", "--stdin"], { stdin: '{"STARFLEET": {}}' });
      expect(noToken.stderr).toContain("STARFLEET.SlackToken is missing, and Slack is enabled");
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });
  });

  describe("AWS CLI options", () => {
    it("--profile takes the profile's credentials, over the environment's", async () => {
      given();
      const env = {
        AWS_CONFIG_FILE: ws.file("aws-config", "[profile starfleet-ops]\nregion = eu-central-1\n"),
        AWS_SHARED_CREDENTIALS_FILE: ws.file(
          "aws-credentials",
          "[starfleet-ops]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n",
        ),
      };
      const result = await cliWithEnv(["show", "--profile", "starfleet-ops"], env);
      expect(result.code).toBe(0);
      expect(linesOf(result.stderr)[0]).toBe(
        'Note: using the credentials of profile "starfleet-ops" (--profile), not AWS_ACCESS_KEY_ID.',
      );
      expect(result.stderr).not.toContain("WARNING");
      const calls = callsFor(suite.server, ws, "GetSecretValue");
      // AWS_ACCESS_KEY_ID is AKIDTEST, and the profile's region another: the secret's region is kept.
      expect(calls.map(({ accessKeyId, region }) => ({ accessKeyId, region }))).toEqual([
        { accessKeyId: "AKIDPROFILE", region: "us-east-2" },
      ]);
      const unknown = await cliWithEnv(["show", "--profile", "no-such-profile"], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Check that profile "no-such-profile" (--profile) is defined');
      expect(callsFor(suite.server, ws, "GetSecretValue")).toHaveLength(1);
    });

    it("--endpoint-url is where requests go, over AWS_ENDPOINT_URL_SECRETS_MANAGER", async () => {
      given();
      // Port 9 (discard) on loopback refuses connections: AWS_ENDPOINT_URL_SECRETS_MANAGER leads nowhere.
      const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: "http://127.0.0.1:9" };
      const unreachable = await cliWithEnv(["show"], env);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain("127.0.0.1:9");
      // Worded for the operator: the CLI's flag and variable, not the library's options or Lambda's VPC.
      // (In jest's realm the SDK wraps the socket error, which then reads as an unknown failure.)
      if (mode === "child process") {
        expect(unreachable.stderr).toContain("Check that the endpoint is right (--endpoint-url,");
      }
      expect(unreachable.stderr).not.toContain("awsClientOptions");
      const result = await cliWithEnv(["show", "--endpoint-url", suite.server.endpoint], env);
      expect(result.code).toBe(0);
      expect(callsFor(suite.server, ws, "GetSecretValue")).toHaveLength(1);
      const invalid = await cli(["show", "--endpoint-url", SECRET_VALUES[0]]);
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain("--endpoint-url must be an http or https URL");
      expectNoSecretLeak(invalid.stderr);
      expect((await cli(["show", "--endpoint-url", "ftp://127.0.0.1/"])).code).toBe(2);
    });
  });

  describe("without a configuration folder", () => {
    function elsewhere(): string {
      const dir = path.join(ws.dir, "elsewhere");
      mkdirSync(dir, { recursive: true });
      return dir;
    }

    it("works from --secret-id and --region, skips the Slack rules and says so", async () => {
      given('{"STARFLEET": {}}');
      const options = { env: { STARFLEET_CONFIG_DIR: undefined }, cwd: elsewhere() };
      const target = ["--secret-id", ws.secretId, "--region", "us-east-2"];
      const check = await cli(["check", ...target], options);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(
        /^Configuration: none \(--secret-id and --region given, no configuration folder\): the Slack token rule/,
      );
      expect(
        JSON.parse((await cli(["check", "--json", ...target], options)).stdout).configuration,
      ).toBeNull();
      const set = await cli(["set", "W", "--json", "1", ...target], options);
      expect(set.code).toBe(0);
      expect(set.stderr).toContain("so the Slack token rule (STARFLEET.SlackEnabled) was not checked");
      // With the configuration (Slack enabled), the same secret fails check.
      expect((await cli(["check"])).code).toBe(1);
    });

    it("names the CLI's flags and variables, not the library's API, when it needs one", async () => {
      given();
      const options = { env: { STARFLEET_CONFIG_DIR: undefined }, cwd: elsewhere() };
      const result = await cli(["show", "--secret-id", ws.secretId], options);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("works without one when given both --secret-id and --region");
      expect(result.stderr).toContain("--config DIR or STARFLEET_CONFIG_DIR");
      expect(result.stderr).not.toContain("loadStarfleetConfig");
      // A folder named explicitly must be there.
      const named = await cli(
        ["show", "--secret-id", ws.secretId, "--region", "us-east-2", "--config", "nope"],
        options,
      );
      expect(named.code).toBe(2);
      expect(named.stderr).toContain("(from --config) does not exist");
    });
  });
});
