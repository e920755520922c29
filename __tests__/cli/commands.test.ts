/**
 * What operators rely on, command by command, against the local Secrets Manager-compatible endpoint.
 */
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

const NEW_KEY_BODY = "MIIEowIBAAKCAQEA-NewKey-SeCrEtBoDy-0123456789abcdef";
const NEW_PEM = `-----BEGIN RSA PRIVATE KEY-----\n${NEW_KEY_BODY}\nsecond+line+of+the+key/SeCrEt==\n-----END RSA PRIVATE KEY-----\n`;
const NEW_TOKEN = "xoxb-9999-new-slack-SeCrEtToKeN";
const ALL_SECRETS = [...SECRET_VALUES, NEW_KEY_BODY, NEW_TOKEN];

const suite = useCliTestServer({ cliBuilt: true, inProcessAws: true, resetEachTest: true });

describe.each(RUNNERS)("%s", (_mode, runnerFor) => {
  let ws: Workspace;
  let cli: CliRunner;

  /** A fresh workspace whose secret holds `secret` (SECRET_STRING by default; `null` for none). */
  function given(secret: string | null = SECRET_STRING, options: { slackEnabled?: boolean } = {}): void {
    ws = createWorkspace(suite.server, { ...(secret === null ? {} : { secret }), ...options });
    cli = runnerFor(ws);
  }

  describe("init", () => {
    it('creates the secret as {"STARFLEET": {}} in the configured region', async () => {
      given(null);
      const result = await cli(["init"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `Created secret "${ws.secretId}" in us-east-2 with the value {"STARFLEET": {}}`,
      );
      expect(ws.secret()).toEqual({ STARFLEET: {} });
      // AWS_REGION is eu-west-1: the region came from STARFLEET.SecretsManager.SecretRegion.
      expect(callsFor(suite.server, ws, "CreateSecret").map((call) => call.region)).toEqual(["us-east-2"]);
    });

    it("never overwrites an existing secret", async () => {
      given(null);
      expect((await cli(["init"])).code).toBe(0);
      suite.server.setSecret(ws.secretId, SECRET_STRING);
      const again = await cli(["init"]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        `Secret "${ws.secretId}" already exists in us-east-2; left it unchanged.`,
      );
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });

    it("encrypts with the customer-managed key given", async () => {
      given(null);
      expect((await cli(["init", "--kms-key-id", "alias/starfleet"])).code).toBe(0);
      expect(callsFor(suite.server, ws, "CreateSecret")[0]?.body.KmsKeyId).toBe("alias/starfleet");
    });
  });

  describe("policy", () => {
    it("grants GetSecretValue on the exact ARN from DescribeSecret", async () => {
      given();
      const result = await cli(["policy"]);
      expect(result.code).toBe(0);
      const policy = JSON.parse(result.stdout);
      expect(policy).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadStarfleetSecret",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: expect.stringMatching(
              new RegExp(
                `^arn:aws:secretsmanager:us-east-2:123456789012:secret:${ws.secretId}-[A-Za-z0-9]{6}$`,
              ),
            ),
          },
        ],
      });
      expect(result.stderr).toBe("");
    });

    it("falls back to NAME-?????? with --account when DescribeSecret is denied", async () => {
      given();
      suite.server.injectFault({ kind: "access-denied", operation: "DescribeSecret", times: 2 });
      const result = await cli(["policy", "--account", "210987654321"]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).Statement).toEqual([
        {
          Sid: "ReadStarfleetSecret",
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: `arn:aws:secretsmanager:us-east-2:210987654321:secret:${ws.secretId}-??????`,
        },
      ]);
      expect(result.stderr).toContain("DescribeSecret could not be read (AccessDeniedException)");
      expect(result.stderr).toContain("kms:Decrypt");
      const withoutAccount = await cli(["policy"]);
      expect(withoutAccount.code).toBe(2);
      expect(linesOf(withoutAccount.stderr)).toHaveLength(1);
      expect(withoutAccount.stderr).toContain("pass --account ID");
      expect(withoutAccount.stdout).toBe("");
    });

    it("refuses to build a Resource from a name with a wildcard, which would grant other secrets", async () => {
      given();
      const result = await cli(["policy", "--account", "210987654321", "--secret-id", "Star*"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("holds a wildcard");
      expect(result.stdout).toBe("");
    });

    it("adds kms:Decrypt only for a customer-managed key", async () => {
      const keyArn = "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      given();
      suite.server.setSecret(ws.secretId, { kmsKeyId: keyArn });
      const withKey = JSON.parse((await cli(["policy"])).stdout);
      expect(withKey.Statement).toHaveLength(2);
      expect(withKey.Statement[1]).toEqual({
        Sid: "DecryptStarfleetSecret",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: keyArn,
      });
      suite.server.setSecret(ws.secretId, { kmsKeyId: "alias/aws/secretsmanager" });
      expect(JSON.parse((await cli(["policy"])).stdout).Statement).toHaveLength(1);
      suite.server.setSecret(ws.secretId, { kmsKeyId: "alias/starfleet" });
      expect(JSON.parse((await cli(["policy"])).stdout).Statement[1]).toEqual({
        Sid: "DecryptStarfleetSecret",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: "arn:aws:kms:us-east-2:123456789012:key/*",
        Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/starfleet" } },
      });
      suite.server.setSecret(ws.secretId, { kmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
      expect(JSON.parse((await cli(["policy"])).stdout).Statement[1].Resource).toBe(keyArn);
    });
  });

  describe("policy --resource-policy", () => {
    const WORKER_ROLE = "arn:aws:iam::123456789012:role/GitHubSyncWorkerRole";
    const OPERATOR_ROLE =
      "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/us-east-2/AWSReservedSSO_StarfleetOperator_0123456789abcdef";

    it("lets exactly the named roles read the secret and denies every other principal", async () => {
      given();
      const result = await cli([
        "policy",
        "--resource-policy",
        "--role",
        WORKER_ROLE,
        `--role=${OPERATOR_ROLE}`,
        "--role",
        WORKER_ROLE,
      ]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      // The whole of stdout is the document, ready for put-resource-policy --resource-policy file://...
      expect(result.stdout.endsWith("}\n")).toBe(true);
      const roles = [WORKER_ROLE, OPERATOR_ROLE];
      expect(JSON.parse(result.stdout)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "NamedRolesReadTheSecret",
            Effect: "Allow",
            Principal: { AWS: roles },
            Action: "secretsmanager:GetSecretValue",
            Resource: "*",
          },
          {
            Sid: "NoOtherPrincipalReadsTheSecret",
            Effect: "Deny",
            Principal: "*",
            Action: "secretsmanager:GetSecretValue",
            Resource: "*",
            // Negated over a list: denied unless the caller's role is one of them.
            Condition: { ArnNotEquals: { "aws:PrincipalArn": roles } },
          },
        ],
      });
    });

    it("needs neither the configuration nor AWS", async () => {
      given();
      const result = await cli(["policy", "--resource-policy", "--role", WORKER_ROLE], {
        env: { STARFLEET_CONFIG_DIR: `${ws.dir}/no-such-folder`, AWS_ACCESS_KEY_ID: undefined },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"]).toEqual([
        WORKER_ROLE,
      ]);
      expect(suite.server.calls).toEqual([]);
    });

    it("keeps each role's partition", async () => {
      given();
      const govRoles = [
        "arn:aws-us-gov:iam::123456789012:role/service-role/GitHubSyncWorkerRole",
        "arn:aws-us-gov:iam::123456789012:role/Operator",
      ];
      const result = await cli([
        "policy",
        "--resource-policy",
        ...govRoles.flatMap((arn) => ["--role", arn]),
      ]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).Statement[0].Principal.AWS).toEqual(govRoles);
    });
  });

  describe("set", () => {
    it("stores a PEM file with its real newlines and keeps every other entry", async () => {
      given();
      const pem = ws.file("my-org.private-key.pem", NEW_PEM);
      const result = await cli(["set", "GitHubSyncWorker", "my-org", "--from-file", pem]);
      expect(result.code).toBe(0);
      expect(ws.secret()).toEqual({
        ...SECRET_DOCUMENT,
        GitHubSyncWorker: { "my-org": NEW_PEM },
      });
      const stored = suite.server.getSecretString(ws.secretId) as string;
      expect(JSON.parse(stored).GitHubSyncWorker["my-org"].split("\n")).toHaveLength(5);
      expect(result.stdout).toContain(
        `~ GitHubSyncWorker.my-org: string (${SECRET_DOCUMENT.GitHubSyncWorker["my-org"].length} chars) -> string (${NEW_PEM.length} chars)`,
      );
      expectNoSecretLeak(result.stdout + result.stderr, ALL_SECRETS);
    });

    it("adds a key inside an entry, and an entry, keeping the others in order", async () => {
      given();
      const pem = ws.file("other.pem", NEW_PEM);
      expect((await cli(["set", "GitHubSyncWorker", "my-other-org", "--from-file", pem])).code).toBe(0);
      expect((await cli(["set", "NewWorker", "apiKey", "--from-file", pem])).code).toBe(0);
      const secret = ws.secret() as Record<string, Record<string, string>>;
      expect(Object.keys(secret)).toEqual(["STARFLEET", "GitHubSyncWorker", "OtherWorker", "NewWorker"]);
      expect(secret.GitHubSyncWorker).toEqual({
        "my-org": SECRET_DOCUMENT.GitHubSyncWorker["my-org"],
        "my-other-org": NEW_PEM,
      });
      expect(secret.NewWorker).toEqual({ apiKey: NEW_PEM });
    });

    it("set STARFLEET SlackToken --stdin stores the token without the newline echo adds", async () => {
      given();
      const result = await cli(["set", "STARFLEET", "SlackToken", "--stdin"], { stdin: `${NEW_TOKEN}\n` });
      expect(result.code).toBe(0);
      expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, STARFLEET: { SlackToken: NEW_TOKEN } });
      expect(result.stdout).toContain("~ STARFLEET.SlackToken: string (27 chars) -> string (31 chars)");
      expectNoSecretLeak(result.stdout + result.stderr, ALL_SECRETS);
    });

    it("--json parses the value, and numbers elsewhere keep their exact text", async () => {
      given('{"STARFLEET":{},"Numbers":{"appId":12345678901234567890,"ratio":1.0,"exp":1e3}}');
      const result = await cli([
        "set",
        "SecurityGroupWorker",
        "--json",
        '{"TicketingUser": "starfleet-sg-bot", "Retries": 3}',
      ]);
      expect(result.code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(
        '{"STARFLEET":{},"Numbers":{"appId":12345678901234567890,"ratio":1.0,"exp":1e3},' +
          '"SecurityGroupWorker":{"TicketingUser":"starfleet-sg-bot","Retries":3}}',
      );
      expect(result.stdout).toContain("+ SecurityGroupWorker: object (2 keys)");
    });

    it("keeps an indented secret indented", async () => {
      given(`${JSON.stringify(SECRET_DOCUMENT, null, 4)}\n`);
      expect((await cli(["set", "OtherWorker", "user", "--json", '"bot"'])).code).toBe(0);
      const expected = { ...SECRET_DOCUMENT, OtherWorker: { ...SECRET_DOCUMENT.OtherWorker, user: "bot" } };
      expect(suite.server.getSecretString(ws.secretId)).toBe(`${JSON.stringify(expected, null, 4)}\n`);
    });

    it("--dry-run writes nothing and shows a masked diff", async () => {
      given();
      const pem = ws.file("key.pem", NEW_PEM);
      const result = await cli(["set", "GitHubSyncWorker", "my-org", "--from-file", pem, "--dry-run"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Dry run: would change secret ".*" in us-east-2 \(version [0-9a-f-]{36}\); nothing written\.\n/,
      );
      expect(result.stdout).toContain("~ GitHubSyncWorker.my-org: string (");
      expectNoSecretLeak(result.stdout + result.stderr, ALL_SECRETS);
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });

    it("setting the value already there writes nothing", async () => {
      given();
      const result = await cli(["set", "OtherWorker", "password", "--stdin"], { stdin: SECRET_VALUES[2] });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        "No change: OtherWorker.password already has this value; nothing written.\n",
      );
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });

    it("refuses a result Starfleet could not use, and writes nothing", async () => {
      given();
      for (const args of [
        ["set", "STARFLEET", "--json", '"x"'],
        ["set", "STARFLEET", "SlackToken", "--json", "42"],
        ["set", "STARFLEET", "SlackToken", "--json", '""'],
      ]) {
        const result = await cli(args);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^starfleet-secrets: Refusing to write: after this change, .*Nothing was written\.\n$/,
        );
      }
      // Within the limit alone, over it with the entries already there.
      const tooBig = ws.file("big.txt", "x".repeat(65_500));
      const big = await cli(["set", "Big", "--from-file", tooBig]);
      expect(big.code).toBe(1);
      expect(big.stderr).toContain("over Secrets Manager's limit of 65536");
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });

    it("refuses a KEY inside an entry that is not an object", async () => {
      given('{"STARFLEET":{},"Plain":"a-string-value"}');
      const result = await cli(["set", "Plain", "key", "--json", "1"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Entry "Plain" is a string, not an object, so it has no key "key"');
      expectNoSecretLeak(result.stderr, ["a-string-value"]);
    });

    it("lets a new secret be filled one entry at a time before the Slack token is set", async () => {
      given('{"STARFLEET": {}}');
      expect((await cli(["set", "GitHubSyncWorker", "--json", "{}"])).code).toBe(0);
      expect((await cli(["check"])).code).toBe(1);
    });
  });

  describe("file and stdin values", () => {
    it("refuses an unreadable, empty or binary file, and empty stdin, before any AWS call", async () => {
      given();
      const missing = await cli(["set", "W", "--from-file", "no-such.pem"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("--from-file: cannot read no-such.pem (ENOENT)");
      const empty = await cli(["set", "W", "--from-file", ws.file("empty.pem", "")]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain("is empty");
      const binary = await cli([
        "set",
        "W",
        "--from-file",
        ws.file("key.der", Buffer.from([0x30, 0x82, 0xff, 0xfe])),
      ]);
      expect(binary.code).toBe(2);
      expect(binary.stderr).toContain("is not UTF-8 text");
      const noStdin = await cli(["set", "W", "--stdin"], { stdin: "\n" });
      expect(noStdin.code).toBe(2);
      expect(noStdin.stderr).toContain("nothing was read from stdin");
      expect(callsFor(suite.server, ws, "GetSecretValue")).toEqual([]);
    });

    it("stops reading a file or stdin past Secrets Manager's 65,536 bytes, before any AWS call", async () => {
      given();
      const tooLarge = NEW_TOKEN.repeat(Math.ceil(65_537 / NEW_TOKEN.length));
      for (const [args, options] of [
        [["set", "W", "--from-file", ws.file("huge.pem", tooLarge)], {}],
        // Endless: read to its end, it would fill the memory.
        [["set", "W", "--from-file", "/dev/zero"], {}],
        [["set", "W", "--stdin"], { stdin: tooLarge }],
      ] as const) {
        const result = await cli(args, options);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/is larger than Secrets Manager's limit of 65536 bytes/);
        expectNoSecretLeak(`${result.stdout}${result.stderr}`, ALL_SECRETS);
      }
      expect(callsFor(suite.server, ws, "GetSecretValue")).toEqual([]);
    });
  });

  describe("unset", () => {
    it("removes an entry, or a key inside one, and nothing else", async () => {
      given();
      const entry = await cli(["unset", "OtherWorker"]);
      expect(entry.code).toBe(0);
      expect(entry.stdout).toContain("- OtherWorker: object (1 key)");
      const { OtherWorker: _removed, ...rest } = SECRET_DOCUMENT;
      expect(ws.secret()).toEqual(rest);
      const key = await cli(["unset", "GitHubSyncWorker", "my-org"]);
      expect(key.code).toBe(0);
      expect(key.stdout).toContain("- GitHubSyncWorker.my-org: string (");
      expect(ws.secret()).toEqual({ ...rest, GitHubSyncWorker: {} });
      expectNoSecretLeak(entry.stdout + key.stdout);
    });

    it("refuses to remove STARFLEET, or the Slack token while Slack is enabled", async () => {
      given();
      const framework = await cli(["unset", "STARFLEET"]);
      expect(framework.code).toBe(1);
      expect(framework.stderr).toContain('after this change, the secret has no "STARFLEET" entry');
      const token = await cli(["unset", "STARFLEET", "SlackToken"]);
      expect(token.code).toBe(1);
      expect(token.stderr).toContain("STARFLEET.SlackToken is missing, and Slack is enabled");
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
      expect(callsFor(suite.server, ws, "PutSecretValue")).toEqual([]);
    });

    it("removes the Slack token when Slack is disabled", async () => {
      given(SECRET_STRING, { slackEnabled: false });
      expect((await cli(["unset", "STARFLEET", "SlackToken"])).code).toBe(0);
      expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, STARFLEET: {} });
    });

    it("says so, with exit status 1, when there is nothing to remove", async () => {
      given();
      const entry = await cli(["unset", "NoSuchWorker"]);
      expect(entry.code).toBe(1);
      expect(entry.stderr).toContain(
        'Nothing to remove: the secret has no entry "NoSuchWorker" (entries: "STARFLEET", "GitHubSyncWorker", "OtherWorker")',
      );
      const key = await cli(["unset", "OtherWorker", "nope", "--dry-run"]);
      expect(key.code).toBe(1);
      expect(key.stderr).toContain('Nothing to remove: entry "OtherWorker" has no key "nope"');
    });

    it("--dry-run shows the removal and writes nothing", async () => {
      given();
      const result = await cli(["unset", "GitHubSyncWorker", "--dry-run"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("- GitHubSyncWorker: object (1 key)");
      expect(suite.server.getSecretString(ws.secretId)).toBe(SECRET_STRING);
    });
  });

  describe("show", () => {
    it("masks every value and keeps the structure", async () => {
      given(
        '{"STARFLEET":{"SlackToken":"xoxb-4711-slack-SeCrEtToKeN"},"W":{"list":["0ther-w0rker-pa55w0rd-SeCrEt",7,true,null]}}',
      );
      const result = await cli(["show"]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        STARFLEET: { SlackToken: "<string (27 chars)>" },
        W: { list: ["<string (28 chars)>", "<number>", "<boolean>", "<null>"] },
      });
      expect(result.stderr).toMatch(/values masked \(--reveal prints them\)/);
      expectNoSecretLeak(result.stdout + result.stderr);
    });

    it("shows one entry, and fails for an entry that is not there", async () => {
      given();
      const entry = await cli(["show", "GitHubSyncWorker"]);
      const length = SECRET_DOCUMENT.GitHubSyncWorker["my-org"].length;
      expect(JSON.parse(entry.stdout)).toEqual({ "my-org": `<string (${length} chars)>` });
      expectNoSecretLeak(entry.stdout + entry.stderr);
      const missing = await cli(["show", "Nope"]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('The secret has no entry "Nope"');
    });

    it("--reveal prints the values", async () => {
      given();
      const result = await cli(["show", "--reveal"]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(SECRET_DOCUMENT);
      // stdout is a pipe here, not a terminal: no warning.
      expect(result.stderr).not.toContain("Warning");
      const entry = await cli(["show", "OtherWorker", "--reveal"]);
      expect(JSON.parse(entry.stdout)).toEqual(SECRET_DOCUMENT.OtherWorker);
    });
  });

  describe("check", () => {
    it("passes (exit 0) and lists entries and types, never values", async () => {
      given();
      const result = await cli(["check", "--worker", "GitHubSyncWorker", "--worker", "OtherWorker"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Configuration: ${ws.configDir} (valid)`);
      expect(result.stdout).toMatch(/^ {2}STARFLEET {9}object \(1 key\)$/m);
      expect(result.stdout).toMatch(/^ {2}GitHubSyncWorker {2}present$/m);
      expect(result.stdout).toMatch(/check passed\n$/);
      expectNoSecretLeak(result.stdout + result.stderr);
    });

    it("fails (exit 1) for a missing worker", async () => {
      given();
      const result = await cli(["check", "--worker", "GitHubSyncWorker", "--worker", "SecurityGroupWorker"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^ {2}SecurityGroupWorker {2}MISSING$/m);
      expect(result.stdout).toContain('[WORKER_MISSING] the secret has no entry "SecurityGroupWorker"');
      expect(result.stdout).toMatch(/check failed: 1 problem\n$/);
      const nearMiss = await cli(["check", "--worker", "githubSyncWorker"]);
      expect(nearMiss.stdout).toContain('has no entry "githubSyncWorker"; did you mean "GitHubSyncWorker"?');
      expectNoSecretLeak(nearMiss.stdout + nearMiss.stderr);
    });

    it("fails (exit 1) for a secret that is not JSON, without printing any of it", async () => {
      const broken = `{"STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}",}, "GitHubSyncWorker": "${SECRET_VALUES[1]}"`;
      given(broken);
      const result = await cli(["check"]);
      expect(result.code).toBe(1);
      const position = `line 1, column ${broken.indexOf(",}") + 2}`;
      expect(result.stdout).toContain(
        `  - [NOT_JSON] The value of secret "${ws.secretId}" in us-east-2 is not valid JSON (the first syntax error is at ${position})`,
      );
      expect(result.stdout).not.toContain("[NOT_JSON] [NOT_JSON]");
      const json = await cli(["check", "--json"]);
      expect(JSON.parse(json.stdout).problems).toEqual([
        {
          code: "NOT_JSON",
          message: expect.stringMatching(/^The value of secret .* is not valid JSON \(the first/),
        },
      ]);
      expectNoSecretLeak(result.stdout + result.stderr + json.stdout + json.stderr);
      for (const args of [
        ["show"],
        ["show", "--reveal"],
        ["set", "W", "--json", "1"],
        ["unset", "GitHubSyncWorker"],
      ]) {
        const other = await cli(args);
        expect(other.code).toBe(1);
        expect(other.stderr).toContain(`[NOT_JSON] The value of secret "${ws.secretId}"`);
        expect(other.stderr).toContain(position);
        expect(linesOf(other.stderr)).toHaveLength(1);
        expectNoSecretLeak(other.stdout + other.stderr);
      }
      expect(suite.server.getSecretString(ws.secretId)).toBe(broken);
    });

    it("fails (exit 1) when Slack is enabled and SlackToken is not a string", async () => {
      given('{"STARFLEET": {"SlackToken": 12345}}');
      const result = await cli(["check"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        "[SLACK_TOKEN_NOT_A_STRING] STARFLEET.SlackToken is a number, not a string",
      );
      given('{"STARFLEET": {"SlackToken": 12345}}', { slackEnabled: false });
      expect((await cli(["check"])).code).toBe(0);
    });

    it("fails for a secret without a STARFLEET object, or that is not an object", async () => {
      given("{}");
      const empty = await cli(["check"]);
      expect(empty.code).toBe(1);
      expect(empty.stdout).toContain("Entries (0):\nProblems (1):\n  - [STARFLEET_MISSING]");
      given('{"STARFLEET": []}');
      expect((await cli(["check"])).stdout).toContain(
        '[STARFLEET_NOT_AN_OBJECT] "STARFLEET" is an array, not an object',
      );
      given("[1, 2]");
      expect((await cli(["check"])).stdout).toContain("[NOT_AN_OBJECT]");
    });

    it("--json prints a machine-readable report", async () => {
      given();
      const result = await cli(["check", "--json", "--worker", "GitHubSyncWorker", "--worker", "Missing"]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual({
        ok: false,
        secretId: ws.secretId,
        region: "us-east-2",
        configuration: ws.configDir,
        entries: [
          { name: "STARFLEET", type: "object" },
          { name: "GitHubSyncWorker", type: "object" },
          { name: "OtherWorker", type: "object" },
        ],
        workers: [
          { name: "GitHubSyncWorker", present: true },
          { name: "Missing", present: false },
        ],
        problems: [{ code: "WORKER_MISSING", message: expect.stringContaining('no entry "Missing"') }],
      });
      const ok = await cli(["check", "--json"]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, problems: [] });
    });

    it("reports a secret that does not exist (exit 1), pointing at init", async () => {
      given(null);
      const result = await cli(["check", "--json", "--worker", "GitHubSyncWorker"]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual({
        ok: false,
        secretId: ws.secretId,
        region: "us-east-2",
        configuration: ws.configDir,
        entries: [],
        workers: [{ name: "GitHubSyncWorker", present: null }],
        problems: [{ code: "NOT_FOUND", message: expect.stringContaining("`starfleet-secrets init`") }],
      });
      const human = await cli(["check", "--worker", "GitHubSyncWorker"]);
      expect(human.stdout).toMatch(/^ {2}GitHubSyncWorker {2}unknown$/m);
      expect(human.stdout).not.toContain("Entries");
    });
  });

  describe("AWS failures", () => {
    it("explain themselves in one line, without a stack trace", async () => {
      given();
      suite.server.injectFault({ kind: "access-denied", secretId: ws.secretId });
      const denied = await cli(["set", "W", "--json", "1"]);
      expect(denied.code).toBe(1);
      expect(linesOf(denied.stderr)).toHaveLength(1);
      expect(denied.stderr).toMatch(
        /^starfleet-secrets: Access denied: GetSecretValue on secret ".*" in us-east-2: User: .* is not authorized/,
      );
      suite.server.injectFault({ kind: "decryption-failure", secretId: ws.secretId });
      const undecryptable = await cli(["show"]);
      expect(undecryptable.stderr).toContain("could not decrypt");
      suite.server.injectFault({
        kind: "internal",
        operation: "PutSecretValue",
        times: Number.POSITIVE_INFINITY,
      });
      const failing = await cli(["set", "W", "--json", "1"]);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain("PutSecretValue failed for secret");
      expect(failing.stderr).toContain("InternalServiceError");
      expect(failing.stderr).not.toMatch(/\n\s+at /);
      suite.server.clearFaults();
      expect(ws.secret()).toEqual(SECRET_DOCUMENT);
    });

    it("a secret nested deeper than the tool handles is refused with a clear error, not a crash", async () => {
      // Valid JSON that workers read fine, 3,000 levels deep in 6 kB.
      const deep = `${"[".repeat(3_000)}"${NEW_TOKEN}"${"]".repeat(3_000)}`;
      given(`{"STARFLEET": {"SlackToken": "${SECRET_VALUES[0]}"}, "Deep": ${deep}}`);
      for (const args of [
        ["show"],
        ["check"],
        ["check", "--json"],
        ["set", "W", "--json", "1", "--dry-run"],
      ]) {
        const result = await cli(args);
        expect(result.code).toBe(1);
        expect(`${result.stdout}${result.stderr}`).toContain("is nested 3001 levels deep");
        expect(result.stderr).not.toContain("unexpected error");
        expectNoSecretLeak(`${result.stdout}${result.stderr}`, ALL_SECRETS);
      }
      const deepValue = await cli(["set", "W", "--json", deep]);
      expect(deepValue.code).toBe(2);
      expect(deepValue.stderr).toContain("--json: the value is nested 3000 levels deep");
      expectNoSecretLeak(deepValue.stderr, ALL_SECRETS);
    });

    it("a secret saved with a byte order mark is read, and written back without it", async () => {
      given(`\uFEFF${SECRET_STRING}`);
      const shown = await cli(["show"]);
      expect(shown.code).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ STARFLEET: { SlackToken: expect.any(String) } });
      expectNoSecretLeak(`${shown.stdout}${shown.stderr}`, ALL_SECRETS);
      expect((await cli(["set", "W", "--json", "1"])).code).toBe(0);
      expect(suite.server.getSecretString(ws.secretId)).toBe(JSON.stringify({ ...SECRET_DOCUMENT, W: 1 }));
    });

    it("a response that is not JSON is reported without any of its text", async () => {
      given();
      for (const args of [["show"], ["set", "W", "--json", "1"], ["check", "--json"]]) {
        suite.server.injectFault({ kind: "malformed", secretId: ws.secretId });
        const result = await cli(args);
        expect(result.code).toBe(1);
        expect(`${result.stdout}${result.stderr}`).toContain("could not be parsed (SyntaxError)");
        // The parser's message points into the body, and can quote it: none of it is printed.
        expect(`${result.stdout}${result.stderr}`).not.toMatch(/in JSON|\$response/);
        expectNoSecretLeak(`${result.stdout}${result.stderr}`, ALL_SECRETS);
      }
      expect(ws.secret()).toEqual(SECRET_DOCUMENT);
    });
  });
});
