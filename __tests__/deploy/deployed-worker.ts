/**
 * The checks every deployment recipe must pass, as one `describe` block: the recipe builds the example
 * GitHub sync worker into a Lambda-like layout, and the asset is invoked once in a fresh Node process, as
 * a cold start, against the local Secrets Manager endpoint. The process is given LAMBDA_TASK_ROOT (never
 * STARFLEET_CONFIG_DIR) and runs from outside the asset, so the configuration can only come from
 * $LAMBDA_TASK_ROOT/configuration_files.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type LocalSecretsManager, startLocalSecretsManager } from "../../src/local/server.js";
import { expectNoSecretLeak, SECRET_DOCUMENT, SECRET_STRING } from "../support/fixtures.js";
import { createLambdaLayout, type LambdaLayout, ROOT_DIR, SDK_PACKAGE } from "./lambda-layout.js";

/** The same Lambda-like first invocation the cold-start benchmark runs. */
const FIRST_INVOCATION = path.join(ROOT_DIR, "bench", "children", "first-invocation.js");
const RESULT_MARKER = "@@first-invocation ";
const CONFIG_DIR = path.join(ROOT_DIR, "examples", "configuration_files");
/** Bundled with the SDK, the worker is over 1 MB; without it, well under this. */
const MAX_BUNDLE_BYTES = 400_000;

/** Builds the asset into `layout.taskRoot` as the recipe does; returns the handler module's path. */
export type Recipe = (layout: LambdaLayout) => Promise<string>;

interface Invocation {
  readonly code: number | null;
  readonly output: string;
  readonly result: unknown;
  readonly modules: readonly string[];
}

function invoke(layout: LambdaLayout, handlerFile: string, endpoint: string): Promise<Invocation> {
  const nowhere = path.join(layout.root, "no-aws-config");
  const env = {
    PATH: process.env.PATH ?? "",
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_REGION: "us-east-2",
    AWS_ACCESS_KEY_ID: "AKIDDEPLOYRECIPE",
    AWS_SECRET_ACCESS_KEY: "deploy-recipe-test",
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    LAMBDA_TASK_ROOT: layout.taskRoot,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIRST_INVOCATION, handlerFile, "--trace-modules"], {
      cwd: layout.root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = output.split("\n").find((text) => text.startsWith(RESULT_MARKER));
      const report = line
        ? (JSON.parse(line.slice(RESULT_MARKER.length)) as { result: unknown; modules: string[] })
        : { result: undefined, modules: [] };
      resolve({ code, output, ...report });
    });
  });
}

/** Relative path → contents of every file under `folder`. */
function filesIn(folder: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) Object.assign(files, filesIn(file, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(file, "utf8");
  }
  return files;
}

/** Registers the shared checks of one recipe; call at the top level of a test file. */
export function describeDeployedWorker(name: string, recipe: Recipe): void {
  describe(`${name}: the example worker, built and invoked as on Lambda`, () => {
    let layout: LambdaLayout;
    let server: LocalSecretsManager;
    let handlerFile: string;
    let run: Invocation;

    beforeAll(async () => {
      server = await startLocalSecretsManager({ secrets: { Starfleet: SECRET_STRING } });
      layout = createLambdaLayout();
      handlerFile = await recipe(layout);
      run = await invoke(layout, handlerFile, server.endpoint);
    }, 60_000);

    afterAll(async () => {
      await server?.close();
      layout?.remove();
    });

    it("ships the whole configuration folder at $LAMBDA_TASK_ROOT/configuration_files", () => {
      expect(filesIn(path.join(layout.taskRoot, "configuration_files"))).toEqual(filesIn(CONFIG_DIR));
    });

    it("hands the worker its entry, read from the configuration in the asset, with one GetSecretValue call", () => {
      expect({ code: run.code, result: run.result }).toEqual({
        code: 0,
        result: { wouldSync: Object.keys(SECRET_DOCUMENT.GitHubSyncWorker), missingKeys: [] },
      });
      expect(server.calls.map(({ operation, region }) => ({ operation, region }))).toEqual([
        { operation: "GetSecretValue", region: "us-east-2" },
      ]);
    });

    it("leaves the AWS SDK out of the bundle: it resolves from the runtime's node_modules", () => {
      const taskRoot = pathToFileURL(layout.taskRoot).href;
      const files = run.modules.filter((url) => url.startsWith("file:"));
      expect(files.filter((url) => url.startsWith(`${taskRoot}/`))).toEqual([
        pathToFileURL(handlerFile).href,
      ]);
      // Loaded, and (by the line above) from outside the asset.
      expect(files.filter((url) => url.includes(`/node_modules/${SDK_PACKAGE}/`)).length).toBeGreaterThan(0);
      expect(statSync(handlerFile).size).toBeLessThan(MAX_BUNDLE_BYTES);
    });

    it("prints no secret value, nor any part of one", () => {
      expect(run.output).toContain(RESULT_MARKER);
      expectNoSecretLeak(run.output);
    });
  });
}
