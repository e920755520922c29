/**
 * The second half of `npm run build`: replaces tsc's module-per-file output for the package's two entries
 * (`middy-starfleet-secrets` and `middy-starfleet-secrets/testing`) with ES module bundles of our own code.
 *
 * Why: a function deployed without a bundler (a zip of node_modules) otherwise resolves, reads and links
 * each of our modules one by one at cold start, which costs more than the code in them (BENCHMARKS.md,
 * "Where the time goes"). Dependencies and peer dependencies stay imports (`@middy/util`, `js-yaml`, the
 * AWS SDK, which is still imported on the first fetch only), so they are shared with the function's own
 * and updated as usual. The two entries share their common code through chunks, so a class such as
 * `StarfleetConfigError` is one class for both. tsc's other output (the CLI, declarations) is unchanged.
 *
 * The esbuild metafile is written to dist/bundle-meta.json (not published) for the test that checks what
 * the middleware's entry loads.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(ROOT, "dist");
const CHUNKS = path.join(DIST, "chunks");

// Chunk names carry a content hash: chunks of an earlier build would otherwise stay behind.
fs.rmSync(CHUNKS, { recursive: true, force: true });

const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  packages: "external",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
fs.writeFileSync(path.join(DIST, "bundle-meta.json"), `${JSON.stringify(metafile, null, 2)}\n`);
