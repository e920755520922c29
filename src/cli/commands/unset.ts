/** `unset WORKER [KEY] [--dry-run] [--yes]`. */
import type { CommandRunner } from "./context.js";
import { runEdit } from "./edit-flow.js";

/** Runs `unset`: removing a whole entry asks first on a terminal. */
export const runUnset: CommandRunner<"unset"> = async (invocation, io, connect) => {
  const { entry, key, dryRun, yes } = invocation;
  return runEdit({ action: "unset", entry, key }, { dryRun, yes }, await connect(), io);
};
