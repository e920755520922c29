// The SAM recipe, examples/template.yaml. SAM cannot run here, so this runs the esbuild command line that
// `sam build` derives from the function's BuildProperties (see sam-template.ts), from its CodeUri into the
// artifact folder, and finds the handler module as the Lambda runtime does.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { loadStarfleetConfig } from "../../src/index.js";
import { describeDeployedWorker } from "./deployed-worker.js";
import { esbuildCli } from "./esbuild-cli.js";
import { loadTemplate, samEsbuildArgs, TEMPLATE_FILE } from "./sam-template.js";

const template = loadTemplate();
const worker = template.Resources.GitHubSyncWorkerFunction;

/** "workers/github-sync-worker.handler" → the file Lambda loads: the module path tried with "", .js, .mjs, .cjs. */
function handlerModule(artifactsDir: string, handler: string): string {
  const modulePath = path.join(artifactsDir, handler.slice(0, handler.lastIndexOf(".")));
  const file = ["", ".js", ".mjs", ".cjs"].map((extension) => modulePath + extension).find(existsSync);
  if (!file) throw new Error(`Handler ${handler}: no such module in the artifact`);
  return file;
}

describe("examples/template.yaml", () => {
  it("builds the worker with SAM's esbuild builder", () => {
    expect(worker?.Metadata?.BuildMethod).toBe("esbuild");
  });

  it("never creates or writes the secret: it names the one starfleet-secrets init created", () => {
    const types = Object.values(template.Resources).map((resource) => resource.Type);
    expect(types).not.toContain("AWS::SecretsManager::Secret");
    expect(JSON.stringify(template)).not.toContain("SecretString");
    const configuration = loadStarfleetConfig({
      directory: path.join(path.dirname(TEMPLATE_FILE), "configuration_files"),
    });
    expect(template.Parameters.StarfleetSecretName?.Default).toBe(
      configuration.STARFLEET.SecretsManager?.SecretId,
    );
    expect(template.Resources.StarfleetSecretResourcePolicy?.Properties.SecretId).toEqual({
      Ref: "StarfleetSecretName",
    });
  });
});

describeDeployedWorker("SAM BuildMethod: esbuild (examples/template.yaml)", async ({ taskRoot }) => {
  if (!worker?.Metadata?.BuildProperties) throw new Error("GitHubSyncWorkerFunction has no BuildProperties");
  const codeUri = path.resolve(path.dirname(TEMPLATE_FILE), String(worker.Properties.CodeUri));
  await esbuildCli(samEsbuildArgs(worker.Metadata.BuildProperties, taskRoot), codeUri);
  return handlerModule(taskRoot, String(worker.Properties.Handler));
});
