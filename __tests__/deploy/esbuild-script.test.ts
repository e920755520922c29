// The plain esbuild recipe: examples/deploy/esbuild-bundle.ts run as a user runs it, building into the
// Lambda-like layout, then the shared deployed-worker checks.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describeDeployedWorker } from "./deployed-worker.js";
import { ROOT_DIR } from "./lambda-layout.js";

const run = promisify(execFile);

describeDeployedWorker("node examples/deploy/esbuild-bundle.ts", async ({ taskRoot }) => {
  await run(process.execPath, [path.join("examples", "deploy", "esbuild-bundle.ts"), taskRoot], {
    cwd: ROOT_DIR,
  });
  return path.join(taskRoot, "index.mjs");
});
