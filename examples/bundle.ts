/**
 * Builds the GitHub sync worker's Lambda package for ../template.yaml:
 *
 *   examples/dist/github-sync-worker/
 *     index.mjs             the worker and its dependencies (middy, this package, js-yaml, the AWS SDK
 *                           client), bundled by esbuild: Handler `index.handler`
 *     index.mjs.map
 *     configuration_files/  a copy of examples/configuration_files
 *
 * The template's CodeUri is that folder, so the configuration ships inside the code and the package finds
 * it at $LAMBDA_TASK_ROOT/configuration_files (no STARFLEET_CONFIG_DIR needed on Lambda).
 *
 * Run with `npm run build && node examples/bundle.ts` (this package is bundled from its dist/ build).
 */
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const EXAMPLES = path.dirname(fileURLToPath(import.meta.url));
const OUT_DIR = path.join(EXAMPLES, "dist", "github-sync-worker");

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: [path.join(EXAMPLES, "workers", "github-sync-worker.ts")],
  outfile: path.join(OUT_DIR, "index.mjs"),
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // Prefer the ESM builds of dependencies; CommonJS ones that still call require() get a real one.
  mainFields: ["module", "main"],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: "warning",
});
cpSync(path.join(EXAMPLES, "configuration_files"), path.join(OUT_DIR, "configuration_files"), {
  recursive: true,
});
console.log(`Built ${path.relative(process.cwd(), OUT_DIR)}/ (index.mjs + configuration_files/)`);
