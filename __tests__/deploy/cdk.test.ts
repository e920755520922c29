// The AWS CDK recipe, examples/deploy/cdk-bundling.ts. CDK cannot run here, so this does what
// NodejsFunction's local bundling does with those options (aws-cdk-lib/aws-lambda-nodejs, private/bundling.ts):
// the same esbuild command line into the asset folder, then the command hooks in a shell, chained with &&.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "@jest/globals";
import { starfleetBundling } from "../../examples/deploy/cdk-bundling.ts";
import { lambdaBundleOptions } from "../../examples/deploy/esbuild-options.ts";
import { describeDeployedWorker } from "./deployed-worker.js";
import { esbuildCli } from "./esbuild-cli.js";
import { ROOT_DIR } from "./lambda-layout.js";

const run = promisify(execFile);
const ENTRY = path.join(ROOT_DIR, "examples", "workers", "github-sync-worker.ts");
/** The options this emulation turns into flags; any other would be silently dropped, so it fails instead. */
const TRANSLATED = ["format", "target", "externalModules", "banner", "commandHooks"];

/** CDK's flags for these options; with format ESM, CDK names the bundle index.mjs. */
function cdkEsbuildArgs(outputDir: string): string[] {
  const { target, format, externalModules, banner } = starfleetBundling;
  return [
    "--bundle",
    ENTRY,
    `--target=${target}`,
    "--platform=node",
    `--format=${format}`,
    `--outfile=${path.join(outputDir, format === "esm" ? "index.mjs" : "index.js")}`,
    ...externalModules.map((module) => `--external:${module}`),
    `--banner:js=${banner}`,
  ];
}

it("uses only bundling options this emulation of NodejsFunction knows", () => {
  expect(Object.keys(starfleetBundling).sort()).toEqual([...TRANSLATED].sort());
});

it("bundles as the plain esbuild recipe does, whose options the benchmark's bundled rows use", () => {
  const plain = lambdaBundleOptions(ENTRY, "index.mjs");
  expect({
    format: plain.format,
    target: plain.target,
    external: plain.external,
    banner: plain.banner?.js,
  }).toEqual({
    format: starfleetBundling.format,
    target: starfleetBundling.target,
    external: starfleetBundling.externalModules,
    banner: starfleetBundling.banner,
  });
});

describeDeployedWorker("AWS CDK NodejsFunction (examples/deploy/cdk-bundling.ts)", async ({ taskRoot }) => {
  // CDK's projectRoot, passed to the hooks as inputDir, is the folder of the lock file: the repository root.
  const hooks = starfleetBundling.commandHooks;
  await run("bash", ["-c", hooks.beforeBundling(ROOT_DIR, taskRoot).join(" && ") || "true"]);
  await esbuildCli(cdkEsbuildArgs(taskRoot), ROOT_DIR);
  await run("bash", ["-c", hooks.afterBundling(ROOT_DIR, taskRoot).join(" && ")]);
  return path.join(taskRoot, "index.mjs");
});
