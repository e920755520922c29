/** `unset WORKER [KEY] [--dry-run]`. */
import type { CommandRunner } from "./context.js";
import { runEdit } from "./edit-flow.js";

/** Runs `unset`. */
export const runUnset: CommandRunner<"unset"> = async (invocation, io, connect) => {
  const { entry, key } = invocation;
  return runEdit({ action: "unset", entry, key }, invocation.dryRun, await connect(), io);
};
