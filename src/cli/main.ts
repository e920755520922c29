#!/usr/bin/env node
/**
 * The `starfleet-secrets` executable. Everything but the process wiring lives in run-cli.ts.
 */
import { processIo } from "./io.js";
import { runCli } from "./run-cli.js";

// `starfleet-secrets show | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
