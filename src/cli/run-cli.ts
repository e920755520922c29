/**
 * The CLI as a function: arguments and io in, exit status out. main.ts wires it to the process; tests call
 * it with buffers.
 */
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { StarfleetSecretsError } from "../errors.js";
import { type CommandLine, type Invocation, parseCommandLine } from "./args.js";
import { type AwsSession, openAwsSession } from "./aws.js";
import { CliError, type ExitCode } from "./cli-error.js";
import type { CommandName } from "./command-table.js";
import { runCheck } from "./commands/check.js";
import type { CommandRunner, Connect } from "./commands/context.js";
import { runHistory } from "./commands/history.js";
import { runInit } from "./commands/init.js";
import { runLocal } from "./commands/local.js";
import { runPolicy } from "./commands/policy.js";
import { runPut } from "./commands/put.js";
import { runResourcePolicy } from "./commands/resource-policy.js";
import { runRollback } from "./commands/rollback.js";
import { runSet } from "./commands/set.js";
import { runShow } from "./commands/show.js";
import { runUnset } from "./commands/unset.js";
import { repairHint } from "./current-version.js";
import { helpText } from "./help.js";
import type { CliIo } from "./io.js";
import { resolveTarget } from "./target.js";

async function packageVersion(): Promise<string> {
  // src/cli/ and dist/cli/ are both two levels below the package root.
  const text = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

// The resource policy names no secret, so it is built without the configuration or AWS.
const runAnyPolicy: CommandRunner<"policy"> = (invocation, io, connect) =>
  invocation.resourcePolicyRoles === undefined
    ? runPolicy(invocation, io, connect)
    : Promise.resolve(runResourcePolicy(invocation.resourcePolicyRoles, io));

const RUNNERS: { readonly [Name in CommandName]: CommandRunner<Name> } = {
  check: runCheck,
  policy: runAnyPolicy,
  init: runInit,
  set: runSet,
  unset: runUnset,
  show: runShow,
  history: runHistory,
  rollback: runRollback,
  put: runPut,
  // It serves the secret itself: no AWS session.
  local: runLocal,
};

function runInvocation(invocation: Invocation, io: CliIo, connect: Connect): Promise<ExitCode> {
  // Each runner takes its own command's invocation, which the table's keys pair it with.
  const runner = RUNNERS[invocation.command] as CommandRunner<CommandName>;
  return runner(invocation as never, io, connect);
}

async function run(line: CommandLine, io: CliIo): Promise<ExitCode> {
  if (line.kind === "help") {
    io.stdout.write(helpText(line.command));
    return 0;
  }
  if (line.kind === "version") {
    io.stdout.write(`${await packageVersion()}\n`);
    return 0;
  }
  const { invocation } = line;
  let session: AwsSession | undefined;
  const connect: Connect = async () => {
    const { globals } = invocation;
    const target = resolveTarget(globals, io.env, io.cwd);
    if (globals.profile !== undefined && io.env.AWS_ACCESS_KEY_ID) {
      io.stderr.write(
        `Note: using the credentials of profile "${globals.profile}" (--profile), not AWS_ACCESS_KEY_ID.\n`,
      );
    }
    session = await openAwsSession(target, {
      profile: globals.profile,
      endpointUrl: globals.endpointUrl,
    });
    return session;
  };
  try {
    return await runInvocation(invocation, io, connect);
  } finally {
    // Keep-alive sockets would otherwise hold the process open after the answer is printed.
    session?.close();
  }
}

/** Prints a failure as one message, with no stack trace unless it is a bug. */
function report(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CliError) {
    io.stderr.write(`starfleet-secrets: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof StarfleetSecretsError) {
    // The middleware's errors (NOT_JSON, NOT_AN_OBJECT, BINARY_SECRET) never quote the secret.
    io.stderr.write(`starfleet-secrets: ${error.message}${repairHint(error.code)}\n`);
    return 1;
  }
  // Not an expected failure: the stack is what a bug report needs. Our own code never puts secret values
  // in errors, and JSON parse errors (which would quote them) are always caught and replaced.
  io.stderr.write(`starfleet-secrets: unexpected error (please report it): ${inspect(error)}\n`);
  return 1;
}

/**
 * Runs the CLI: parses `argv` (the arguments after the program name), runs the command, prints to `io`,
 * and returns the exit status (0 success, 1 a check or the operation failed, 2 usage or configuration
 * error). Never throws.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await run(parseCommandLine(argv), io);
  } catch (error) {
    return report(error, io);
  }
}
