/**
 * The built CLI on a real pseudo-terminal (util-linux `script`), as an operator types at it: what the screen
 * shows, echo included. A value pasted for --stdin must not appear; destructive commands ask first.
 */
import { execFileSync, spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "@jest/globals";
import { expectNoSecretLeak, SECRET_DOCUMENT, SECRET_STRING, SECRET_VALUES } from "../support/fixtures.js";
import {
  CLI_PATH,
  childRunner,
  createWorkspace,
  mergedEnv,
  useCliTestServer,
  type Workspace,
} from "./harness.js";

const suite = useCliTestServer({ cliBuilt: true, resetEachTest: true });

const NEW_TOKEN = "xoxb-9999-new-slack-SeCrEtToKeN";

beforeAll(() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error("These tests need util-linux `script` (Debian: bsdutils) to run the CLI on a terminal.");
  }
});

function shellQuoted(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/** What the terminal showed, and the CLI's exit status. */
interface TerminalRun {
  readonly code: number | null;
  readonly screen: string;
}

/**
 * Runs `starfleet-secrets ARGS` on a pseudo-terminal, typing each step's keys once the screen shows the step's
 * text ("\r" is Enter, "\u0004" Ctrl-D). Gives up after 15 s, with what the screen showed so far.
 */
function onTerminal(
  ws: Workspace,
  args: readonly string[],
  steps: readonly (readonly [string, string])[] = [],
) {
  const command = [process.execPath, CLI_PATH, ...args].map(shellQuoted).join(" ");
  return new Promise<TerminalRun>((resolve, reject) => {
    // -e: exit with the CLI's status. The transcript file is /dev/null: the screen is read from stdout.
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], {
      env: mergedEnv(ws.env),
      cwd: ws.dir,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    const pending = [...steps];
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the CLI did not finish on the terminal; the screen showed:\n${screen}`));
    }, 15_000);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      screen += chunk;
      for (let step = pending[0]; step !== undefined && screen.includes(step[0]); step = pending[0]) {
        child.stdin.write(step[1]);
        pending.shift();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe("on a terminal", () => {
  it("set --stdin reads the pasted token without echo, and says so", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });

    const run = await onTerminal(
      ws,
      ["set", "STARFLEET", "SlackToken", "--stdin"],
      [["Ctrl-C cancels.", `${NEW_TOKEN}\r\u0004`]],
    );

    expect(run.code).toBe(0);
    expect(run.screen).toContain("Paste the value (it will not be shown), then press Enter and Ctrl-D");
    expect(run.screen).toContain("~ STARFLEET.SlackToken: string (27 chars) -> string (31 chars)");
    expectNoSecretLeak(run.screen, [NEW_TOKEN, ...SECRET_VALUES]);
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, STARFLEET: { SlackToken: NEW_TOKEN } });
  });

  it("Ctrl-C at the [y/N] question cancels, and says so as Ctrl-C does everywhere", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    expect((await childRunner(ws)(["set", "NewWorker", "--json", '{"user": "bot"}'])).code).toBe(0);

    const interrupted = await onTerminal(ws, ["rollback"], [["[y/N] ", "\u0003"]]);

    expect(interrupted.code).toBe(1);
    expect(interrupted.screen).toContain("Cancelled (Ctrl-C): nothing was written.");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, NewWorker: { user: "bot" } });
  });

  it("rollback shows the masked diff and asks first; anything but yes changes nothing", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    expect((await childRunner(ws)(["set", "NewWorker", "--json", '{"user": "bot"}'])).code).toBe(0);

    const declined = await onTerminal(ws, ["rollback"], [["[y/N] ", "n\r"]]);

    expect(declined.code).toBe(1);
    expect(declined.screen).toMatch(
      /About to make version \S+ \(AWSPREVIOUS\) AWSCURRENT in place of version/,
    );
    expect(declined.screen).toContain("- NewWorker: object (1 key)");
    expect(declined.screen).toMatch(/Roll back secret ".*" in us-east-2 to version \S+\? \[y\/N\] n\r\n/);
    expect(declined.screen).toContain("Not confirmed: nothing was written.");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, NewWorker: { user: "bot" } });

    const confirmed = await onTerminal(ws, ["rollback"], [["[y/N] ", "y\r"]]);

    expect(confirmed.code).toBe(0);
    expect(confirmed.screen).toMatch(/Rolled back secret .* is AWSCURRENT/);
    expect(ws.secret()).toEqual(SECRET_DOCUMENT);
    expectNoSecretLeak(declined.screen + confirmed.screen);
  });

  it("put --stdin takes the value without echo, then asks on the same terminal", async () => {
    const ws = createWorkspace(suite.server, { secret: '{"STARFLEET": {},,}' });
    const fixed = JSON.stringify({ STARFLEET: { SlackToken: NEW_TOKEN } });

    const run = await onTerminal(
      ws,
      ["put", "--stdin"],
      [
        ["Ctrl-C cancels.", `${fixed}\r\u0004`],
        ["[y/N] ", "yes\r"],
      ],
    );

    expect(run.code).toBe(0);
    expect(run.screen).toContain("~ (the whole value): not a usable secret (NOT_JSON) -> object (1 key)");
    expect(run.screen).toMatch(/Replace the whole value of secret ".*" in us-east-2\? \[y\/N\] yes\r\n/);
    expectNoSecretLeak(run.screen, [NEW_TOKEN]);
    expect(suite.server.getSecretString(ws.secretId)).toBe(fixed);
  });

  it("--yes does not ask, and unset of a key never does", async () => {
    const ws = createWorkspace(suite.server, { secret: SECRET_STRING });
    expect((await childRunner(ws)(["set", "W", "--json", "1"])).code).toBe(0);

    const rollback = await onTerminal(ws, ["rollback", "--yes"]);
    const unsetKey = await onTerminal(ws, ["unset", "OtherWorker", "password"]);

    expect(rollback.code).toBe(0);
    expect(unsetKey.code).toBe(0);
    expect(rollback.screen + unsetKey.screen).not.toContain("[y/N]");
    expect(ws.secret()).toEqual({ ...SECRET_DOCUMENT, OtherWorker: {} });
  });
});
