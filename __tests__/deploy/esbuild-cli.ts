/** Runs the esbuild command line, as CDK and SAM do, with this repository's esbuild. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT_DIR } from "./lambda-layout.js";

const run = promisify(execFile);
const ESBUILD = path.join(ROOT_DIR, "node_modules", "esbuild", "bin", "esbuild");

// Run as CDK and SAM run it, as an executable: esbuild's install step may have replaced the JavaScript
// launcher with the native binary.
export async function esbuildCli(args: readonly string[], cwd: string): Promise<void> {
  await run(ESBUILD, [...args, "--log-level=warning"], { cwd });
}
