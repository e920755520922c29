/** `set WORKER [KEY] (--from-file FILE | --stdin | --json VALUE) [--dry-run]`. */
import { readNewValue } from "../value-source.js";
import type { CommandRunner } from "./context.js";
import { runEdit } from "./edit-flow.js";

/** Runs `set`. The value is read first, so a bad --json or an empty stdin fails before any AWS call. */
export const runSet: CommandRunner<"set"> = async (invocation, io, connect) => {
  const value = await readNewValue(invocation.source, io);
  const { entry, key, dryRun } = invocation;
  return runEdit({ action: "set", entry, key, value }, { dryRun }, await connect(), io);
};
