/**
 * What a Lambda function loads: the middleware's entry must not reach the local endpoint, the testing kit
 * or the CLI, which ship in the same package for other uses. Read from esbuild's metafile of the built entry,
 * as a deployment bundle would be made.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "@jest/globals";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function modulesOf(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    // Peer dependencies and the package's dependencies: only our own modules are of interest.
    external: ["@aws-sdk/*", "@middy/*", "js-yaml"],
    logLevel: "silent",
  });
  return Object.keys(metafile.inputs).sort();
}

it("the middleware's entry loads none of the local endpoint, the testing kit or the CLI", async () => {
  const modules = await modulesOf("dist/index.js");

  expect(modules).toContain("dist/middleware.js");
  expect(modules.filter((file) => /^dist\/(local|testing|cli)\//.test(file))).toEqual([]);
});

it("the testing kit's entry does not load the endpoint's server (no HTTP in unit tests)", async () => {
  const modules = await modulesOf("dist/testing/index.js");

  expect(modules).toContain("dist/local/secret-model.js");
  expect(modules).not.toContain("dist/local/server.js");
});
