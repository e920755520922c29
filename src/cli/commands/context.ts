/** What every command gets: its parsed invocation, the io, and a way to reach the secret. */
import type { Invocation } from "../args.js";
import type { AwsSession } from "../aws.js";
import type { ExitCode } from "../cli-error.js";
import type { CommandName } from "../command-table.js";
import type { CliIo } from "../io.js";

/** Loads the configuration, names the secret and opens a client; the caller closes it after the command. */
export type Connect = () => Promise<AwsSession>;

/** A command's implementation. */
export type CommandRunner<Name extends CommandName> = (
  invocation: Extract<Invocation, { readonly command: Name }>,
  io: CliIo,
  connect: Connect,
) => Promise<ExitCode>;
