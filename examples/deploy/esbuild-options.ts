/**
 * The esbuild options of a worker's Lambda bundle, for `esbuild-bundle.ts` (and the benchmark's bundled
 * cold-start rows). They are the flags AWS CDK's `NodejsFunction` passes with the CDK recipe's options
 * (cdk-bundling.ts): ESM, platform node, target node22, the AWS SDK external, the banner, not minified.
 */
import type { BuildOptions } from "esbuild";

/**
 * Left out of the bundle: the Lambda Node.js runtimes ship the SDK v3, and this package imports it lazily,
 * on the first fetch. Bundled, it would add about 1 MB that every cold start reads and parses.
 *
 * @example
 * ```ts
 * await build({ entryPoints: ["handler.ts"], bundle: true, external: SDK_EXTERNAL });
 * ```
 */
export const SDK_EXTERNAL = ["@aws-sdk/*", "@smithy/*"];

/**
 * An ES module bundle has no `require`; CommonJS dependencies bundled into it (a JWT library, say) call it
 * for Node's built-in modules, and esbuild's stand-in throws "Dynamic require of ... is not supported".
 * This banner gives them a real one.
 *
 * @example
 * ```ts
 * await build({ entryPoints: ["handler.ts"], bundle: true, format: "esm", banner: { js: REQUIRE_BANNER } });
 * ```
 */
export const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Options to bundle `entry` into `outfile` (name it `index.mjs`: the `.mjs` makes Lambda load it as an ES
 * module, and the handler is then `index.handler`).
 *
 * @example
 * ```ts
 * await build(lambdaBundleOptions("workers/github-sync-worker.ts", "dist/github-sync-worker/index.mjs"));
 * ```
 */
export function lambdaBundleOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    external: SDK_EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    logLevel: "warning",
  };
}
