/**
 * `starfleet-secrets local`: the secret served on 127.0.0.1 for workers and the CLI, as a worker author runs
 * it: in a child process stopped with Ctrl-C (SIGINT) or SIGTERM, and in process for coverage.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { GetSecretValueCommand, ListSecretVersionIdsCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { outputOf } from "../support/child-output.js";
import { expectNoSecretLeak, SECRET_STRING, SECRET_VALUES } from "../support/fixtures.js";
import { useLocalClients } from "../support/local-clients.js";
import { assertCliBuilt, CLI_PATH, linesOf, spawnCli, starfleetYaml } from "./harness.js";

const ENDPOINT_LINE = /^AWS_ENDPOINT_URL_SECRETS_MANAGER=(http:\/\/127\.0\.0\.1:(\d+))$/;

/** A project folder with a Starfleet configuration naming `secretId` in us-east-2. */
interface Project {
  readonly dir: string;
  readonly secretId: string;
  /** The environment of every process: nothing of the developer's AWS setup. */
  readonly env: Record<string, string>;
  file(name: string, contents: string | Buffer): string;
}

const roots: string[] = [];
let counter = 0;

function project(options: { slackEnabled?: boolean; yaml?: string } = {}): Project {
  counter += 1;
  const secretId = `Starfleet-local-${counter}`;
  const dir = mkdtempSync(path.join(tmpdir(), "starfleet-local-"));
  roots.push(dir);
  mkdirSync(path.join(dir, "configuration_files"));
  writeFileSync(
    path.join(dir, "configuration_files", "starfleet.yaml"),
    options.yaml ?? starfleetYaml(secretId, options.slackEnabled ?? false),
  );
  return {
    dir,
    secretId,
    env: {
      PATH: process.env.PATH ?? "",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "eu-west-1",
      AWS_CONFIG_FILE: path.join(dir, "no-aws-config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-aws-credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
    },
    file(name, contents) {
      const file = path.join(dir, name);
      writeFileSync(file, contents);
      return file;
    },
  };
}

/** A running `local`, however it was started. */
interface Running {
  readonly endpoint: string;
  readonly port: number;
  output(): { stdout: string; stderr: string };
  /** Stops it as Ctrl-C or `kill` would; resolves with the exit status. */
  stop(signal?: "SIGINT" | "SIGTERM"): Promise<number | null>;
}

type Starter = (work: Project, args: readonly string[]) => Promise<Running>;

async function waitFor<T>(read: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function endpointIn(stdout: string): { endpoint: string; port: number } | undefined {
  const match = ENDPOINT_LINE.exec(linesOf(stdout)[0] ?? "");
  return match ? { endpoint: match[1] as string, port: Number(match[2]) } : undefined;
}

type Output = () => { stdout: string; stderr: string };

/** Where `local` serves, once it has said so; fails if it ends first. */
function serving(output: Output, ended: () => boolean): Promise<{ endpoint: string; port: number }> {
  return waitFor(() => {
    const { stdout, stderr } = output();
    if (ended()) throw new Error(`local exited early:\n${stdout}${stderr}`);
    return endpointIn(stdout);
  }, "the endpoint line");
}

/** The io of an in-process run, printing into strings. */
function bufferIo(work: Project, waitForStop: () => Promise<string>): { io: CliIo; output: Output } {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
    env: work.env,
    isTTY: { stdout: false },
    cwd: work.dir,
    waitForStop,
  };
  return { io, output: () => ({ stdout, stderr }) };
}

const children = new Set<ChildProcess>();

const inChild: Starter = async (work, args) => {
  const child = spawn(process.execPath, [CLI_PATH, "local", ...args], {
    cwd: work.dir,
    env: work.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const output = outputOf(child);
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      ended = true;
      resolve(code);
    }),
  );
  return {
    ...(await serving(output, () => ended)),
    output,
    stop(signal = "SIGINT") {
      child.kill(signal);
      return exited;
    },
  };
};

const inProcess: Starter = async (work, args) => {
  let stopWith: (signal: string) => void = () => {};
  const stopRequested = new Promise<string>((resolve) => {
    stopWith = resolve;
  });
  const { io, output } = bufferIo(work, () => stopRequested);
  let ended = false;
  const done = runCli(["local", ...args], io).finally(() => {
    ended = true;
  });
  return {
    ...(await serving(output, () => ended)),
    output,
    stop(signal = "SIGINT") {
      stopWith(signal);
      return done;
    },
  };
};

const localClient = useLocalClients();

/** A client as a worker's would be, pointed at the endpoint that `local` printed. */
const clientFor = (running: Running, region?: string) => localClient(running.endpoint, region);

/** Runs the built CLI against the endpoint, as a second terminal would. */
const cliAgainst = (work: Project, running: Running, args: readonly string[], stdin?: string) =>
  spawnCli(args, { ...work.env, AWS_ENDPOINT_URL_SECRETS_MANAGER: running.endpoint }, work.dir, stdin);

/** Runs `local` where it is expected to fail at once; returns what it printed. */
async function failedRun(work: Project, args: readonly string[]) {
  const { io, output } = bufferIo(work, () => Promise.reject(new Error("local should have failed first")));
  const code = await runCli(["local", ...args], io);
  return { code, ...output() };
}

beforeAll(() => assertCliBuilt());

afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
});

afterAll(() => {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ["child process", inChild],
  ["in process", inProcess],
] as const)("%s", (_mode, start) => {
  it("serves the --seed file as the configured secret, in its region, until Ctrl-C", async () => {
    const work = project();
    work.file("secret.json", SECRET_STRING);
    const running = await start(work, ["--seed", "secret.json", "--port", "0"]);

    const read = await clientFor(running).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(read.SecretString).toBe(SECRET_STRING);
    expect(read.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:us-east-2:\\d{12}:secret:${work.secretId}-`),
    );
    // AWS_REGION is eu-west-1: a client signed there does not see a us-east-2 secret, as on AWS.
    const elsewhere = await clientFor(running, "eu-west-1")
      .send(new GetSecretValueCommand({ SecretId: work.secretId }))
      .catch((error: Error) => error.name);
    expect(elsewhere).toBe("ResourceNotFoundException");

    expect(await running.stop("SIGINT")).toBe(0);
    const { stdout, stderr } = running.output();
    expect(linesOf(stdout)).toEqual([`AWS_ENDPOINT_URL_SECRETS_MANAGER=http://127.0.0.1:${running.port}`]);
    expect(stderr).toContain(
      `Serving secret "${work.secretId}" in us-east-2, holding secret.json, at http://127.0.0.1:${running.port}`,
    );
    expect(linesOf(stderr)).toEqual(
      expect.arrayContaining([
        `GetSecretValue "${work.secretId}" (us-east-2): ok`,
        `GetSecretValue "${work.secretId}" (eu-west-1): ResourceNotFoundException`,
        "Stopped (SIGINT).",
      ]),
    );
    expectNoSecretLeak(stderr);
  });

  it('serves {"STARFLEET": {}} without --seed, and stops on SIGTERM', async () => {
    const work = project();
    const running = await start(work, ["--port", "0"]);
    const read = await clientFor(running).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(JSON.parse(read.SecretString as string)).toEqual({ STARFLEET: {} });
    expect(await running.stop("SIGTERM")).toBe(0);
    expect(running.output().stderr).toContain("Stopped (SIGTERM).");
  });

  it("stops with the port free again and no request left hanging", async () => {
    const work = project();
    const running = await start(work, ["--port", "0"]);
    expect(await running.stop()).toBe(0);
    const again = await start(work, ["--port", String(running.port)]);
    expect(again.port).toBe(running.port);
    expect(await again.stop()).toBe(0);
  });
});

describe("with the CLI against it", () => {
  it("takes edits from starfleet-secrets, keeps their versions, and never logs a value", async () => {
    const work = project({ slackEnabled: true });
    work.file("secret.json", SECRET_STRING);
    const running = await inChild(work, ["--seed", "secret.json", "--port", "0"]);
    const newToken = "xoxb-1234-new-local-SeCrEtToKeN";

    const set = await cliAgainst(work, running, ["set", "STARFLEET", "SlackToken", "--stdin"], newToken);
    expect(set.code).toBe(0);
    const check = await cliAgainst(work, running, ["check", "--worker", "GitHubSyncWorker"]);
    expect(check.code).toBe(0);
    const read = await clientFor(running).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(JSON.parse(read.SecretString as string).STARFLEET.SlackToken).toBe(newToken);
    const previous = await clientFor(running).send(
      new GetSecretValueCommand({ SecretId: work.secretId, VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous.SecretString).toBe(SECRET_STRING);

    expect(await running.stop()).toBe(0);
    expectNoSecretLeak(running.output().stderr, [...SECRET_VALUES, newToken]);
  });

  it("--secret-id and --region choose the secret, as for every command", async () => {
    const work = project();
    const running = await inChild(work, ["--port", "0", "--secret-id", "Other", "--region", "ap-south-1"]);
    const read = await clientFor(running, "ap-south-1").send(
      new GetSecretValueCommand({ SecretId: "Other" }),
    );
    expect(read.ARN).toMatch(/^arn:aws:secretsmanager:ap-south-1:/);
    const configured = await clientFor(running)
      .send(new GetSecretValueCommand({ SecretId: work.secretId }))
      .catch((error: Error) => error.name);
    expect(configured).toBe("ResourceNotFoundException");
    expect(await running.stop()).toBe(0);
  });

  it("serves a secret the configuration names by ARN under that ARN", async () => {
    const arn = "arn:aws:secretsmanager:us-east-2:111122223333:secret:team/Starfleet-Xy12Ab";
    const work = project({ yaml: starfleetYaml(arn, false) });
    const running = await inProcess(work, ["--port", "0"]);
    const read = await clientFor(running).send(new GetSecretValueCommand({ SecretId: arn }));
    expect({ ARN: read.ARN, Name: read.Name }).toEqual({ ARN: arn, Name: "team/Starfleet" });
    expect(await running.stop()).toBe(0);
  });

  it("says so when the configured ARN is in another region than SecretRegion", async () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:Starfleet-Xy12Ab";
    const work = project({ yaml: starfleetYaml(arn, false) });
    const running = await inProcess(work, ["--port", "0"]);
    const read = await clientFor(running, "eu-west-1").send(new GetSecretValueCommand({ SecretId: arn }));
    expect(read.ARN).toBe(arn);
    expect(await running.stop()).toBe(0);
    expect(running.output().stderr).toContain(
      "Note: the secret's ARN names eu-west-1, not us-east-2: clients signed for us-east-2 will not find it.",
    );
  });

  it("binds 127.0.0.1 only: another loopback address of this machine is refused", async () => {
    const work = project();
    const running = await inProcess(work, ["--port", "0"]);
    // On Linux all of 127.0.0.0/8 is this machine; a server bound to 0.0.0.0 would answer 127.0.0.2.
    const reached = await fetch(`http://127.0.0.2:${running.port}/`, { method: "POST" }).then(
      () => "answered",
      () => "refused",
    );
    expect(reached).toBe("refused");
    expect(await running.stop()).toBe(0);
  });
});

describe("--persist", () => {
  it("keeps every version across a restart, and ignores --seed once the file holds the secret", async () => {
    const work = project();
    work.file("secret.json", SECRET_STRING);
    const args = ["--seed", "secret.json", "--port", "0", "--persist", "state/local.json"];
    mkdirSync(path.join(work.dir, "state"));
    const first = await inChild(work, args);
    expect((await cliAgainst(work, first, ["set", "NewWorker", "--json", '{"a": 1}'])).code).toBe(0);
    expect(await first.stop()).toBe(0);
    const stateFile = path.join(work.dir, "state", "local.json");
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await inProcess(work, args);
    const versions = await clientFor(second).send(
      new ListSecretVersionIdsCommand({ SecretId: work.secretId }),
    );
    expect(versions.Versions?.flatMap((version) => version.VersionStages).sort()).toEqual([
      "AWSCURRENT",
      "AWSPREVIOUS",
    ]);
    const read = await clientFor(second).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(JSON.parse(read.SecretString as string).NewWorker).toEqual({ a: 1 });
    expect(await second.stop()).toBe(0);
    expect(second.output().stderr).toContain(
      `Serving secret "${work.secretId}" in us-east-2, as saved in state/local.json`,
    );
    expect(second.output().stderr).toContain("Note: --seed secret.json was not used");
  });

  it("seeds the configured secret when the file holds only others", async () => {
    const work = project();
    const first = await inProcess(work, ["--port", "0", "--persist", "state.json", "--secret-id", "Other"]);
    expect(await first.stop()).toBe(0);
    const second = await inProcess(work, ["--port", "0", "--persist", "state.json"]);
    const read = await clientFor(second).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(JSON.parse(read.SecretString as string)).toEqual({ STARFLEET: {} });
    const other = await clientFor(second).send(new GetSecretValueCommand({ SecretId: "Other" }));
    expect(JSON.parse(other.SecretString as string)).toEqual({ STARFLEET: {} });
    expect(await second.stop()).toBe(0);
  });

  it("refuses a file it did not write, quoting nothing of it", async () => {
    const work = project();
    const cases: [string, string][] = [
      [`{"token": "${SECRET_VALUES[0]}"`, "it is not JSON"],
      [
        JSON.stringify({ secrets: [] }),
        'its "format" is not "starfleet-secrets-local/1": it was not written by starfleet-secrets local',
      ],
      [
        JSON.stringify({
          format: "starfleet-secrets-local/1",
          secrets: [{ arn: SECRET_VALUES[1], name: "x" }],
        }),
        "secrets[0].arn is not the ARN of a secret named by secrets[0].name",
      ],
    ];
    for (const [text, problem] of cases) {
      work.file("state.json", text);
      const result = await failedRun(work, ["--port", "0", "--persist", "state.json"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--persist: state.json cannot be used: ${problem}.`);
      expectNoSecretLeak(result.stderr);
    }
  });

  it("a file that cannot be read (a folder) is refused", async () => {
    const work = project();
    mkdirSync(path.join(work.dir, "state.json"));
    const result = await failedRun(work, ["--port", "0", "--persist", "state.json"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "starfleet-secrets: --persist: cannot read state.json (EISDIR).\n",
    });
  });

  it("an edit it cannot save is still served, and the log says it is in memory only", async () => {
    const work = project();
    const running = await inProcess(work, ["--port", "0", "--persist", "state.json"]);
    // The file replaced by a folder: writing the new state over it fails.
    rmSync(path.join(work.dir, "state.json"));
    mkdirSync(path.join(work.dir, "state.json", "in-the-way"), { recursive: true });

    expect((await cliAgainst(work, running, ["set", "NewWorker", "--json", "{}"])).code).toBe(0);
    const read = await clientFor(running).send(new GetSecretValueCommand({ SecretId: work.secretId }));
    expect(JSON.parse(read.SecretString as string).NewWorker).toEqual({});
    expect(await running.stop()).toBe(0);
    expect(running.output().stderr).toContain(
      "Could not save to --persist state.json (EISDIR); the change is in memory only.",
    );
  });

  it("fails at start, not at the first edit, when the file cannot be written", async () => {
    const work = project();
    const result = await failedRun(work, ["--port", "0", "--persist", "missing-folder/state.json"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "starfleet-secrets: --persist: cannot write missing-folder/state.json (ENOENT).\n",
    });
  });
});

describe("mistakes", () => {
  let blocker: Server;
  let blockedPort: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    blockedPort = (blocker.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("a port in use: says so and how to choose another", async () => {
    const result = await failedRun(project(), ["--port", String(blockedPort)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `starfleet-secrets: Cannot listen on 127.0.0.1:${blockedPort}: another program (another ` +
        "starfleet-secrets local?) is using it. Choose another port with --port N, or --port 0 for any free one.\n",
    );
  });

  it.each(["abc", "65536", "-1", "1.5", "", "0x10"])("--port %j is a usage error", async (port) => {
    const result = await failedRun(project(), [`--port=${port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^starfleet-secrets: (--port must be a whole number from 0 to 65535|--port needs a value) \(see starfleet-secrets local --help\)\n$/,
    );
  });

  it.each([
    [
      "not JSON",
      `{"STARFLEET": {}, "w": "${SECRET_VALUES[1]}"`,
      /is not JSON \(the first syntax error is at /,
    ],
    ["an array", `["${SECRET_VALUES[1]}"]`, /holds an array, not an object/],
    ["without STARFLEET", `{"w": "${SECRET_VALUES[1]}"}`, /cannot be Starfleet's secret: /],
    // Served, it would leave show, set, put and history unable to read the secret.
    [
      "nested deeper than the other commands handle",
      `{"STARFLEET": {}, "w": ${"[".repeat(300)}"${SECRET_VALUES[1]}"${"]".repeat(300)}}`,
      /is nested 301 levels deep; the other commands handle at most 256/,
    ],
  ])("a --seed that is %s is refused, quoting nothing of it", async (_case, text, message) => {
    const work = project();
    work.file("seed.json", text);
    const result = await failedRun(work, ["--port", "0", "--seed", "seed.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^starfleet-secrets: --seed seed\.json /);
    expectNoSecretLeak(result.stderr);
  });

  it("an unreadable, empty, binary or oversized --seed is refused as --from-file is", async () => {
    const work = project();
    const cases: [string | undefined, Buffer | string, RegExp][] = [
      [undefined, "", /^starfleet-secrets: --seed: cannot read absent\.json \(ENOENT\)\.\n$/],
      ["empty.json", "", /^starfleet-secrets: --seed: empty\.json is empty\.\n$/],
      [
        "binary.json",
        Buffer.from([0xff, 0xfe, 0x00]),
        /^starfleet-secrets: --seed binary\.json is not UTF-8 text\.\n$/,
      ],
      [
        "large.json",
        `{"STARFLEET": {}, "x": "${"a".repeat(70_000)}"}`,
        /larger than Secrets Manager's limit/,
      ],
    ];
    for (const [name, contents, message] of cases) {
      if (name !== undefined) work.file(name, contents);
      const result = await failedRun(work, ["--port", "0", "--seed", name ?? "absent.json"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it("a seed without the Slack token Slack needs is served, with a note saying how to add it", async () => {
    const work = project({ slackEnabled: true });
    work.file("seed.json", '{"STARFLEET": {}}');
    const running = await inProcess(work, ["--port", "0", "--seed", "seed.json"]);
    expect(await running.stop()).toBe(0);
    expect(running.output().stderr).toMatch(/^Note: --seed seed\.json: .*SlackToken.*--stdin`\.$/m);
  });

  it("no configuration: fails as every command does", async () => {
    const work = project();
    rmSync(path.join(work.dir, "configuration_files"), { recursive: true });
    const result = await failedRun(work, ["--port", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/configuration folder .* does not exist/);
  });

  it("--help documents the options and the default port", async () => {
    const { io, output } = bufferIo(project(), () => new Promise(() => {}));
    expect(await runCli(["local", "--help"], io)).toBe(0);
    const { stdout } = output();
    expect(stdout).toMatch(
      /^Usage: starfleet-secrets local \[--seed FILE\] \[--port N\] \[--persist FILE\]$/m,
    );
    expect(stdout).toMatch(/--port N\s+The port \(default 4584; 0 for any free one\)/);
  });
});

it("the state file holds what the endpoint holds", async () => {
  const work = project();
  const running = await inProcess(work, ["--port", "0", "--persist", "state.json"]);
  const saved = JSON.parse(readFileSync(path.join(work.dir, "state.json"), "utf8")) as {
    secrets: { name: string; versions: { secretString: string; stages: string[] }[] }[];
  };
  expect(
    saved.secrets.map(({ name, versions }) => ({ name, versions: versions.map((v) => v.stages) })),
  ).toEqual([{ name: work.secretId, versions: [["AWSCURRENT"]] }]);
  expect(await running.stop()).toBe(0);
});
