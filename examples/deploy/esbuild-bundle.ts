/**
 * Builds the GitHub sync worker's Lambda package with esbuild alone, for any deployment tool that takes a
 * folder or a zip (the AWS CLI, Terraform, the Serverless Framework):
 *
 *   OUT_DIR/
 *     index.mjs             the worker, Middy, this package and js-yaml (not the AWS SDK): Handler `index.handler`
 *     configuration_files/  a copy of examples/configuration_files
 *
 * The configuration ships inside the package, where the middleware looks by default:
 * $LAMBDA_TASK_ROOT/configuration_files (no STARFLEET_CONFIG_DIR needed on Lambda).
 *
 *   npm run build && node examples/deploy/esbuild-bundle.ts [OUT_DIR]
 *
 * OUT_DIR defaults to examples/dist/github-sync-worker (git-ignored). This package is bundled from its dist/
 * build, hence `npm run build` first.
 */
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { lambdaBundleOptions } from "./esbuild-options.ts";

const EXAMPLES = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.resolve(process.argv[2] ?? path.join(EXAMPLES, "dist", "github-sync-worker"));

rmSync(outDir, { recursive: true, force: true });
await build(
  lambdaBundleOptions(
    path.join(EXAMPLES, "workers", "github-sync-worker.ts"),
    path.join(outDir, "index.mjs"),
  ),
);
cpSync(path.join(EXAMPLES, "configuration_files"), path.join(outDir, "configuration_files"), {
  recursive: true,
});
console.log(`Built ${path.relative(process.cwd(), outDir) || "."}/ (index.mjs + configuration_files/)`);
