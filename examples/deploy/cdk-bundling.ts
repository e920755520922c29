/**
 * The `bundling` options of an AWS CDK `NodejsFunction` for a Starfleet worker that uses this package:
 * an ES module bundle with the AWS SDK left to the runtime, and the Starfleet configuration folder copied
 * into the asset beside `index.mjs`, where the middleware finds it ($LAMBDA_TASK_ROOT/configuration_files).
 *
 * Copy this file into your CDK app and use it in the stack:
 *
 * ```ts
 * import { Runtime } from "aws-cdk-lib/aws-lambda";
 * import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
 * import { starfleetBundling } from "./cdk-bundling.ts";
 *
 * new NodejsFunction(this, "GitHubSyncWorker", {
 *   entry: "examples/workers/github-sync-worker.ts",
 *   runtime: Runtime.NODEJS_22_X,
 *   environment: { STARFLEET_WORKER_NAME: "GitHubSyncWorker" },
 *   // CDK types `format` as its OutputFormat enum; OutputFormat.ESM is the string "esm" below.
 *   bundling: { ...starfleetBundling, format: OutputFormat.ESM },
 * });
 * ```
 *
 * The function's Handler is then `index.handler` (CDK names an ESM bundle `index.mjs`).
 */

/**
 * The configuration folder, relative to the CDK project root (where the lock file is: CDK's `projectRoot`,
 * which it passes to the command hooks as `inputDir`). In your app, usually `configuration_files`.
 */
export const CONFIGURATION_FOLDER = "examples/configuration_files";

/**
 * `NodejsFunction` bundling options, in CDK's own names (`BundlingOptions` of aws-cdk-lib/aws-lambda-nodejs).
 *
 * @example
 * ```ts
 * new NodejsFunction(this, "Worker", { entry, runtime, bundling: { ...starfleetBundling, format: OutputFormat.ESM } });
 * ```
 */
export const starfleetBundling = {
  format: "esm",
  // Match the function's runtime (nodejs22.x).
  target: "node22",
  // The runtime's SDK v3. Stated rather than left to CDK's default, which leaves @smithy/* in the bundle
  // unless the @aws-cdk/aws-lambda-nodejs:sdkV3ExcludeSmithyPackages feature flag is on.
  externalModules: ["@aws-sdk/*", "@smithy/*"],
  // ES module bundles have no `require`: this gives bundled CommonJS dependencies a real one.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  commandHooks: {
    beforeBundling: (_inputDir: string, _outputDir: string): string[] => [],
    beforeInstall: (_inputDir: string, _outputDir: string): string[] => [],
    // Runs after esbuild, on the host (or in the bundling container), in a POSIX shell.
    afterBundling: (inputDir: string, outputDir: string): string[] => [
      `cp -R "${inputDir}/${CONFIGURATION_FOLDER}" "${outputDir}/configuration_files"`,
    ],
  },
};
