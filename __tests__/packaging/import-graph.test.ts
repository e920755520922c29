/**
 * What a Lambda function loads: the middleware's entry must not reach the local endpoint, the testing kit
 * or the CLI, which ship in the same package for other uses. Read from the metafile that `npm run build`
 * writes beside the bundled entries (tools/bundle-dist.mjs).
 */
import fs from "node:fs";
import { expect, it } from "@jest/globals";

interface Output {
  readonly entryPoint?: string;
  readonly inputs: Record<string, unknown>;
  readonly imports: readonly { readonly path: string; readonly external?: boolean }[];
}

const META = new URL("../../dist/bundle-meta.json", import.meta.url);

function outputs(): Record<string, Output> {
  if (!fs.existsSync(META)) throw new Error("dist/bundle-meta.json is missing: run `npm run build` first.");
  return (JSON.parse(fs.readFileSync(META, "utf8")) as { outputs: Record<string, Output> }).outputs;
}

/** The source modules an entry's bundle holds, its chunks' included; and what it imports from outside. */
function loadedBy(entryPoint: string): { modules: string[]; external: string[] } {
  const all = outputs();
  const [entry] = Object.entries(all).filter(([, output]) => output.entryPoint === entryPoint);
  if (entry === undefined) throw new Error(`no bundle for ${entryPoint}`);
  const modules = new Set<string>();
  const external = new Set<string>();
  const pending = [entry[0]];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const output = all[file];
    if (output === undefined) throw new Error(`the metafile has no output ${file}`);
    for (const input of Object.keys(output.inputs)) modules.add(input);
    for (const imported of output.imports) {
      if (imported.external) external.add(imported.path);
      else pending.push(imported.path);
    }
  }
  return { modules: [...modules].sort(), external: [...external].sort() };
}

it("the middleware's entry loads none of the local endpoint, the testing kit or the CLI", () => {
  const { modules, external } = loadedBy("src/index.ts");

  expect(modules).toContain("src/middleware.ts");
  expect(modules.filter((file) => /^src\/(local|testing|cli)\//.test(file))).toEqual([]);
  // Dependencies stay imports, shared with the function's own; the SDK is imported on the first fetch.
  expect(external.filter((name) => !name.startsWith("node:"))).toEqual([
    "@aws-sdk/client-secrets-manager",
    "@middy/util",
    "js-yaml",
  ]);
});

it("the testing kit's entry does not load the endpoint's server (no HTTP in unit tests)", () => {
  const { modules } = loadedBy("src/testing/index.ts");

  expect(modules).toContain("src/local/secret-model.ts");
  expect(modules).not.toContain("src/local/server.ts");
});

it("the two entries share one copy of the error classes, so instanceof works across them", () => {
  const holders = Object.entries(outputs()).filter(([, output]) => "src/errors.ts" in output.inputs);

  expect(holders.map(([file]) => file)).toEqual([expect.stringMatching(/^dist\/chunks\//)]);
});
