/**
 * Runs `starfleet-secrets` for the CLI tests, two ways with one interface: as the built executable in a
 * child process (what operators run: the tests that matter), and as `runCli` in this process (the same
 * scenarios, so jest's coverage sees the code).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach } from "@jest/globals";
import type { Terminal } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run-cli.js";
import {
  type LocalSecretsManager,
  type SecretSeed,
  startLocalSecretsManager,
} from "../../src/local/server.js";
import { outputOf } from "../support/child-output.js";

/** The built executable: `npm test` builds before running jest. */
export const CLI_PATH = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Fails with instructions when dist/ has not been built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_PATH)) {
    throw new Error(
      `${CLI_PATH} does not exist: run \`npm run build\` before the CLI tests (\`npm test\` does).`,
    );
  }
}

/** What one run printed and returned. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a {@link CliRunner}. */
export interface RunOptions {
  readonly stdin?: string | Buffer;
  /** Variables on top of the workspace's environment. `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** In process only: pretend stdout is a terminal. */
  readonly stdoutIsTTY?: boolean;
  /**
   * In process only: stdin is a terminal in raw mode on which these pieces are typed, one per read ("\r" is
   * Enter, "\u0004" Ctrl-D); once they run out, the terminal reads as closed.
   */
  readonly terminalKeys?: readonly string[];
}

/** Runs the CLI with the workspace's configuration and the local Secrets Manager. */
export type CliRunner = (args: readonly string[], options?: RunOptions) => Promise<CliResult>;

let counter = 0;
const roots: string[] = [];

/** A Starfleet configuration as operators write it (values invented), naming `secretId`. */
export function starfleetYaml(secretId: string | undefined, slackEnabled: boolean): string {
  const secretsManager =
    secretId === undefined
      ? ""
      : `  SecretsManager:\n    SecretId: ${secretId}\n    SecretRegion: us-east-2\n`;
  return `STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: starfleet-templates-123456789012
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue
  AccountIndex: StarfleetDefaultAccountIndex
  LogLevel: INFO
${secretsManager}  SlackEnabled: ${slackEnabled}

GitHubSyncWorkerShip:
  Enabled: true
  TemplatePrefix: GitHubSync/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/123456789012/starfleet-github-sync
  InvocationSources:
    - EVENTBRIDGE_TIMED_EVENT
  EventBridgeTimedFrequency: HOURLY
`;
}

/** Options of {@link createWorkspace}. */
export interface WorkspaceOptions {
  /** The secret's initial value; absent: the secret does not exist. */
  readonly secret?: string | SecretSeed;
  /** Default true. */
  readonly slackEnabled?: boolean;
  /** Default true; false leaves STARFLEET.SecretsManager out of the configuration. */
  readonly secretsManager?: boolean;
  /** Replaces the generated configuration file's text. */
  readonly yaml?: string;
}

/** A temporary folder with a configuration naming a secret of its own, so tests do not share state. */
export interface Workspace {
  readonly dir: string;
  readonly configDir: string;
  readonly secretId: string;
  /** The environment a child process gets: nothing of the developer's own AWS setup. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes a file in the workspace; returns its path. */
  file(name: string, contents: string | Buffer): string;
  /** The secret's current value, parsed. */
  secret(): unknown;
}

/**
 * Creates a workspace on `server`.
 *
 * @example
 * ```ts
 * const ws = createWorkspace(server, { secret: SECRET_STRING });
 * await run(ws)(["check"]);
 * ```
 */
export function createWorkspace(server: LocalSecretsManager, options: WorkspaceOptions = {}): Workspace {
  counter += 1;
  const secretId = `Starfleet-${process.pid}-${counter}`;
  const dir = mkdtempSync(path.join(tmpdir(), "starfleet-secrets-cli-"));
  roots.push(dir);
  const configDir = path.join(dir, "configuration_files");
  mkdirSync(configDir);
  const withSecretsManager = options.secretsManager ?? true;
  writeFileSync(
    path.join(configDir, "starfleet.yaml"),
    options.yaml ??
      starfleetYaml(
        withSecretsManager ? secretId : undefined,
        withSecretsManager && (options.slackEnabled ?? true),
      ),
  );
  if (options.secret !== undefined) server.setSecret(secretId, options.secret);
  const env = {
    PATH: process.env.PATH,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "test",
    // Not the secret's region: the region must come from the configuration (or --region).
    AWS_REGION: "eu-west-1",
    AWS_CONFIG_FILE: path.join(dir, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    STARFLEET_CONFIG_DIR: configDir,
  };
  return {
    dir,
    configDir,
    secretId,
    env,
    file(name, contents) {
      const file = path.join(dir, name);
      writeFileSync(file, contents);
      return file;
    },
    secret() {
      const text = server.getSecretString(secretId);
      return text === undefined ? undefined : JSON.parse(text);
    },
  };
}

/** The calls `server` recorded for `operation` on the workspace's secret. */
export function callsFor(server: LocalSecretsManager, ws: Workspace, operation: string) {
  return server.calls.filter(
    (call) =>
      call.operation === operation && (call.body.SecretId === ws.secretId || call.body.Name === ws.secretId),
  );
}

/** Removes every workspace folder. */
export function removeWorkspaces(): void {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function mergedEnv(
  base: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...base, ...extra }))
    if (value !== undefined) env[name] = value;
  return env;
}

/** Runs the built executable with this process's node in a child process, in `cwd` with just `env`. */
export function spawnCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  stdin?: string | Buffer,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env: mergedEnv(env),
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const output = outputOf(child);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...output() }));
    child.stdin.end(stdin);
  });
}

/** Runs the built executable with Node 22 (this process's node) in a child process. */
export function childRunner(workspace: Workspace): CliRunner {
  return (args, options = {}) =>
    spawnCli(args, mergedEnv(workspace.env, options.env), options.cwd ?? workspace.dir, options.stdin);
}

/**
 * Runs `runCli` in this process. The AWS SDK reads credentials and the endpoint from `process.env` (jest
 * gives each test file its own copy), which {@link useInProcessAwsEnv} sets.
 */
export function inProcessRunner(workspace: Workspace): CliRunner {
  return async (args, options = {}) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      // Strings stay strings and Buffers stay Buffers: a process's stdin yields either, by encoding.
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      env: mergedEnv(workspace.env, options.env),
      ...(options.terminalKeys === undefined ? {} : { terminal: scriptedTerminal(options.terminalKeys) }),
      isTTY: { stdout: options.stdoutIsTTY === true },
      cwd: options.cwd ?? workspace.dir,
      // Only `local` waits for a stop, and its tests drive runCli themselves.
      waitForStop: () => new Promise(() => {}),
    });
    return { code, stdout, stderr };
  };
}

/** A terminal on which `keys` are typed, one piece per read. */
function scriptedTerminal(keys: readonly string[]): Terminal {
  const queue = [...keys];
  return {
    async readRaw(take) {
      // Keys come after whatever the program prints when it starts reading, as on a real terminal.
      await Promise.resolve();
      while (!take(queue.shift() ?? "\u0004")) {
        // The next piece.
      }
    },
  };
}

/** Points this process's AWS SDK at the local endpoint with test credentials; returns the undo. */
export function useInProcessAwsEnv(server: LocalSecretsManager): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "starfleet-secrets-aws-"));
  const wanted: Record<string, string> = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "eu-west-1",
    AWS_CONFIG_FILE: path.join(dir, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "no-aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const saved = Object.fromEntries(Object.keys(wanted).map((name) => [name, process.env[name]]));
  const savedProfile = process.env.AWS_PROFILE;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, wanted);
  return () => {
    for (const [name, value] of Object.entries({ ...saved, AWS_PROFILE: savedProfile })) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Both ways of running the CLI, for `describe.each`. */
export const RUNNERS = [
  ["child process", childRunner],
  ["in process", inProcessRunner],
] as const;

/** Asserts-friendly: the lines of a text, without the empty last one. */
export function linesOf(text: string): string[] {
  return text.split("\n").filter((line, index, all) => line !== "" || index < all.length - 1);
}

/** The local endpoint a CLI test file runs against; `server` is set once the file's beforeAll has run. */
export interface CliTestServer {
  readonly server: LocalSecretsManager;
}

/**
 * Registers the file's hooks: start the local endpoint (after checking the CLI is built, for files that
 * spawn it), point this process's SDK at it for in-process runs, forget calls and faults between tests,
 * and clean everything up afterwards.
 */
export function useCliTestServer(options: {
  readonly cliBuilt?: boolean;
  readonly inProcessAws?: boolean;
  readonly resetEachTest?: boolean;
}): CliTestServer {
  const suite = {} as { server: LocalSecretsManager };
  let restoreEnv = () => {};
  beforeAll(async () => {
    if (options.cliBuilt) assertCliBuilt();
    suite.server = await startLocalSecretsManager();
    if (options.inProcessAws) restoreEnv = useInProcessAwsEnv(suite.server);
  });
  afterAll(async () => {
    restoreEnv();
    await suite.server.close();
    removeWorkspaces();
  });
  if (options.resetEachTest) beforeEach(() => suite.server.reset());
  return suite;
}
